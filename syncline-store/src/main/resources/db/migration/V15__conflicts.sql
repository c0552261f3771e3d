-- The conflict list (DESIGN.md section 1): each value a two-way merge dropped because the field changed
-- on both sides and the other side is its master. Kept with the write that dropped it, in the same
-- transaction, until a person acknowledges it; acknowledged conflicts stay for the record's history.
CREATE TABLE sync_conflict (
    id              bigserial   PRIMARY KEY,
    at              timestamptz NOT NULL,
    flow            text        NOT NULL,
    record_type     text        NOT NULL,
    field           text        NOT NULL,
    master          text        NOT NULL CHECK (master IN ('A', 'B')),
    a_id            text        NOT NULL,
    b_id            text        NOT NULL,
    kept            text        NOT NULL,
    dropped         text        NOT NULL,
    message         text        NOT NULL,
    acknowledged_at timestamptz,
    acknowledged_by text
);

CREATE INDEX sync_conflict_open ON sync_conflict (flow, at DESC) WHERE acknowledged_at IS NULL;
CREATE INDEX sync_conflict_record ON sync_conflict (flow, a_id);
CREATE INDEX sync_conflict_record_b ON sync_conflict (flow, b_id);
