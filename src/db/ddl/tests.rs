//! Ecto migration snippets → the SQL each backend runs, as a data table.

use super::statements;
use crate::db::Backend;
use crate::migration::ecto;

/// The statements of an `up` body on a backend, or the error with the snippet's line.
fn sql(body: &str, backend: Backend) -> Result<Vec<String>, String> {
    // The snippet starts on the module's line 5.
    let text = format!("defmodule M do\n  use Ecto.Migration\n\n  def up do\n{body}\n  end\nend\n");
    let migration = ecto::read(&text).map_err(|e| format!("{}: {}", e.line - 4, e.message))?;
    let mut out = Vec::new();
    for op in &migration.up {
        out.extend(statements(op, backend).map_err(|(line, e)| format!("{}: {e}", line - 4))?);
    }
    Ok(out)
}

/// (snippet, PostgreSQL statements, SQLite statements); one statement per line.
const ROWS: &[(&str, &str, &str)] = &[
    (
        r#"create table(:users, primary_key: false) do
             add :id, :uuid, null: false, primary_key: true
             add :name, :text
           end"#,
        r#"CREATE TABLE "users" ("id" uuid NOT NULL, "name" text, PRIMARY KEY ("id"))"#,
        r#"CREATE TABLE "users" ("id" TEXT NOT NULL, "name" TEXT, PRIMARY KEY ("id"))"#,
    ),
    (
        "create table(:posts) do\n add :title, :string, size: 40\n timestamps()\n end",
        r#"CREATE TABLE "posts" ("id" bigserial, "title" varchar(40), "inserted_at" timestamp(0) NOT NULL, "updated_at" timestamp(0) NOT NULL, PRIMARY KEY ("id"))"#,
        r#"CREATE TABLE "posts" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "title" TEXT, "inserted_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL)"#,
    ),
    (
        r#"create table(:tickets, primary_key: false) do
             add :status, :text, null: false, default: "open"
             add :tags, {:array, :text}, default: []
             add :meta, :map, default: %{}
             add :at, :utc_datetime_usec, null: false, default: fragment("now()")
             add :id, :uuid, default: fragment("uuid_generate_v4()"), primary_key: true
             add :email, :citext
             add :price, :decimal, precision: 10, scale: 2
             add :done, :boolean, default: false
             timestamps(type: :utc_datetime)
           end"#,
        r#"CREATE TABLE "tickets" ("status" text DEFAULT 'open' NOT NULL, "tags" text[] DEFAULT '{}', "meta" jsonb DEFAULT '{}', "at" timestamp DEFAULT now() NOT NULL, "id" uuid DEFAULT uuid_generate_v4(), "email" citext, "price" decimal(10,2), "done" boolean DEFAULT FALSE, "inserted_at" timestamp(0) NOT NULL, "updated_at" timestamp(0) NOT NULL, PRIMARY KEY ("id"))"#,
        r#"CREATE TABLE "tickets" ("status" TEXT DEFAULT 'open' NOT NULL, "tags" TEXT DEFAULT '[]', "meta" TEXT DEFAULT '{}', "at" TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL, "id" TEXT NOT NULL, "email" TEXT COLLATE NOCASE, "price" TEXT, "done" BOOLEAN DEFAULT FALSE, "inserted_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL, PRIMARY KEY ("id"))"#,
    ),
    (
        r#"create table(:tickets, primary_key: false) do
             add :reporter_id,
                 references(:users,
                   column: :id,
                   name: "tickets_reporter_id_fkey",
                   type: :uuid,
                   prefix: "public",
                   on_delete: :nilify_all
                 )
             add :org_id, references(:orgs, on_delete: :delete_all, on_update: :update_all)
           end"#,
        r#"CREATE TABLE "tickets" ("reporter_id" uuid CONSTRAINT "tickets_reporter_id_fkey" REFERENCES "public"."users"("id") ON DELETE SET NULL, "org_id" bigint CONSTRAINT "tickets_org_id_fkey" REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE CASCADE)"#,
        r#"CREATE TABLE "tickets" ("reporter_id" TEXT CONSTRAINT "tickets_reporter_id_fkey" REFERENCES "users"("id") ON DELETE SET NULL, "org_id" INTEGER CONSTRAINT "tickets_org_id_fkey" REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE CASCADE)"#,
    ),
    (
        "alter table(:users) do\n add :age, :bigint, default: 0\n remove :name\n add_if_not_exists :x, :text\n remove_if_exists :y\n end",
        r#"ALTER TABLE "users" ADD COLUMN "age" bigint DEFAULT 0, DROP COLUMN "name", ADD COLUMN IF NOT EXISTS "x" text, DROP COLUMN IF EXISTS "y""#,
        "rebuild users: [Add { name: \"age\", definition: \"\\\"age\\\" INTEGER DEFAULT 0\", primary_key: false }, \
         Remove { name: \"name\", if_exists: false }, Add { name: \"x\", definition: \"\\\"x\\\" TEXT\", primary_key: false }, \
         Remove { name: \"y\", if_exists: true }]",
    ),
    (
        r#"alter table(:tickets) do
             modify :reporter_id, references(:users, column: :id, name: "t_r_fkey", type: :uuid), null: false
           end"#,
        r#"ALTER TABLE "tickets" ALTER COLUMN "reporter_id" TYPE uuid, ADD CONSTRAINT "t_r_fkey" FOREIGN KEY ("reporter_id") REFERENCES "users"("id"), ALTER COLUMN "reporter_id" SET NOT NULL"#,
        "rebuild tickets: [Modify { name: \"reporter_id\", ty: \"TEXT\", null: Some(false), default: None, reference: Some(\"CONSTRAINT \\\"t_r_fkey\\\" REFERENCES \\\"users\\\"(\\\"id\\\")\"), primary_key: false }]",
    ),
    (
        "alter table(:t) do\n modify :a, :uuid, primary_key: true\n modify :b, :text, default: nil, from: :string\n end",
        r#"ALTER TABLE "t" ALTER COLUMN "a" TYPE uuid, ALTER COLUMN "b" TYPE text, ALTER COLUMN "b" SET DEFAULT NULL, ADD PRIMARY KEY ("a")"#,
        "rebuild t: [Modify { name: \"a\", ty: \"TEXT\", null: Some(false), default: None, reference: None, primary_key: true }, Modify { name: \"b\", ty: \"TEXT\", null: None, default: Some(Some(\"NULL\")), reference: None, primary_key: false }]",
    ),
    (
        r#"create unique_index(:users, [:email], name: "users_unique_email_index", where: "archived_at IS NULL")
           create index(:posts, ["lower(title)", :author_id], using: "gin", concurrently: true)
           create_if_not_exists index(:posts, [:a])
           drop_if_exists unique_index(:users, [:email], name: "users_unique_email_index")
           drop index(:posts, [:a], prefix: "s")"#,
        "CREATE UNIQUE INDEX \"users_unique_email_index\" ON \"users\" (\"email\") WHERE archived_at IS NULL\n\
         CREATE INDEX \"posts_lower_title_author_id_index\" ON \"posts\" USING gin (lower(title), \"author_id\")\n\
         CREATE INDEX IF NOT EXISTS \"posts_a_index\" ON \"posts\" (\"a\")\n\
         DROP INDEX IF EXISTS \"users_unique_email_index\"\n\
         DROP INDEX \"s\".\"posts_a_index\"",
        "CREATE UNIQUE INDEX \"users_unique_email_index\" ON \"users\" (\"email\") WHERE archived_at IS NULL\n\
         CREATE INDEX \"posts_lower_title_author_id_index\" ON \"posts\" (lower(title), \"author_id\")\n\
         CREATE INDEX IF NOT EXISTS \"posts_a_index\" ON \"posts\" (\"a\")\n\
         DROP INDEX IF EXISTS \"users_unique_email_index\"\n\
         DROP INDEX \"posts_a_index\"",
    ),
    (
        r#"drop constraint(:tickets, "tickets_reporter_id_fkey")
           drop_if_exists constraint(:tickets, :c)
           drop table(:tickets)
           drop_if_exists table(:users, prefix: "s"), mode: :cascade"#,
        "ALTER TABLE \"tickets\" DROP CONSTRAINT \"tickets_reporter_id_fkey\"\n\
         ALTER TABLE \"tickets\" DROP CONSTRAINT IF EXISTS \"c\"\n\
         DROP TABLE \"tickets\"\n\
         DROP TABLE IF EXISTS \"s\".\"users\" CASCADE",
        "rebuild tickets: [DropConstraint { name: \"tickets_reporter_id_fkey\", if_exists: false }]\n\
         rebuild tickets: [DropConstraint { name: \"c\", if_exists: true }]\n\
         DROP TABLE \"tickets\"\nDROP TABLE IF EXISTS \"users\"",
    ),
    (
        r#"create constraint(:books, :price_positive, check: "price > 0")"#,
        r#"ALTER TABLE "books" ADD CONSTRAINT "price_positive" CHECK (price > 0)"#,
        "rebuild books: [AddConstraint { name: \"price_positive\", clause: \"CONSTRAINT \\\"price_positive\\\" CHECK (price > 0)\" }]",
    ),
    (
        "rename table(:users), :password, to: :hashed_password\nrename table(:a), to: table(:b)",
        "ALTER TABLE \"users\" RENAME COLUMN \"password\" TO \"hashed_password\"\nALTER TABLE \"a\" RENAME TO \"b\"",
        "ALTER TABLE \"users\" RENAME COLUMN \"password\" TO \"hashed_password\"\nALTER TABLE \"a\" RENAME TO \"b\"",
    ),
    (
        "execute(\"CREATE EXTENSION IF NOT EXISTS \\\"uuid-ossp\\\"\")\nexecute \"\"\"\nUPDATE t SET a = 1\n\"\"\"\nflush()\n\
         execute(\"ALTER TABLE t alter CONSTRAINT t_a_fkey NOT DEFERRABLE\")",
        "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\"\nUPDATE t SET a = 1\n\nALTER TABLE t alter CONSTRAINT t_a_fkey NOT DEFERRABLE",
        "UPDATE t SET a = 1\n",
    ),
    (
        // ash_postgres's `ash-functions` extension (peterfication/peak_tracker_backend,
        // bahalperin/phoenix-ash-chat, TwistingTwists/pyq_ratta): PostgreSQL's functions only.
        "execute(\"\"\"\nCREATE OR REPLACE FUNCTION ash_elixir_or(left BOOLEAN, in right ANYCOMPATIBLE, out f1 ANYCOMPATIBLE)\nAS $$ SELECT COALESCE(NULLIF($1, FALSE), $2) $$\nLANGUAGE SQL;\n\"\"\")\n\
         execute(\"DROP FUNCTION IF EXISTS ash_elixir_or(BOOLEAN, ANYCOMPATIBLE)\")\n\
         execute(\"create function f() returns int as 'select 1' language sql\")",
        "CREATE OR REPLACE FUNCTION ash_elixir_or(left BOOLEAN, in right ANYCOMPATIBLE, out f1 ANYCOMPATIBLE)\nAS $$ SELECT COALESCE(NULLIF($1, FALSE), $2) $$\nLANGUAGE SQL;\n\n\
         DROP FUNCTION IF EXISTS ash_elixir_or(BOOLEAN, ANYCOMPATIBLE)\ncreate function f() returns int as 'select 1' language sql",
        "",
    ),
    (
        "alter table(:t) do\n add :a, :text, default: \"x\"\n add :b, references(:u, type: :uuid)\n end",
        r#"ALTER TABLE "t" ADD COLUMN "a" text DEFAULT 'x', ADD COLUMN "b" uuid CONSTRAINT "t_b_fkey" REFERENCES "u"("id")"#,
        "ALTER TABLE \"t\" ADD COLUMN \"a\" TEXT DEFAULT 'x'\nALTER TABLE \"t\" ADD COLUMN \"b\" TEXT CONSTRAINT \"t_b_fkey\" REFERENCES \"u\"(\"id\")",
    ),
    (
        "alter table(:t) do\n add :k, :text, null: false\n end",
        r#"ALTER TABLE "t" ADD COLUMN "k" text NOT NULL"#,
        "rebuild t: [Add { name: \"k\", definition: \"\\\"k\\\" TEXT NOT NULL\", primary_key: false }]",
    ),
];

#[test]
fn ecto_commands_become_each_backends_sql() {
    let mut failures = Vec::new();
    for (snippet, pg, sqlite) in ROWS {
        for (backend, expected) in [(Backend::Postgres, pg), (Backend::Sqlite, sqlite)] {
            let got = match sql(snippet, backend) {
                Ok(statements) => statements.join("\n").replace("-- rebuild", "rebuild"),
                Err(e) => format!("error: {e}"),
            };
            let matches = match expected.strip_prefix("error: ") {
                Some(prefix) => got.starts_with(&format!("error: {prefix}")),
                None => got == **expected,
            };
            if !matches {
                failures.push(format!(
                    "{backend:?}: {snippet}\n  expected: {expected}\n  got:      {got}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
