# This file is responsible for configuring your application
# and its dependencies with the aid of the Config module.
#
# This configuration file is loaded before any dependency and
# is restricted to this project.

# General application configuration
import Config

config :kantan,
  ecto_repos: [Kantan.Repo],
  ash_apis: [Kantan.Accounts, Kantan.Organizations]

config :ash, :use_all_identities_in_manage_relationship?, false
config :pyro, :overrides, [Kantan.Pyro.Overrides.Skeleton]
config :pyro, :css_file, Path.join(File.cwd!(), "assets/css/pyro.css")

# Configures the endpoint
config :kantan, KantanWeb.Endpoint,
  url: [host: "localhost"],
  render_errors: [
    formats: [html: KantanWeb.ErrorHTML, json: KantanWeb.ErrorJSON],
    layout: false
  ],
  pubsub_server: Kantan.PubSub,
  live_view: [signing_salt: "4hZWcG2M"],
  adapter: Bandit.PhoenixAdapter

# Configures the mailer
#
# By default it uses the "Local" adapter which stores the emails
# locally. You can see the emails in your browser, at "/dev/mailbox".
#
# For production it's recommended to configure a different adapter
# at the `config/runtime.exs`.
config :kantan, Kantan.Mailer, adapter: Swoosh.Adapters.Local

# Configure esbuild (the version is required)
config :esbuild,
  version: "0.17.19",
  default: [
    args:
      ~w(js/app.js --bundle --target=es2017 --outdir=../priv/static/assets --external:/fonts/* --external:/images/*),
    cd: Path.expand("../assets", __DIR__),
    env: %{"NODE_PATH" => Path.expand("../deps", __DIR__)}
  ]

# Configure tailwind (the version is required)
config :tailwind,
  version: "3.3.3",
  default: [
    args: ~w(
      --config=tailwind.config.js
      --input=css/app.css
      --output=../priv/static/assets/app.css
    ),
    cd: Path.expand("../assets", __DIR__),
    # See https://elixirforum.com/t/running-phoenix-server-is-warning-from-npm-caniuse-lite-is-outdated/55570/8
    env: %{"BROWSERSLIST_IGNORE_OLD_DATA" => "1"}
  ]

# Configures Elixir's Logger
config :logger, :console,
  format: "$time $metadata[$level] $message\n",
  metadata: [:request_id]

# Use Jason for JSON parsing in Phoenix
config :phoenix, :json_library, Jason

# Import environment specific config. This must remain at the bottom
# of this file so it overrides the configuration defined above.
import_config "#{config_env()}.exs"
