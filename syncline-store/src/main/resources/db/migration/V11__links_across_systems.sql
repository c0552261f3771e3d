-- One record across systems (DESIGN.md section 1, "link"): a link holds a record's ids in every system
-- instance it lives in, whichever flow made it and in whichever direction, so that a flow from JOOR to
-- NetSuite finds the customer a flow from NetSuite to JOOR linked, and a flow from a third system finds
-- it by the record they share. Until now a link was a pair keyed by one flow's A and B instances.
--
-- link keeps one row per record across systems; link_member one row per (record type, instance, id)
-- it lives in, with what Syncline last saw (version) and wrote (hash, payload) there and where writing
-- there stands (state, detail: pending until the target accepts it, unlinked once its source left the
-- flow). A record belongs to one link at most, and a link holds one record per instance.
CREATE TABLE link_member (
    link_id     bigint      NOT NULL REFERENCES link (id) ON DELETE CASCADE,
    record_type text        NOT NULL,
    instance    text        NOT NULL,
    record_id   text        NOT NULL,
    state       text        NOT NULL DEFAULT 'synced' CHECK (state IN ('synced', 'pending', 'unlinked')),
    detail      text        NOT NULL DEFAULT '',
    version     timestamptz,
    hash        text,
    payload     jsonb,
    updated_at  timestamptz NOT NULL,
    -- What the Records page searches (as V7 did for the pair): the id and every text value last
    -- written here, folded.
    search      text GENERATED ALWAYS AS (
        syncline_fold(record_id || ' '
            || coalesce(jsonb_path_query_array(payload, 'strict $.* ? (@.type() == "string")')::text, ''))
    ) STORED,
    PRIMARY KEY (link_id, instance),
    UNIQUE (record_type, instance, record_id)
);

CREATE INDEX link_member_pending ON link_member (record_type, instance, updated_at) WHERE state = 'pending';

-- Each pair's two records. Pairs that share a record (a pair and its reverse flow's, or the pairs of
-- one NetSuite customer with JOOR US and JOOR EU) become one link: the one of the lowest pair id among
-- all the pairs they reach through shared records.
CREATE TEMPORARY TABLE link_node ON COMMIT DROP AS
    SELECT id AS pair, record_type, a_instance AS instance, a_id AS record_id, false AS written_to,
           'synced' AS state, '' AS detail, a_version AS version, a_hash AS hash, a_payload AS payload,
           updated_at
    FROM link
    UNION ALL
    -- The pair's state was about its B side: the flows that hold links back (JOOR's match) and that
    -- unlink read from A and write to B.
    SELECT id, record_type, b_instance, b_id, true, state, detail, b_version, b_hash, b_payload,
           updated_at
    FROM link;

CREATE INDEX ON link_node (record_type, instance, record_id);
CREATE INDEX ON link_node (pair);

CREATE TEMPORARY TABLE link_component ON COMMIT DROP AS
    WITH RECURSIVE reach (pair, other) AS (
        SELECT id, id FROM link
        UNION
        SELECT r.pair, n2.pair
        FROM reach r
        JOIN link_node n1 ON n1.pair = r.other
        JOIN link_node n2 ON n2.record_type = n1.record_type AND n2.instance = n1.instance
                         AND n2.record_id = n1.record_id
    )
    SELECT pair, min(other) AS link_id FROM reach GROUP BY pair;

-- Pairs that would put two records of one instance in one link are not guessed at: the upgrade stops,
-- changing nothing, and says which they are.
DO $$
DECLARE
    clash record;
BEGIN
    SELECT n.record_type, n.instance, string_agg(DISTINCT n.record_id, ' and ') AS ids,
           string_agg(DISTINCT c.pair::text, ', ') AS pairs
    INTO clash
    FROM link_node n JOIN link_component c ON c.pair = n.pair
    GROUP BY c.link_id, n.record_type, n.instance
    HAVING count(DISTINCT n.record_id) > 1
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'Links % join two % records of % (%) to one record elsewhere, so they cannot become one record across systems. Delete the wrong link (DELETE FROM link WHERE id = ...) with the previous version of Syncline, then upgrade again.',
            clash.pairs, clash.record_type, clash.instance, clash.ids;
    END IF;
END $$;

-- A record in several pairs keeps the newest version seen, the newest hash and payload written to it,
-- and the newest state of a write to it.
INSERT INTO link_member (link_id, record_type, instance, record_id, state, detail, version, hash, payload,
                         updated_at)
SELECT c.link_id, n.record_type, n.instance, n.record_id,
       (array_agg(n.state ORDER BY n.written_to DESC, n.updated_at DESC, n.pair DESC))[1],
       (array_agg(n.detail ORDER BY n.written_to DESC, n.updated_at DESC, n.pair DESC))[1],
       max(n.version),
       (array_agg(n.hash ORDER BY n.hash IS NULL, n.updated_at DESC, n.pair DESC))[1],
       (array_agg(n.payload ORDER BY n.hash IS NULL, n.updated_at DESC, n.pair DESC))[1],
       max(n.updated_at)
FROM link_node n JOIN link_component c ON c.pair = n.pair
GROUP BY c.link_id, n.record_type, n.instance, n.record_id;

UPDATE link l SET created_at = s.created_at, updated_at = s.updated_at
FROM (SELECT c.link_id, min(p.created_at) AS created_at, max(p.updated_at) AS updated_at
      FROM link_component c JOIN link p ON p.id = c.pair
      GROUP BY c.link_id) s
WHERE l.id = s.link_id;

DELETE FROM link WHERE id IN (SELECT pair FROM link_component WHERE pair <> link_id);

ALTER TABLE link
    DROP COLUMN search,
    DROP COLUMN a_instance,
    DROP COLUMN a_id,
    DROP COLUMN b_instance,
    DROP COLUMN b_id,
    DROP COLUMN state,
    DROP COLUMN detail,
    DROP COLUMN a_version,
    DROP COLUMN b_version,
    DROP COLUMN a_hash,
    DROP COLUMN b_hash,
    DROP COLUMN a_payload,
    DROP COLUMN b_payload;
