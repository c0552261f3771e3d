-- Notifications (docs/notifications.md): per flow, when its next digest of new failures is due, which node is
-- sending its mail right now (a lease, as flow_state's scan lease), and which alerts are open, so that the nodes
-- sharing this database send each mail once. Times are written by the notifier's clock, not now().
CREATE TABLE notification_state (
    flow                 text PRIMARY KEY,
    digest_due_at        timestamptz NOT NULL,
    last_digest_at       timestamptz,
    owner                text,
    lease_until          timestamptz,
    behind_alerted_at    timestamptz, -- a freshness alert went out and no "back to normal" since
    stop_alerted         boolean     NOT NULL DEFAULT false, -- the flow's current stop was mailed
    updated_at           timestamptz NOT NULL
);

-- A failed job's entry into the failed record queue is told by its updated_at, which nothing changes while it
-- stays failed. A digest that reported the entry copies it here; a job that fails again later (after a resync
-- or a new change) has a newer updated_at, and is new again.
ALTER TABLE sync_job ADD COLUMN failure_notified_at timestamptz;
