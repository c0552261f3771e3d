-- References between records (DESIGN.md sections 1 and 3): a job whose references are not linked to the
-- target yet waits, ready but due only at its deadline (waiting_until), and says so (last_outcome
-- 'waiting'). job_reference holds what it waits for, keyed by the awaited record in the instance it was
-- read from and the instance it must be linked to, so that the transaction writing that link makes the
-- job due at once (docs/sync.md, "References and waiting"). Its rows are those of waiting jobs only: each
-- outcome recorded replaces them, so no foreign key holds sync_job (which tests and tools truncate alone).
ALTER TABLE sync_job ADD COLUMN waiting_until timestamptz;

CREATE TABLE job_reference (
    job_id      bigint NOT NULL,
    record_type text   NOT NULL,
    instance    text   NOT NULL,
    record_id   text   NOT NULL,
    target      text   NOT NULL,
    PRIMARY KEY (job_id, record_type, instance, record_id, target)
);

CREATE INDEX job_reference_awaited ON job_reference (record_type, instance, record_id, target);
