-- Failed sign-ins (docs/dashboard.md), counted per user name and per client address in the database, so that
-- every node sharing it refuses the same guesses. A name is kept only as its SHA-256: people type passwords into
-- the name field too. Times are written by the node's clock, not now().
CREATE TABLE sign_in_failure (
    key             text PRIMARY KEY, -- 'name:' and the name's SHA-256, or 'address:' and the client's address
    failures        integer     NOT NULL,
    last_failure_at timestamptz NOT NULL
);

CREATE INDEX sign_in_failure_last ON sign_in_failure (last_failure_at);

-- A session also ends when it has been idle for longer than server.sessions.idleTimeout: the last request a
-- person made in it. Sessions started before this migration count as idle since they started.
ALTER TABLE web_session ADD COLUMN last_seen_at timestamptz;
UPDATE web_session SET last_seen_at = created_at;
ALTER TABLE web_session ALTER COLUMN last_seen_at SET NOT NULL;
