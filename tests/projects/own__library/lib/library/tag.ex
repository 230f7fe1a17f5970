defmodule Library.Tag do
  use Ash.Resource, data_layer: AshPostgres.DataLayer

  postgres do
    table "tags"
    repo Library.Repo
  end

  attributes do
    uuid_primary_key :id
    attribute :name, :ci_string, allow_nil?: false
  end

  identities do
    identity :unique_name, [:name]
  end

  relationships do
    many_to_many :books, Library.Book, through: Library.BookTag
  end

  actions do
    defaults [:create, :read, :update, :destroy]
  end
end
