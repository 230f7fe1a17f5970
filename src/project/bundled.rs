//! The chapter's project, embedded in the binary: its resource files (read like any project's)
//! and the other files `helpdesk new` writes (config, repo, migrations).
//!
//! The files live in `bundled/chapter/` and the repository's `migrations/`; nothing here
//! interprets them. The snapshots and the diesel migrations are what `helpdesk db
//! generate-migrations` writes for the chapter's resources (`tests/generate.rs` proves it);
//! the Ecto migration is the chapter's own listing.

use crate::project::SourceFile;

/// Every file of the bundled project: (path relative to the project, contents).
pub const FILES: &[(&str, &str)] = &[
    ("mix.exs", include_str!("../../bundled/chapter/mix.exs")),
    (
        "config/config.exs",
        include_str!("../../bundled/chapter/config/config.exs"),
    ),
    (
        "config/dev.exs",
        include_str!("../../bundled/chapter/config/dev.exs"),
    ),
    (
        "lib/helpdesk/support/ash_api.ex",
        include_str!("../../bundled/chapter/lib/helpdesk/support/ash_api.ex"),
    ),
    (
        "lib/helpdesk/support/registry.ex",
        include_str!("../../bundled/chapter/lib/helpdesk/support/registry.ex"),
    ),
    (
        "lib/helpdesk/support/repo.ex",
        include_str!("../../bundled/chapter/lib/helpdesk/support/repo.ex"),
    ),
    (
        "lib/helpdesk/support/resources/ticket.ex",
        include_str!("../../bundled/chapter/lib/helpdesk/support/resources/ticket.ex"),
    ),
    (
        "lib/helpdesk/support/resources/user.ex",
        include_str!("../../bundled/chapter/lib/helpdesk/support/resources/user.ex"),
    ),
    (
        "priv/repo/migrations/20221104000000_support_add_tickets_and_users.exs",
        include_str!(
            "../../bundled/chapter/priv/repo/migrations/20221104000000_support_add_tickets_and_users.exs"
        ),
    ),
    (
        "priv/resource_snapshots/repo/users/20251125000001.json",
        include_str!("../../bundled/chapter/priv/resource_snapshots/repo/users/20251125000001.json"),
    ),
    (
        "priv/resource_snapshots/repo/tickets/20251125000002.json",
        include_str!("../../bundled/chapter/priv/resource_snapshots/repo/tickets/20251125000002.json"),
    ),
    (
        "migrations/postgres/2025-11-25-000001_create_users/up.sql",
        include_str!("../../migrations/postgres/2025-11-25-000001_create_users/up.sql"),
    ),
    (
        "migrations/postgres/2025-11-25-000001_create_users/down.sql",
        include_str!("../../migrations/postgres/2025-11-25-000001_create_users/down.sql"),
    ),
    (
        "migrations/postgres/2025-11-25-000002_create_tickets/up.sql",
        include_str!("../../migrations/postgres/2025-11-25-000002_create_tickets/up.sql"),
    ),
    (
        "migrations/postgres/2025-11-25-000002_create_tickets/down.sql",
        include_str!("../../migrations/postgres/2025-11-25-000002_create_tickets/down.sql"),
    ),
    (
        "migrations/sqlite/2025-11-25-000001_create_users/up.sql",
        include_str!("../../migrations/sqlite/2025-11-25-000001_create_users/up.sql"),
    ),
    (
        "migrations/sqlite/2025-11-25-000001_create_users/down.sql",
        include_str!("../../migrations/sqlite/2025-11-25-000001_create_users/down.sql"),
    ),
    (
        "migrations/sqlite/2025-11-25-000002_create_tickets/up.sql",
        include_str!("../../migrations/sqlite/2025-11-25-000002_create_tickets/up.sql"),
    ),
    (
        "migrations/sqlite/2025-11-25-000002_create_tickets/down.sql",
        include_str!("../../migrations/sqlite/2025-11-25-000002_create_tickets/down.sql"),
    ),
];

/// The bundled `lib/**/*.ex` files, as a project directory would give them.
pub fn sources() -> Vec<SourceFile> {
    FILES
        .iter()
        .filter(|(path, _)| path.starts_with("lib/") && path.ends_with(".ex"))
        .map(|(path, text)| SourceFile {
            path: (*path).to_string(),
            text: (*text).to_string(),
        })
        .collect()
}
