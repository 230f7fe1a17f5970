defmodule Types.Size do
  use Ash.Type.Enum, values: [:small, :large]
end
