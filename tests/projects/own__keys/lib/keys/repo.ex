defmodule Keys.Repo do
  use AshPostgres.Repo, otp_app: :keys
end
