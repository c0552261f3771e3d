package dev.syncline.store;

import static dev.syncline.store.Sql.requiredInstant;
import static dev.syncline.store.Sql.ts;

import dev.syncline.core.flow.Side;
import dev.syncline.core.model.RecordType;
import dev.syncline.core.port.CauseCount;
import dev.syncline.core.port.FailedFilter;
import dev.syncline.core.port.FailedQueue;
import dev.syncline.core.port.FailedRecord;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The failed record queue on PostgreSQL: the failed and dismissed jobs of {@code sync_job}. */
public final class PostgresFailedQueue implements FailedQueue {

  private final Jdbi jdbi;

  public PostgresFailedQueue(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public List<FailedRecord> failed(FailedFilter filter) {
    return jdbi.withHandle(h ->
        h.createQuery(
                """
                SELECT j.id, j.flow, f.record_type, j.side, j.source_id, j.last_error, j.last_cause,
                    j.attempts, j.updated_at
                FROM sync_job j JOIN flow_state f ON f.flow = j.flow
                WHERE j.state = 'failed'
                  AND (CAST(:type AS text) IS NULL OR f.record_type = :type)
                  AND (CAST(:flow AS text) IS NULL OR j.flow = :flow)
                  AND (CAST(:cause AS text) IS NULL OR j.last_cause = :cause)
                  AND (CAST(:text AS text) IS NULL OR j.source_id = :text
                       OR j.last_error ILIKE '%' || :text || '%')
                ORDER BY j.updated_at DESC, j.id DESC
                LIMIT :limit
                """)
            .bind("type", filter.recordType().map(RecordType::key).orElse(null))
            .bind("flow", filter.flow().orElse(null))
            .bind("cause", filter.cause().orElse(null))
            .bind("text", filter.text().orElse(null))
            .bind("limit", filter.limit())
            .map((rs, ctx) ->
                new FailedRecord(
                    rs.getLong("id"),
                    rs.getString("flow"),
                    RecordType.ofKey(rs.getString("record_type")).orElseThrow(),
                    Side.valueOf(rs.getString("side")),
                    rs.getString("source_id"),
                    rs.getString("last_error"),
                    rs.getString("last_cause"),
                    rs.getInt("attempts"),
                    requiredInstant(rs, "updated_at")))
            .list());
  }

  @Override
  public int resync(List<Long> jobIds, Instant now) {
    return jdbi.withHandle(h ->
        h.createUpdate(
                """
                UPDATE sync_job SET state = 'ready', attempts = 0, next_attempt_at = :now,
                    updated_at = :now
                WHERE id = ANY(:ids) AND state IN ('failed', 'dismissed')
                """)
            .bind("ids", jobIds.toArray(Long[]::new))
            .bind("now", ts(now))
            .execute());
  }

  @Override
  public int resync(FailedFilter filter, Instant now) {
    var ids = failed(filter).stream().map(FailedRecord::jobId).toList();
    return ids.isEmpty() ? 0 : resync(ids, now);
  }

  @Override
  public List<CauseCount> failedCauses(FailedFilter filter) {
    return jdbi.withHandle(h ->
        h.createQuery(
                """
                SELECT COALESCE(j.last_cause, 'Unknown') AS cause, count(*) AS n
                FROM sync_job j JOIN flow_state f ON f.flow = j.flow
                WHERE j.state = 'failed'
                  AND (CAST(:type AS text) IS NULL OR f.record_type = :type)
                  AND (CAST(:flow AS text) IS NULL OR j.flow = :flow)
                  AND (CAST(:cause AS text) IS NULL OR j.last_cause = :cause)
                  AND (CAST(:text AS text) IS NULL OR j.source_id = :text
                       OR j.last_error ILIKE '%' || :text || '%')
                GROUP BY 1 ORDER BY n DESC, cause
                """)
            .bind("type", filter.recordType().map(RecordType::key).orElse(null))
            .bind("flow", filter.flow().orElse(null))
            .bind("cause", filter.cause().orElse(null))
            .bind("text", filter.text().orElse(null))
            .map((rs, ctx) -> new CauseCount(rs.getString("cause"), rs.getInt("n")))
            .list());
  }

  @Override
  public int dismiss(List<Long> jobIds, String reason, Instant now) {
    return jdbi.inTransaction(h ->
        h.createQuery(
                """
                WITH dismissed AS (
                    UPDATE sync_job SET state = 'dismissed', updated_at = :now
                    WHERE id = ANY(:ids) AND state = 'failed'
                    RETURNING flow, side, source_id)
                INSERT INTO sync_event (at, flow, side, source_id, kind, message)
                SELECT :now, flow, side, source_id, 'dismissed', :reason FROM dismissed
                RETURNING id
                """)
            .bind("ids", jobIds.toArray(Long[]::new))
            .bind("reason", reason)
            .bind("now", ts(now))
            .mapTo(Long.class)
            .list()
            .size());
  }
}
