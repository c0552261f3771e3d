package dev.syncline.store;

import static dev.syncline.store.Sql.instant;
import static dev.syncline.store.Sql.requiredInstant;
import static dev.syncline.store.Sql.side;
import static dev.syncline.store.Sql.ts;

import dev.syncline.core.flow.Side;
import dev.syncline.core.port.Activity;
import dev.syncline.core.port.Run;
import dev.syncline.core.port.RunError;
import dev.syncline.core.port.RunLog;
import dev.syncline.core.port.SyncEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The runs, each record's history and the hourly activity on PostgreSQL ({@code sync_run}, {@code
 * sync_event}), and the pruning of what is old.
 */
public final class PostgresRunLog implements RunLog {

  private final Jdbi jdbi;

  public PostgresRunLog(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  // Runs.

  @Override
  public long startRun(String flow, String trigger, String node, Instant now) {
    return jdbi.withHandle(h ->
        h.createQuery(
                "INSERT INTO sync_run (flow, trigger, node, started_at)"
                    + " VALUES (:flow, :trigger, :node, :now) RETURNING id")
            .bind("flow", flow)
            .bind("trigger", trigger)
            .bind("node", node)
            .bind("now", ts(now))
            .mapTo(Long.class)
            .one());
  }

  @Override
  public void finishRun(long runId, Instant now, Optional<String> error) {
    jdbi.useHandle(h ->
        h.createUpdate(
                "UPDATE sync_run SET finished_at = :now, error = COALESCE(:error, error)"
                    + " WHERE id = :id AND finished_at IS NULL")
            .bind("id", runId)
            .bind("now", ts(now))
            .bind("error", error.orElse(null))
            .execute());
  }

  @Override
  public Optional<Run> run(long runId) {
    return jdbi.withHandle(h ->
        h.createQuery("SELECT * FROM sync_run WHERE id = :id")
            .bind("id", runId)
            .map((rs, ctx) -> run(rs))
            .findOne());
  }

  @Override
  public List<Run> runs(String flow, int limit) {
    return jdbi.withHandle(h ->
        h.createQuery(
                "SELECT * FROM sync_run WHERE flow = :flow ORDER BY started_at DESC, id DESC LIMIT :limit")
            .bind("flow", flow)
            .bind("limit", limit)
            .map((rs, ctx) -> run(rs))
            .list());
  }

  @Override
  public List<Run> runsBefore(String flow, long beforeRunId, int limit) {
    return jdbi.withHandle(h ->
        h.createQuery(
                """
                SELECT r.* FROM sync_run r, sync_run b
                WHERE b.id = :before AND r.flow = :flow
                  AND (r.started_at, r.id) < (b.started_at, b.id)
                ORDER BY r.started_at DESC, r.id DESC LIMIT :limit
                """)
            .bind("flow", flow)
            .bind("before", beforeRunId)
            .bind("limit", limit)
            .map((rs, ctx) -> run(rs))
            .list());
  }

  @Override
  public List<Run> runsAfter(String flow, long afterRunId, int limit) {
    return jdbi.withHandle(h ->
        h.createQuery(
                """
                SELECT r.* FROM sync_run r, sync_run a
                WHERE a.id = :after AND r.flow = :flow
                  AND (r.started_at, r.id) > (a.started_at, a.id)
                ORDER BY r.started_at, r.id LIMIT :limit
                """)
            .bind("flow", flow)
            .bind("after", afterRunId)
            .bind("limit", limit)
            .map((rs, ctx) -> run(rs))
            .list());
  }

  @Override
  public List<RunError> runErrors(String flow, int limit) {
    return jdbi.withHandle(h ->
        h.createQuery(
                """
                SELECT error, count(*) AS runs, min(started_at) AS first, max(started_at) AS last
                FROM sync_run WHERE flow = :flow AND error IS NOT NULL
                GROUP BY error ORDER BY last DESC LIMIT :limit
                """)
            .bind("flow", flow)
            .bind("limit", limit)
            .map((rs, ctx) ->
                new RunError(
                    rs.getString("error"),
                    rs.getInt("runs"),
                    requiredInstant(rs, "first"),
                    requiredInstant(rs, "last")))
            .list());
  }

  @Override
  public List<Run> openRuns(String flow) {
    return jdbi.withHandle(h ->
        h.createQuery(
                """
                SELECT * FROM sync_run WHERE flow = :flow AND finished_at IS NULL
                ORDER BY started_at DESC, id DESC
                """)
            .bind("flow", flow)
            .map((rs, ctx) -> run(rs))
            .list());
  }

  @Override
  public int finishIdleRuns(Instant startedBefore, Instant now) {
    return jdbi.withHandle(h ->
        h.createUpdate(
                """
                UPDATE sync_run r SET finished_at = :now
                WHERE r.finished_at IS NULL AND r.started_at < :before
                  AND NOT EXISTS (SELECT 1 FROM sync_job j WHERE j.run_id = r.id
                                  AND ((j.state = 'ready' AND j.next_attempt_at <= :now)
                                       OR j.state = 'running'))
                """)
            .bind("before", ts(startedBefore))
            .bind("now", ts(now))
            .execute());
  }

  private static Run run(ResultSet rs) throws SQLException {
    return new Run(
        rs.getLong("id"),
        rs.getString("flow"),
        rs.getString("trigger"),
        rs.getString("node"),
        requiredInstant(rs, "started_at"),
        instant(rs, "finished_at"),
        rs.getInt("seen"),
        rs.getInt("written"),
        rs.getInt("unchanged"),
        rs.getInt("filtered"),
        rs.getInt("unlinked"),
        rs.getInt("failed"),
        rs.getInt("retried"),
        rs.getInt("conflicts"),
        Sql.text(rs, "error"));
  }

  @Override
  public Optional<Run> lastFinishedRun(String flow) {
    // Newest by start, not by finish, so that the index on (flow, started_at) finds it without
    // reading every run the flow kept.
    return jdbi.withHandle(h ->
        h.createQuery(
                """
                SELECT * FROM sync_run WHERE flow = :flow AND finished_at IS NOT NULL
                ORDER BY started_at DESC, id DESC LIMIT 1
                """)
            .bind("flow", flow)
            .map((rs, ctx) -> run(rs))
            .findOne());
  }

  @Override
  public List<Activity> activity(Optional<String> flow, Instant since) {
    return jdbi.withHandle(h ->
        h.createQuery(
                """
                SELECT date_trunc('hour', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour,
                    count(*) FILTER (WHERE kind = 'written') AS written,
                    count(*) FILTER (WHERE kind = 'failed') AS failed
                FROM sync_event
                WHERE at >= :since AND kind IN ('written', 'failed')
                  AND (CAST(:flow AS text) IS NULL OR flow = :flow)
                GROUP BY 1 ORDER BY 1
                """)
            .bind("since", ts(since))
            .bind("flow", flow.orElse(null))
            .map((rs, ctx) ->
                new Activity(
                    requiredInstant(rs, "hour"), rs.getInt("written"), rs.getInt("failed")))
            .list());
  }

  @Override
  public List<SyncEvent> events(String flow, Side side, String sourceId, int limit) {
    return jdbi.withHandle(h ->
        h.createQuery(
                """
                SELECT * FROM sync_event WHERE flow = :flow AND side = :side AND source_id = :source
                ORDER BY at DESC, id DESC LIMIT :limit
                """)
            .bind("flow", flow)
            .bind("side", side(side))
            .bind("source", sourceId)
            .bind("limit", limit)
            .map((rs, ctx) -> {
              var run = rs.getLong("run_id");
              return new SyncEvent(
                  requiredInstant(rs, "at"),
                  rs.getString("flow"),
                  Side.valueOf(rs.getString("side")),
                  rs.getString("source_id"),
                  rs.wasNull() ? Optional.empty() : Optional.of(run),
                  rs.getString("kind"),
                  Sql.text(rs, "target_id"),
                  rs.getString("message"),
                  Sql.text(rs, "hash"));
            })
            .list());
  }

  // Housekeeping.

  @Override
  public int prune(Instant before) {
    return jdbi.inTransaction(h -> {
      var at = ts(before);
      var rows = 0;
      rows += h.createUpdate("DELETE FROM sync_event WHERE at < :at").bind("at", at).execute();
      // An open conflict waits for a person however old; an acknowledged one goes with the history.
      rows +=
          h.createUpdate("DELETE FROM sync_conflict WHERE acknowledged_at < :at")
              .bind("at", at)
              .execute();
      rows +=
          h.createUpdate("DELETE FROM sync_run WHERE finished_at < :at").bind("at", at).execute();
      rows +=
          h.createUpdate("DELETE FROM sync_job WHERE state = 'done' AND updated_at < :at")
              .bind("at", at)
              .execute();
      rows += h.createUpdate("DELETE FROM audit_log WHERE at < :at").bind("at", at).execute();
      return rows;
    });
  }
}
