import Config

config :helpdesk,
  ash_apis: [Support.AshApi]

config :helpdesk,
  ecto_repos: [Support.Repo]

import_config "#{config_env()}.exs"
