defmodule Realworld.Repo do
  use AshPostgres.Repo, otp_app: :realworld
end
