defmodule Types.Part do
  use Ash.Resource, data_layer: AshPostgres.DataLayer

  postgres do
    table "parts"
    repo Types.Repo
  end

  attributes do
    uuid_primary_key :id
    attribute :amount, :decimal, allow_nil?: false
    attribute :made_at, :utc_datetime_usec
    create_timestamp :inserted_at
    update_timestamp :updated_at
  end

  relationships do
    belongs_to :thing, Types.Thing, attribute_writable?: true
  end

  actions do
    defaults [:create, :read, :update, :destroy]
  end
end
