defmodule Keys.Book do
  use Ash.Resource, data_layer: AshPostgres.DataLayer

  postgres do
    table "books"
    repo Keys.Repo

    references do
      reference :shelf, name: "books_on_shelf"
    end
  end

  attributes do
    attribute :isbn, :string, primary_key?: true, allow_nil?: false
    attribute :title, :string, allow_nil?: false
  end

  relationships do
    belongs_to :shelf, Keys.Shelf, attribute_type: :integer, attribute_writable?: true

    has_many :loans, Keys.Loan do
      source_attribute :isbn
      destination_attribute :book_isbn
    end

    many_to_many :readers, Keys.Reader do
      through Keys.Loan
      source_attribute :isbn
      source_attribute_on_join_resource :book_isbn
      destination_attribute_on_join_resource :reader_id
    end
  end

  actions do
    defaults [:create, :read, :update, :destroy]
  end
end
