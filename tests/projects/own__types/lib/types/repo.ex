defmodule Types.Repo do
  use AshPostgres.Repo, otp_app: :types

  def installed_extensions, do: ["citext"]
end
