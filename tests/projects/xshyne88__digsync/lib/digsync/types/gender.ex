defmodule Digsync.Types.Gender do
  use Ash.Type.Enum, values: [:male, :female]
end
