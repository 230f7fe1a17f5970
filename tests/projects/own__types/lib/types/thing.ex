defmodule Types.Thing do
  use Ash.Resource, data_layer: AshPostgres.DataLayer

  postgres do
    table "things"
    repo Types.Repo
  end

  attributes do
    uuid_primary_key :id
    attribute :name, :string, allow_nil?: false
    attribute :email, :ci_string
    attribute :count, :integer
    attribute :ratio, :float
    attribute :price, :decimal
    attribute :active, :boolean
    attribute :born_on, :date
    attribute :opens_at, :time
    attribute :seen_at, :utc_datetime
    attribute :seen_at_usec, :utc_datetime_usec
    attribute :local_at, :naive_datetime
    attribute :meta, :map
    attribute :tags, {:array, :string}
    attribute :scores, {:array, :integer}
    attribute :size, Types.Size
    attribute :level, :atom, constraints: [one_of: [:low, :high]]
    attribute :blob, :binary
  end

  relationships do
    has_many :parts, Types.Part
  end

  aggregates do
    count :part_count, :parts
    sum :parts_total, :parts, :amount
    max :last_made_at, :parts, :made_at
    min :cheapest, :parts, :amount
    avg :average_amount, :parts, :amount
    list :amounts, :parts, :amount do
      sort amount: :desc
    end
    first :first_made_at, :parts, :made_at do
      sort made_at: :asc
    end
  end

  calculations do
    calculate :total, :decimal, expr(price * count)
    calculate :discounted, :decimal, expr(price - 1)
    calculate :per_unit, :decimal, expr(price / count)
  end

  actions do
    defaults [:create, :read, :update, :destroy]
  end
end
