defmodule Keys.Reader do
  use Ash.Resource, data_layer: AshPostgres.DataLayer

  postgres do
    table "readers"
    repo Keys.Repo
  end

  code_interface do
    define_for Keys.Api
    define :by_id, args: [:id]
  end

  attributes do
    integer_primary_key :id
    attribute :name, :string
  end

  relationships do
    has_many :loans, Keys.Loan
  end

  actions do
    defaults [:create, :read, :update, :destroy]

    read :by_id do
      argument :id, :integer, allow_nil?: false
      get? true
      filter expr(id == ^arg(:id))
    end
  end
end
