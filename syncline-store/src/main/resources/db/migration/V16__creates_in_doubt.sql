-- The creates whose outcome is not recorded yet (a write intent, or a write that may have happened):
-- while one is, a two-way flow does not take a record of the other side that is not linked yet and may
-- be what that create made. Few rows at any time, so the claim finds them at once.
CREATE INDEX sync_job_in_doubt ON sync_job (flow, side)
    WHERE write_intent_at IS NOT NULL OR maybe_written_since IS NOT NULL;
