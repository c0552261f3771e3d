-- What the Records page searches a record by: its ids in both systems and every text value last
-- written to either side (names, emails, codes), in lower case with the commonest accents folded, so
-- that "societe" finds "Société". PostgreSQL keeps the column on every write of the link. No
-- extension (unaccent, pg_trgm) is used: not every server, nor the embedded one, has them.
CREATE FUNCTION syncline_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT translate(lower($1),
        'àáâãäåāăąçćčďđèéêëēėęěğìíîïīįıłñńňòóôõöøōőŕřśšşţťùúûüūůűųýÿźżž',
        'aaaaaaaaacccddeeeeeeeegiiiiiiilnnnoooooooorrsssttuuuuuuuuyyzzz') $$;

ALTER TABLE link ADD COLUMN search text GENERATED ALWAYS AS (
    syncline_fold(a_id || ' ' || b_id
        || ' ' || coalesce(jsonb_path_query_array(a_payload, 'strict $.* ? (@.type() == "string")')::text, '')
        || ' ' || coalesce(jsonb_path_query_array(b_payload, 'strict $.* ? (@.type() == "string")')::text, ''))
) STORED;
