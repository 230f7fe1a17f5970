defmodule Library.Repo do
  use AshPostgres.Repo, otp_app: :library
end
