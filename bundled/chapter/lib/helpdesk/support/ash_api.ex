defmodule Support.AshApi do
  use Ash.Api

  resources do
    registry Support.Registry
  end
end
