-- A flow's health (docs/sync.md, "When a system cannot be reached"): set by the engine when a scan or a batch
-- finds the flow's source unreadable or its target unwritable (credentials refused, no answer), cleared when a
-- probe gets through or a person restarts the flow. Kept here so that every node and every page sees the same.
ALTER TABLE flow_state
    ADD COLUMN health_problem         text CHECK (health_problem IN ('SOURCE_UNREADABLE', 'TARGET_UNWRITABLE')),
    ADD COLUMN health_instance        text,
    ADD COLUMN health_reason          text,
    ADD COLUMN health_fix             text,
    ADD COLUMN health_since           timestamptz,
    ADD COLUMN health_failures        integer NOT NULL DEFAULT 0,
    ADD COLUMN health_last_failure_at timestamptz;

-- The start of the health problem whose alert went out, so that each problem is mailed once, and its end once.
-- It replaces stop_alerted: the engine no longer stops a flow for its setup, it marks it unhealthy.
ALTER TABLE notification_state ADD COLUMN health_alerted_since timestamptz;
ALTER TABLE notification_state DROP COLUMN stop_alerted;
