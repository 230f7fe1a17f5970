defmodule Library.Author do
  use Ash.Resource, data_layer: AshPostgres.DataLayer

  postgres do
    table "authors"
    repo Library.Repo
  end

  attributes do
    uuid_primary_key :id
    attribute :name, :string, allow_nil?: false
    attribute :country, :string, default: "unknown"
    timestamps()
  end

  identities do
    identity :unique_name, [:name]
  end

  relationships do
    has_many :books, Library.Book
  end

  aggregates do
    count :book_count, :books
    count :published_count, :books do
      filter expr(published == true)
    end
    sum :published_pages, :books, :pages do
      filter expr(published == true)
    end
  end

  calculations do
    calculate :label, :string, expr(name <> " (" <> country <> ")")
  end

  actions do
    defaults [:create, :read, :update, :destroy]
  end
end
