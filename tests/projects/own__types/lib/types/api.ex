defmodule Types.Api do
  use Ash.Api

  resources do
    resource Types.Thing
    resource Types.Part
  end
end
