-- The sync engine's state (DESIGN.md sections 3 and 4). Times are written by the engine's clock, not now(),
-- so that tests drive them.

-- A flow's switch, schedule and scan lease. enabled and every_seconds are what is in force; the config_
-- columns remember what the configuration file said when last applied, so that a change in the file wins
-- over one made in the dashboard, and a change in the dashboard stays until the file changes.
CREATE TABLE flow_state (
    flow                 text PRIMARY KEY,
    record_type          text        NOT NULL,
    a_instance           text        NOT NULL,
    b_instance           text        NOT NULL,
    enabled              boolean     NOT NULL,
    every_seconds        integer     NOT NULL CHECK (every_seconds > 0),
    config_enabled       boolean     NOT NULL,
    config_every_seconds integer     NOT NULL,
    stopped_reason       text,
    next_scan_at         timestamptz NOT NULL,
    scan_requested       boolean     NOT NULL DEFAULT false, -- by a person: the run's trigger is manual
    last_scan_at         timestamptz,
    scan_owner           text,
    scan_lease_until     timestamptz,
    updated_at           timestamptz NOT NULL
);

-- How far each flow has read each side's changes: (modified_at, source_id) of the last change taken.
CREATE TABLE sync_cursor (
    flow        text        NOT NULL,
    side        text        NOT NULL CHECK (side IN ('A', 'B')),
    modified_at timestamptz NOT NULL,
    source_id   text        NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (flow, side)
);

-- One change scan of a flow and what became of what it found.
CREATE TABLE sync_run (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    flow        text        NOT NULL,
    trigger     text        NOT NULL,
    node        text        NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    seen        integer     NOT NULL DEFAULT 0,
    written     integer     NOT NULL DEFAULT 0,
    unchanged   integer     NOT NULL DEFAULT 0,
    filtered    integer     NOT NULL DEFAULT 0,
    unlinked    integer     NOT NULL DEFAULT 0,
    failed      integer     NOT NULL DEFAULT 0,
    retried     integer     NOT NULL DEFAULT 0,
    conflicts   integer     NOT NULL DEFAULT 0,
    error       text
);

CREATE INDEX sync_run_flow ON sync_run (flow, started_at DESC);

-- One row per record and flow side: the durable job. ready (due at next_attempt_at), running (leased to a
-- worker until lease_until), done, failed (in the failed record queue), dismissed (a person set it aside).
-- dirty marks a change that arrived while the job ran: it runs again when done.
CREATE TABLE sync_job (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    flow            text        NOT NULL,
    side            text        NOT NULL CHECK (side IN ('A', 'B')),
    source_id       text        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('ready', 'running', 'done', 'failed', 'dismissed')),
    dirty           boolean     NOT NULL DEFAULT false,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    run_id          bigint,
    change_version  timestamptz,
    synced_version  timestamptz,
    lease_owner     text,
    lease_until     timestamptz,
    claimed_at       timestamptz,
    recovering_since timestamptz, -- a claim whose lease ran out began then: its write may have happened since
    last_outcome    text,
    last_error      text,
    last_cause      text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    UNIQUE (flow, side, source_id)
);

CREATE INDEX sync_job_due ON sync_job (flow, side, next_attempt_at, id) WHERE state = 'ready';
CREATE INDEX sync_job_leased ON sync_job (flow, side, lease_until) WHERE state = 'running';
CREATE INDEX sync_job_failed ON sync_job (updated_at DESC) WHERE state = 'failed';
CREATE INDEX sync_job_active_run ON sync_job (run_id) WHERE state IN ('ready', 'running');

-- The pair of ids of one record in two system instances, and what was last synced on each side.
CREATE TABLE link (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    record_type text        NOT NULL,
    a_instance  text        NOT NULL,
    a_id        text        NOT NULL,
    b_instance  text        NOT NULL,
    b_id        text        NOT NULL,
    state       text        NOT NULL CHECK (state IN ('synced', 'pending', 'unlinked')),
    detail      text        NOT NULL DEFAULT '',
    a_version   timestamptz,
    b_version   timestamptz,
    a_hash      text,
    b_hash      text,
    a_payload   jsonb,
    b_payload   jsonb,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    UNIQUE (record_type, a_instance, a_id, b_instance),
    UNIQUE (record_type, b_instance, b_id, a_instance)
);

CREATE INDEX link_pending ON link (record_type, a_instance, b_instance, updated_at) WHERE state = 'pending';

-- What happened to each record, when: writes, failures, retries, unlinks, conflicts.
CREATE TABLE sync_event (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL,
    flow      text        NOT NULL,
    side      text        NOT NULL,
    source_id text        NOT NULL,
    run_id    bigint,
    node      text,
    kind      text        NOT NULL,
    target_id text,
    message   text        NOT NULL DEFAULT '',
    hash      text
);

CREATE INDEX sync_event_record ON sync_event (flow, side, source_id, at DESC);
CREATE INDEX sync_event_at ON sync_event (at);

-- Limits of remote accounts shared by every node: concurrency slots, and what was spent when (a sliding
-- window of credits).
CREATE TABLE limiter_slot (
    limiter     text    NOT NULL,
    slot        integer NOT NULL,
    holder      text,
    lease_until timestamptz,
    PRIMARY KEY (limiter, slot)
);

CREATE TABLE limiter_spend (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    limiter text        NOT NULL,
    at      timestamptz NOT NULL,
    units   integer     NOT NULL
);

CREATE INDEX limiter_spend_at ON limiter_spend (limiter, at);
