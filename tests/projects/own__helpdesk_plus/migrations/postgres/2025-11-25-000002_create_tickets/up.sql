-- Support.Ticket (SPEC §2): belongs_to reporter and representative, both optional.
CREATE TABLE tickets (
    id uuid PRIMARY KEY,
    subject text NOT NULL,
    status text NOT NULL DEFAULT 'open',
    reporter_id uuid NULL CONSTRAINT tickets_reporter_id_fkey REFERENCES users (id),
    representative_id uuid NULL CONSTRAINT tickets_representative_id_fkey REFERENCES users (id)
);
CREATE INDEX tickets_reporter_id_index ON tickets (reporter_id);
CREATE INDEX tickets_representative_id_index ON tickets (representative_id);
