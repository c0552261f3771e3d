-- The nodes whose calls wait for a concurrency slot they could not lease, until when: a node that
-- gives back a slot leaves it to them for a moment before it leases again (LeasedSlots).
CREATE TABLE limiter_waiter (
    limiter text NOT NULL,
    node text NOT NULL,
    until timestamptz NOT NULL,
    PRIMARY KEY (limiter, node)
);
