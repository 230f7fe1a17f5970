//! `Support.Ticket` and `Support.User` of the chapter, exactly as its migration and resource
//! snippets define them (reference/ash-semantics.md §1.2, §1.4).

use crate::model::{
    Action, ActionKind, Aggregate, Argument, Attribute, Calculation, Change, Relationship, RelationshipKind,
    Resource, Type,
};
use crate::query::AggregateKind;

/// Every resource the shell knows, in `h()` order.
pub static RESOURCES: &[&Resource] = &[&TICKET, &USER];

const STATUSES: &[&str] = &["open", "closed"];

const fn id() -> Attribute {
    Attribute {
        name: "id",
        ty: Type::Uuid,
        allow_nil: false,
        default: None,
        primary_key: true,
        private: false,
    }
}

const fn foreign_key(name: &'static str) -> Attribute {
    Attribute {
        name,
        ty: Type::Uuid,
        allow_nil: true,
        default: None,
        primary_key: false,
        private: true,
    }
}

const fn defaults_create() -> Action {
    Action {
        name: "create",
        kind: ActionKind::Create,
        accept: None,
        arguments: &[],
        changes: &[],
    }
}
const fn defaults_read() -> Action {
    Action {
        name: "read",
        kind: ActionKind::Read,
        accept: None,
        arguments: &[],
        changes: &[],
    }
}
const fn defaults_update() -> Action {
    Action {
        name: "update",
        kind: ActionKind::Update,
        accept: None,
        arguments: &[],
        changes: &[],
    }
}
const fn defaults_destroy() -> Action {
    Action {
        name: "destroy",
        kind: ActionKind::Destroy,
        accept: None,
        arguments: &[],
        changes: &[],
    }
}

const REPRESENTATIVE_ID: Argument = Argument {
    name: "representative_id",
    ty: Type::Uuid,
    allow_nil: false,
};

pub static TICKET: Resource = Resource {
    name: "Support.Ticket",
    table: "tickets",
    attributes: &[
        id(),
        Attribute {
            name: "subject",
            ty: Type::String,
            allow_nil: false,
            default: None,
            primary_key: false,
            private: false,
        },
        Attribute {
            name: "status",
            ty: Type::Atom(STATUSES),
            allow_nil: false,
            default: Some("open"),
            primary_key: false,
            private: false,
        },
        foreign_key("reporter_id"),
        foreign_key("representative_id"),
    ],
    relationships: &[
        Relationship {
            name: "reporter",
            kind: RelationshipKind::BelongsTo,
            destination: "Support.User",
            source_attribute: "reporter_id",
            destination_attribute: "id",
        },
        Relationship {
            name: "representative",
            kind: RelationshipKind::BelongsTo,
            destination: "Support.User",
            source_attribute: "representative_id",
            destination_attribute: "id",
        },
    ],
    aggregates: &[],
    calculations: &[],
    actions: &[
        defaults_create(),
        defaults_read(),
        defaults_update(),
        defaults_destroy(),
        Action {
            name: "new",
            kind: ActionKind::Create,
            accept: Some(&["subject"]),
            arguments: &[Argument {
                name: "reporter_id",
                ty: Type::Uuid,
                allow_nil: true,
            }],
            changes: &[Change::Relate {
                argument: "reporter_id",
                relationship: "reporter",
            }],
        },
        Action {
            name: "assign",
            kind: ActionKind::Update,
            accept: Some(&[]),
            arguments: &[REPRESENTATIVE_ID],
            changes: &[Change::Relate {
                argument: "representative_id",
                relationship: "representative",
            }],
        },
        Action {
            name: "start",
            kind: ActionKind::Update,
            accept: Some(&[]),
            arguments: &[REPRESENTATIVE_ID],
            changes: &[
                Change::Relate {
                    argument: "representative_id",
                    relationship: "representative",
                },
                Change::SetAttribute {
                    attribute: "status",
                    value: "open",
                },
            ],
        },
        Action {
            name: "close",
            kind: ActionKind::Update,
            accept: Some(&[]),
            arguments: &[],
            changes: &[Change::SetAttribute {
                attribute: "status",
                value: "closed",
            }],
        },
    ],
};

const fn count(name: &'static str, relationship: &'static str, filter: Option<&'static str>) -> Aggregate {
    Aggregate {
        name,
        kind: AggregateKind::Count,
        relationship,
        filter,
        field: None,
    }
}

pub static USER: Resource = Resource {
    name: "Support.User",
    table: "users",
    attributes: &[
        id(),
        Attribute {
            name: "name",
            ty: Type::String,
            allow_nil: true,
            default: None,
            primary_key: false,
            private: false,
        },
    ],
    relationships: &[
        Relationship {
            name: "assigned_tickets",
            kind: RelationshipKind::HasMany,
            destination: "Support.Ticket",
            source_attribute: "id",
            destination_attribute: "representative_id",
        },
        Relationship {
            name: "reported_tickets",
            kind: RelationshipKind::HasMany,
            destination: "Support.Ticket",
            source_attribute: "id",
            destination_attribute: "reporter_id",
        },
    ],
    aggregates: &[
        count("all_reported_tickets", "reported_tickets", None),
        count(
            "open_reported_tickets",
            "reported_tickets",
            Some("status == :open"),
        ),
        count(
            "closed_reported_tickets",
            "reported_tickets",
            Some("status == :closed"),
        ),
        count("all_assigned_tickets", "assigned_tickets", None),
        count(
            "active_assigned_tickets",
            "assigned_tickets",
            Some("status == :open"),
        ),
        count(
            "closed_assigned_tickets",
            "assigned_tickets",
            Some("status == :closed"),
        ),
    ],
    calculations: &[
        Calculation {
            name: "username",
            ty: Type::String,
            expr: r#"name <> "-" <> id"#,
        },
        Calculation {
            name: "assigned_open_percent",
            ty: Type::Float,
            expr: "active_assigned_tickets / all_assigned_tickets",
        },
    ],
    actions: &[
        defaults_create(),
        defaults_read(),
        defaults_update(),
        defaults_destroy(),
    ],
};
