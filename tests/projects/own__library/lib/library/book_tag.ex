defmodule Library.BookTag do
  use Ash.Resource, data_layer: AshPostgres.DataLayer

  postgres do
    table "book_tags"
    repo Library.Repo
  end

  relationships do
    belongs_to :book, Library.Book, primary_key?: true, allow_nil?: false, attribute_writable?: true
    belongs_to :tag, Library.Tag, primary_key?: true, allow_nil?: false, attribute_writable?: true
  end

  actions do
    defaults [:create, :read, :destroy]
  end
end
