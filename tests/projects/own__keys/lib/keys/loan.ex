defmodule Keys.Loan do
  use Ash.Resource, data_layer: AshPostgres.DataLayer

  postgres do
    table "loans"
    repo Keys.Repo
  end

  attributes do
    attribute :note, :string
  end

  relationships do
    belongs_to :book, Keys.Book do
      source_attribute :book_isbn
      destination_attribute :isbn
      attribute_type :string
      primary_key? true
      allow_nil? false
      attribute_writable? true
    end

    belongs_to :reader, Keys.Reader do
      attribute_type :integer
      primary_key? true
      allow_nil? false
      attribute_writable? true
    end
  end

  actions do
    defaults [:create, :read, :update, :destroy]
  end
end
