defmodule Library.Book do
  use Ash.Resource, data_layer: AshPostgres.DataLayer

  postgres do
    table "books"
    repo Library.Repo

    references do
      reference :author, on_delete: :delete
    end
  end

  attributes do
    uuid_primary_key :id
    attribute :title, :string, allow_nil?: false
    attribute :pages, :integer, default: 0
    attribute :published, :boolean, allow_nil?: false, default: false
    create_timestamp :inserted_at
  end

  relationships do
    belongs_to :author, Library.Author, allow_nil?: false, attribute_writable?: true
    many_to_many :tags, Library.Tag, through: Library.BookTag, sort: [name: :desc]
  end

  actions do
    defaults [:create, :read, :update, :destroy]

    create :draft do
      accept [:title, :author_id]
      argument :length, :integer, allow_nil?: false, default: 10
      change set_attribute(:pages, arg(:length))
    end
  end
end
