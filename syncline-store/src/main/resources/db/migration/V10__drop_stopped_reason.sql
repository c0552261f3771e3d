-- A flow that cannot reach a system is blocked (the health columns of V9), no longer switched off with a
-- reason: nothing writes stopped_reason since.
ALTER TABLE flow_state DROP COLUMN stopped_reason;
