-- Write intents (docs/sync.md, "Writes that never duplicate"). Before a create is sent, its job's
-- write_intent_at is committed; recording the outcome clears it. A job found with it still set (its
-- worker died), or whose write failed in a way that may have been applied, gets maybe_written_since:
-- its next attempt looks the record up by its create key before creating. Only a write clears that.
-- steps keeps the done steps of a multi-step write, by name, with the id each made.
ALTER TABLE sync_job DROP COLUMN recovering_since;
ALTER TABLE sync_job ADD COLUMN write_intent_at timestamptz;
ALTER TABLE sync_job ADD COLUMN maybe_written_since timestamptz;
ALTER TABLE sync_job ADD COLUMN steps jsonb NOT NULL DEFAULT '{}';
