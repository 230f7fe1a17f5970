defmodule HelpdeskPlus.Ticket do
  @moduledoc """
  Tickets, with a code interface and a unique subject.
  """
  use Ash.Resource, data_layer: AshPostgres.DataLayer

  alias HelpdeskPlus.{Api, User}

  @statuses [:open, :closed]

  postgres do
    table "tickets"
    repo HelpdeskPlus.Repo
  end

  code_interface do
    define_for Api
    define :open, action: :open, args: [:subject]
    define :close, action: :close
    define :closed, action: :closed
    define :by_subject, action: :by_subject, args: [:subject], get?: true
    define :get_by_subject, action: :read, get_by: [:subject]
    define :get_by_unique_subject, action: :read, get_by_identity: :unique_subject
  end

  identities do
    identity :unique_subject, [:subject]
  end

  attributes do
    uuid_primary_key :id
    attribute :subject, :string, allow_nil?: false
    attribute :status, :atom, constraints: [one_of: @statuses], default: :open, allow_nil?: false
  end

  relationships do
    belongs_to :reporter, User, attribute_writable?: true
    belongs_to :representative, User
  end

  actions do
    defaults [:read, :destroy]

    create :open do
      accept [:subject, :reporter_id]

      argument :note, :string do
        sensitive? true
      end
    end

    update :close do
      accept []
      change set_attribute(:status, :closed)
    end

    update :assign do
      accept []
      argument :representative_id, :uuid, allow_nil?: false
      change manage_relationship(:representative_id, :representative, type: :append_and_remove)
    end

    read :closed do
      filter expr(status == :closed)
    end

    read :by_subject do
      get? true
      argument :subject, :string, allow_nil?: false
      filter expr(subject == ^arg(:subject))
    end
  end
end
