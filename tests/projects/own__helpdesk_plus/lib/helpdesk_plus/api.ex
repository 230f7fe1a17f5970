defmodule HelpdeskPlus.Api do
  use Ash.Api

  resources do
    resource HelpdeskPlus.Ticket
    resource HelpdeskPlus.User
  end
end
