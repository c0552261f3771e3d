-- A backfill asked for by a person: the flow's next scan lists every record from the beginning and queues
-- each again. And when each flow last asked its sources which linked records still exist (a deletion shows in
-- no list of changes); NULL until the first scan, which only starts the clock.
ALTER TABLE flow_state ADD COLUMN backfill_requested boolean NOT NULL DEFAULT false;
ALTER TABLE flow_state ADD COLUMN deletions_checked_at timestamptz;

-- Runs not yet finished, which the scheduler looks through to close those a dead node left open.
CREATE INDEX sync_run_open ON sync_run (started_at) WHERE finished_at IS NULL;
