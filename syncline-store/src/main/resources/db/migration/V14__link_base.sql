-- The base of a two-way flow (DESIGN.md section 1): the canonical record both sides last agreed on.
-- A change on either side is merged against it field by field, so that edits of different fields on
-- both sides both survive and only a field changed on both goes to its master. Empty until a write of
-- a two-way flow confirms agreement; links of one-way flows keep none.
ALTER TABLE link ADD COLUMN base jsonb;
