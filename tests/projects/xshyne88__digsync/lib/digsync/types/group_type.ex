defmodule Digsync.Types.GroupType do
  use Ash.Type.Enum, values: [:club, :bar, :social]
end
