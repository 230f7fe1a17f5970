defmodule Keys.Shelf do
  use Ash.Resource, data_layer: AshPostgres.DataLayer

  postgres do
    table "shelves"
    repo Keys.Repo
  end

  attributes do
    integer_primary_key :id
    attribute :name, :string, allow_nil?: false
  end

  relationships do
    has_many :books, Keys.Book
  end

  aggregates do
    count :book_count, :books
  end

  actions do
    defaults [:create, :read, :update, :destroy]
  end
end
