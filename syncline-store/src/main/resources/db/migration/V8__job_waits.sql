-- When each node was last heard from: its scheduler says so every few seconds, and each claim does. A batch
-- held by a node not heard from for a minute, or claimed before the node last started (a node restarted under
-- the same name does not take its old batches back before their leases end), waits for its lease to end, and
-- the dashboard says so (docs/sync.md, "Waiting and why"). Times are written by the node's clock, not now().
CREATE TABLE sync_node (
    node       text PRIMARY KEY,
    seen_at    timestamptz NOT NULL,
    started_at timestamptz NOT NULL
);

-- When the credits of a sliding-window limiter (JOOR's) someone waits on come free: written by a waiting
-- worker of any node, read by the dashboard ("Waiting for joor_us credits until ..."). Past times mean nobody
-- waits.
CREATE TABLE limiter_wait (
    limiter text PRIMARY KEY,
    until   timestamptz NOT NULL
);
