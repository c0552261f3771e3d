-- When each node was last heard from: its scheduler says so every few seconds, and each claim does. A batch
-- held by a node not heard from for a minute waits for its lease to end, and the dashboard says so
-- (docs/sync.md, "Waiting and why"). Times are written by the node's clock, not now().
CREATE TABLE sync_node (
    node    text PRIMARY KEY,
    seen_at timestamptz NOT NULL
);
