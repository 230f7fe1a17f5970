defmodule HelpdeskPlus.Repo do
  use AshPostgres.Repo, otp_app: :helpdesk_plus
end
