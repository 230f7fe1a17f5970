defmodule Support.Repo do
  use AshPostgres.Repo, otp_app: :helpdesk
end
