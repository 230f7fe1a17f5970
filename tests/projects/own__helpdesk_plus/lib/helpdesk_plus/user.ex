defmodule HelpdeskPlus.User do
  use Ash.Resource,
    data_layer: AshPostgres.DataLayer

  alias HelpdeskPlus.Ticket

  postgres do
    table "users"
    repo HelpdeskPlus.Repo
  end

  code_interface do
    define_for HelpdeskPlus.Api
    define :register, action: :create, args: [:name]
  end

  identities do
    identity :unique_name, [:name]
  end

  attributes do
    uuid_primary_key :id
    attribute :name, :string
  end

  relationships do
    has_many :reported_tickets, Ticket, destination_attribute: :reporter_id

    has_many :closed_reported, Ticket do
      destination_attribute :reporter_id
      filter expr(status == :closed)
    end

    has_many :reported_to_bob, Ticket do
      destination_attribute :reporter_id
      filter expr(representative.name == "Bob")
    end

    has_many :reported_newest_subject_first, Ticket do
      destination_attribute :reporter_id
      sort subject: :desc
    end

    has_one :assigned_ticket, Ticket, destination_attribute: :representative_id

    many_to_many :helpers, __MODULE__ do
      through Ticket
      source_attribute_on_join_resource :reporter_id
      destination_attribute_on_join_resource :representative_id
    end
  end

  aggregates do
    count :open_reported, :reported_tickets do
      filter expr(status == :open)
    end

    exists :has_open_tickets, :reported_tickets do
      filter expr(status == :open)
    end

    first :first_subject, :reported_tickets, :subject do
      sort subject: :asc
    end

    list :subjects, :reported_tickets, :subject do
      sort subject: :desc
    end

    count :closed_count, :closed_reported
    count :reported_to_bob_count, :reported_to_bob
  end

  calculations do
    calculate :shout, :string, expr(name <> "!")
  end

  actions do
    defaults [:create, :read, :update, :destroy]
  end
end
