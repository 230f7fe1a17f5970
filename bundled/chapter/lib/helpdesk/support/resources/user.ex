defmodule Support.User do
  use Ash.Resource,
    data_layer: AshPostgres.DataLayer

  postgres do
    table "users"
    repo Support.Repo
  end

  actions do
    defaults [:create, :read, :update, :destroy]
  end

  attributes do
    uuid_primary_key :id
    attribute :name, :string
  end

  relationships do
    has_many :assigned_tickets, Support.Ticket do
      destination_attribute :representative_id
    end

    has_many :reported_tickets, Support.Ticket do
      destination_attribute :reporter_id
    end
  end

  aggregates do
    count :all_reported_tickets, :reported_tickets

    count :open_reported_tickets, :reported_tickets do
      filter expr(status == :open)
    end

    count :closed_reported_tickets, :reported_tickets do
      filter expr(status == :closed)
    end

    count :all_assigned_tickets, :assigned_tickets

    count :active_assigned_tickets, :assigned_tickets do
      filter expr(status == :open)
    end

    count :closed_assigned_tickets, :assigned_tickets do
      filter expr(status == :closed)
    end
  end

  calculations do
    # calculate :full_name, :string, expr(first_name <> " " <> last_name)
    calculate :username, :string, expr(name <> "-" <> id)
    calculate :assigned_open_percent, :float, expr(active_assigned_tickets / all_assigned_tickets)
  end
end
