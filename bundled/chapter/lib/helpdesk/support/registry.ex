defmodule Support.Registry do
  use Ash.Registry,
    extensions: [Ash.Registry.ResourceValidations]

  entries do
    entry Support.Ticket
    entry Support.User
  end
end
