-- By hand, with the column types ash_postgres gives these attributes.
CREATE EXTENSION IF NOT EXISTS citext;
CREATE TABLE things (
    id uuid NOT NULL PRIMARY KEY,
    name text NOT NULL,
    email citext,
    count bigint,
    ratio double precision,
    price numeric,
    active boolean,
    born_on date,
    opens_at time(0),
    seen_at timestamp(0),
    seen_at_usec timestamp,
    local_at timestamp(0),
    meta jsonb,
    tags text[],
    scores bigint[],
    size text,
    level text,
    blob bytea
);
CREATE TABLE parts (
    id uuid NOT NULL PRIMARY KEY,
    amount numeric NOT NULL,
    made_at timestamp,
    inserted_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
    updated_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
    thing_id uuid REFERENCES things (id)
);
