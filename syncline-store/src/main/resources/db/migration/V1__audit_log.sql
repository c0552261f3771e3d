-- Who did what and when: resyncs, switches, schedules, users, tokens, schema changes.
CREATE TABLE audit_log (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      timestamptz NOT NULL DEFAULT now(),
    actor   text        NOT NULL,
    action  text        NOT NULL,
    subject text        NOT NULL DEFAULT '',
    detail  text        NOT NULL DEFAULT ''
);

CREATE INDEX audit_log_at ON audit_log (at DESC);
