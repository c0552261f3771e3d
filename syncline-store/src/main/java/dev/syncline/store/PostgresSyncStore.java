package dev.syncline.store;

import static dev.syncline.store.Sql.instant;
import static dev.syncline.store.Sql.requiredInstant;
import static dev.syncline.store.Sql.ts;

import dev.syncline.core.flow.FlowSettings;
import dev.syncline.core.flow.Side;
import dev.syncline.core.model.RecordType;
import dev.syncline.core.port.Activity;
import dev.syncline.core.port.Backlog;
import dev.syncline.core.port.CauseCount;
import dev.syncline.core.port.Change;
import dev.syncline.core.port.DueScan;
import dev.syncline.core.port.FailedFilter;
import dev.syncline.core.port.FailedRecord;
import dev.syncline.core.port.FlowHealth;
import dev.syncline.core.port.FlowState;
import dev.syncline.core.port.Job;
import dev.syncline.core.port.JobResult;
import dev.syncline.core.port.JobStatus;
import dev.syncline.core.port.RecordMatch;
import dev.syncline.core.port.Run;
import dev.syncline.core.port.RunError;
import dev.syncline.core.port.SyncEvent;
import dev.syncline.core.port.SyncStore;
import dev.syncline.core.port.Wait;
import dev.syncline.core.port.Watermark;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * The engine's store on PostgreSQL. Each method is one transaction; jobs are claimed with {@code
 * FOR UPDATE SKIP LOCKED}, so any number of nodes share one database without waiting on each other.
 * The outcomes of a batch are recorded by {@link OutcomeRecorder}.
 */
public final class PostgresSyncStore implements SyncStore {

  private final Jdbi jdbi;

  /**
   * Forgets every flow's state, cursor, run, job, link and event, and the limiters' bookkeeping:
   * for systems that start empty each time (the demo's sandboxes), where links to records of an
   * earlier run would be wrong. The audit log stays.
   */
  public void forgetSyncState() {
    jdbi.useHandle(h ->
        h.execute(
            "TRUNCATE flow_state, sync_cursor, sync_run, sync_job, job_reference, link, link_member,"
                + " sync_event,"
                + " limiter_slot, limiter_spend, limiter_wait, notification_state, sync_node"));
  }

  public PostgresSyncStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  static String side(Side side) {
    return side.name();
  }

  // Flows and their schedules.

  @Override
  public void registerFlows(List<FlowSettings> flows, Instant now) {
    jdbi.useTransaction(h -> {
      for (var flow : flows) {
        h.createUpdate(
                """
                INSERT INTO flow_state AS f (flow, record_type, a_instance, b_instance, enabled,
                    every_seconds, config_enabled, config_every_seconds, next_scan_at, updated_at)
                VALUES (:flow, :type, :a, :b, :enabled, :every, :enabled, :every, :now, :now)
                ON CONFLICT (flow) DO UPDATE SET
                    record_type = EXCLUDED.record_type,
                    a_instance = EXCLUDED.a_instance,
                    b_instance = EXCLUDED.b_instance,
                    enabled = CASE WHEN f.config_enabled <> EXCLUDED.config_enabled
                                   THEN EXCLUDED.enabled ELSE f.enabled END,
                    every_seconds = CASE WHEN f.config_every_seconds <> EXCLUDED.config_every_seconds
                                         THEN EXCLUDED.every_seconds ELSE f.every_seconds END,
                    next_scan_at = CASE WHEN f.health_problem IS NOT NULL
                                        THEN EXCLUDED.next_scan_at ELSE f.next_scan_at END,
                    config_enabled = EXCLUDED.config_enabled,
                    config_every_seconds = EXCLUDED.config_every_seconds,
                    updated_at = EXCLUDED.updated_at
                """)
            .bind("flow", flow.name())
            .bind("type", flow.recordType().key())
            .bind("a", flow.from())
            .bind("b", flow.to())
            .bind("enabled", flow.enabled())
            .bind("every", (int) flow.every().toSeconds())
            .bind("now", ts(now))
            .execute();
      }
    });
  }

  @Override
  public Optional<FlowState> flowState(String flow) {
    return jdbi.withHandle(h ->
        h.createQuery("SELECT * FROM flow_state WHERE flow = :flow")
            .bind("flow", flow)
            .map((rs, ctx) -> flowState(rs))
            .findOne());
  }

  private static FlowState flowState(ResultSet rs) throws SQLException {
    return new FlowState(
        rs.getString("flow"),
        rs.getBoolean("enabled"),
        Duration.ofSeconds(rs.getInt("every_seconds")),
        requiredInstant(rs, "next_scan_at"),
        instant(rs, "last_scan_at"),
        health(rs));
  }

  private static Optional<FlowHealth> health(ResultSet rs) throws SQLException {
    var problem = rs.getString("health_problem");
    if (problem == null) {
      return Optional.empty();
    }
    return Optional.of(
        new FlowHealth(
            FlowHealth.Problem.valueOf(problem),
            rs.getString("health_instance"),
            rs.getString("health_reason"),
            rs.getString("health_fix"),
            requiredInstant(rs, "health_since"),
            rs.getInt("health_failures"),
            requiredInstant(rs, "health_last_failure_at")));
  }

  /** What clears a flow's health in an UPDATE of flow_state. */
  private static final String HEALTHY =
      "health_problem = NULL, health_instance = NULL, health_reason = NULL, health_fix = NULL,"
          + " health_since = NULL, health_failures = 0, health_last_failure_at = NULL";

  @Override
  public FlowHealth flowUnhealthy(
      String flow,
      FlowHealth.Problem problem,
      String instance,
      String reason,
      String fix,
      Instant now) {
    return jdbi.withHandle(h ->
        h.createQuery(
                """
                UPDATE flow_state SET health_problem = :problem, health_instance = :instance,
                    health_reason = :reason, health_fix = :fix,
                    health_since = CASE WHEN health_problem = :problem AND health_instance = :instance
                                        THEN health_since ELSE :now END,
                    health_failures = CASE WHEN health_problem = :problem
                                                AND health_instance = :instance
                                           THEN health_failures + 1 ELSE 1 END,
                    health_last_failure_at = :now
                WHERE flow = :flow
                RETURNING *
                """)
            .bind("flow", flow)
            .bind("problem", problem.name())
            .bind("instance", instance)
            .bind("reason", reason)
            .bind("fix", fix)
            .bind("now", ts(now))
            .map((rs, ctx) -> health(rs).orElseThrow())
            .findOne()
            .orElseThrow(() -> new IllegalArgumentException("There is no flow '" + flow + "'")));
  }

  @Override
  public boolean flowHealthy(String flow, Instant now) {
    return jdbi.withHandle(h ->
        h.createUpdate(
                    "UPDATE flow_state SET "
                        + HEALTHY
                        + " WHERE flow = :flow AND health_problem IS NOT NULL")
                .bind("flow", flow)
                .execute()
            > 0);
  }

  @Override
  public List<DueScan> claimDueScans(String node, Instant now, Duration lease) {
    return jdbi.inTransaction(h ->
        h.createQuery(
                """
                UPDATE flow_state f SET scan_owner = :node, scan_lease_until = :until,
                    scan_requested = false, backfill_requested = false
                FROM (SELECT flow, scan_requested, backfill_requested FROM flow_state
                      WHERE enabled AND next_scan_at <= :now
                        AND (scan_lease_until IS NULL OR scan_lease_until < :now)
                      FOR UPDATE SKIP LOCKED) due
                WHERE f.flow = due.flow
                RETURNING f.flow, due.scan_requested, due.backfill_requested
                """)
            .bind("node", node)
            .bind("now", ts(now))
            .bind("until", ts(now.plus(lease)))
            .map((rs, ctx) ->
                new DueScan(
                    rs.getString("flow"),
                    rs.getBoolean("backfill_requested")
                        ? DueScan.BACKFILL
                        : rs.getBoolean("scan_requested") ? "manual" : "schedule"))
            .list());
  }

  @Override
  public void scanFinished(String flow, String node, Instant now, Instant nextScanAt) {
    jdbi.useHandle(h ->
        h.createUpdate(
                """
                UPDATE flow_state SET scan_owner = NULL, scan_lease_until = NULL,
                    next_scan_at = CASE WHEN next_scan_at > :now THEN next_scan_at ELSE :next END,
                    last_scan_at = :now
                WHERE flow = :flow AND scan_owner = :node
                """)
            .bind("flow", flow)
            .bind("node", node)
            .bind("now", ts(now))
            .bind("next", ts(nextScanAt))
            .execute());
  }

  @Override
  public void setEnabled(String flow, boolean enabled, Instant now) {
    // Switching a flow on is a person's restart: it clears the flow's health too.
    jdbi.useHandle(h ->
        h.createUpdate(
                "UPDATE flow_state SET enabled = :enabled,"
                    + " updated_at = :now,"
                    + " next_scan_at = CASE WHEN :enabled THEN :now ELSE next_scan_at END"
                    + (enabled ? ", " + HEALTHY : "")
                    + " WHERE flow = :flow")
            .bind("flow", flow)
            .bind("enabled", enabled)
            .bind("now", ts(now))
            .execute());
  }

  @Override
  public void setSchedule(String flow, Duration every, Instant now) {
    update(
        """
        UPDATE flow_state SET every_seconds = :every, updated_at = :now,
            next_scan_at = LEAST(next_scan_at, :now + make_interval(secs => :every))
        WHERE flow = :flow
        """,
        Map.of("flow", flow, "every", (int) every.toSeconds(), "now", ts(now)),
        Map.of());
  }

  @Override
  public void requestScan(String flow, Instant now) {
    request(flow, "scan_requested", now);
  }

  @Override
  public void requestBackfill(String flow, Instant now) {
    request(flow, "backfill_requested", now);
  }

  /** Makes the flow's next scan due now, with {@code flag} telling claimDueScans its trigger. */
  private void request(String flow, String flag, Instant now) {
    update(
        "UPDATE flow_state SET next_scan_at = :now, "
            + flag
            + " = true, "
            + HEALTHY
            + " WHERE flow = :flow",
        Map.of("flow", flow, "now", ts(now)),
        Map.of());
  }

  @Override
  public boolean deletionCheckDue(String flow, Instant now, Duration every) {
    // The first scan only starts the clock: a node's first scan is not slowed by a full check.
    return jdbi.inTransaction(h ->
        h.createQuery(
                """
                UPDATE flow_state f SET deletions_checked_at = :now
                FROM (SELECT flow, deletions_checked_at AS last FROM flow_state WHERE flow = :flow
                      FOR UPDATE) old
                WHERE f.flow = old.flow AND (old.last IS NULL OR old.last <= :due)
                RETURNING old.last IS NOT NULL AS due
                """)
            .bind("flow", flow)
            .bind("now", ts(now))
            .bind("due", ts(now.minus(every)))
            .mapTo(Boolean.class)
            .findOne()
            .orElse(false));
  }

  private void update(
      String sql, Map<String, Object> values, Map<String, Optional<String>> optional) {
    jdbi.useHandle(h -> {
      var update = h.createUpdate(sql);
      values.forEach(update::bind);
      optional.forEach((k, v) -> update.bind(k, v.orElse(null)));
      update.execute();
    });
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

  // Cursors and jobs.

  @Override
  public Watermark cursor(String flow, Side side) {
    return jdbi.withHandle(h ->
        h.createQuery(
                "SELECT modified_at, source_id FROM sync_cursor WHERE flow = :flow AND side = :side")
            .bind("flow", flow)
            .bind("side", side(side))
            .map((rs, ctx) ->
                new Watermark(requiredInstant(rs, "modified_at"), rs.getString("source_id")))
            .findOne()
            .orElse(Watermark.BEGINNING));
  }

  @Override
  public int enqueue(
      String flow,
      Side side,
      List<Change> changes,
      Watermark advanceTo,
      long runId,
      Instant now,
      boolean again) {
    // One row per record: a record listed twice in one page keeps its newest version. Versions are
    // often
    // to the second: a record synced within seconds of its version may have changed again in that
    // very
    // second, so it is read once more (clocks may differ by up to five seconds); later, it is not.
    var newest = new java.util.TreeMap<String, Instant>(); // in id order: see record
    for (var change : changes) {
      newest.merge(change.id(), change.modifiedAt(), (a, b) -> a.isAfter(b) ? a : b);
    }
    var ids = newest.keySet().toArray(String[]::new);
    var versions = newest.values().stream().map(Instant::toString).toArray(String[]::new);
    return transaction(h -> {
      var queued =
          h.createQuery(
                  """
                  INSERT INTO sync_job AS j (flow, side, source_id, state, next_attempt_at, run_id,
                      change_version, created_at, updated_at)
                  SELECT :flow, :side, c.id, 'ready', :now, :run, c.version, :now, :now
                  FROM unnest(CAST(:ids AS text[]), CAST(:versions AS timestamptz[])) AS c(id, version)
                  ORDER BY c.id
                  ON CONFLICT (flow, side, source_id) DO UPDATE SET
                      state = CASE WHEN j.state = 'running' THEN 'running' ELSE 'ready' END,
                      dirty = j.dirty OR j.state = 'running',
                      attempts = CASE WHEN j.state IN ('done', 'failed', 'dismissed') THEN 0
                                      ELSE j.attempts END,
                      next_attempt_at = CASE WHEN j.state IN ('done', 'failed', 'dismissed')
                                             THEN EXCLUDED.next_attempt_at ELSE j.next_attempt_at END,
                      run_id = EXCLUDED.run_id,
                      change_version = GREATEST(j.change_version, EXCLUDED.change_version),
                      updated_at = EXCLUDED.updated_at
                  WHERE NOT (NOT :again AND j.state IN ('done', 'failed')
                             AND (j.synced_version > EXCLUDED.change_version
                                  OR (j.synced_version = EXCLUDED.change_version
                                      AND j.updated_at >= j.synced_version + interval '5 seconds')))
                    AND NOT (j.state IN ('ready', 'running', 'dismissed')
                             AND j.change_version >= EXCLUDED.change_version)
                  RETURNING j.id
                  """)
              .bind("flow", flow)
              .bind("side", side(side))
              .bind("now", ts(now))
              .bind("run", runId)
              .bind("again", again)
              .bind("ids", ids)
              .bind("versions", versions)
              .mapTo(Long.class)
              .list()
              .size();
      h.createUpdate(
              """
              INSERT INTO sync_cursor (flow, side, modified_at, source_id, updated_at)
              VALUES (:flow, :side, :at, :id, :now)
              ON CONFLICT (flow, side) DO UPDATE SET
                  modified_at = EXCLUDED.modified_at, source_id = EXCLUDED.source_id,
                  updated_at = EXCLUDED.updated_at
              """)
          .bind("flow", flow)
          .bind("side", side(side))
          .bind("at", ts(advanceTo.modifiedAt()))
          .bind("id", advanceTo.id())
          .bind("now", ts(now))
          .execute();
      h.createUpdate("UPDATE sync_run SET seen = seen + :n WHERE id = :run")
          .bind("n", queued)
          .bind("run", runId)
          .execute();
      return queued;
    });
  }

  @Override
  public long enqueueNow(String flow, Side side, String sourceId, long runId, Instant now) {
    return jdbi.inTransaction(h -> {
      var id =
          h.createQuery(
                  """
                  INSERT INTO sync_job AS j (flow, side, source_id, state, next_attempt_at, run_id,
                      created_at, updated_at)
                  VALUES (:flow, :side, :source, 'ready', :now, :run, :now, :now)
                  ON CONFLICT (flow, side, source_id) DO UPDATE SET
                      state = CASE WHEN j.state = 'running' THEN 'running' ELSE 'ready' END,
                      dirty = j.dirty OR j.state = 'running',
                      attempts = 0, next_attempt_at = :now, run_id = :run, updated_at = :now
                  RETURNING j.id
                  """)
              .bind("flow", flow)
              .bind("side", side(side))
              .bind("source", sourceId)
              .bind("run", runId)
              .bind("now", ts(now))
              .mapTo(Long.class)
              .one();
      h.createUpdate("UPDATE sync_run SET seen = seen + 1 WHERE id = :run")
          .bind("run", runId)
          .execute();
      return id;
    });
  }

  @Override
  public List<Job> claim(
      String flow, Side side, String node, int max, Instant now, Duration lease) {
    return claim(flow, side, Optional.empty(), node, max, now, lease);
  }

  @Override
  public Optional<Job> claimOne(
      String flow, Side side, String sourceId, String node, Instant now, Duration lease) {
    return claim(flow, side, Optional.of(sourceId), node, 1, now, lease).stream().findFirst();
  }

  private List<Job> claim(
      String flow,
      Side side,
      Optional<String> sourceId,
      String node,
      int max,
      Instant now,
      Duration lease) {
    nodeAlive(node, now);
    return jdbi.inTransaction(h ->
        h.createQuery(
                """
                UPDATE sync_job j SET maybe_written_since = CASE WHEN j.state = 'running'
                        THEN COALESCE(j.maybe_written_since, j.write_intent_at)
                        ELSE j.maybe_written_since END,
                    write_intent_at = NULL,
                    claimed_at = :now, state = 'running', lease_owner = :node, lease_until = :until, updated_at = :now
                FROM (SELECT id FROM sync_job
                      WHERE flow = :flow AND side = :side
                        AND (CAST(:source AS text) IS NULL OR source_id = :source)
                        AND ((state = 'ready' AND next_attempt_at <= :now)
                             OR (state = 'running' AND lease_until < :now)
                             -- one record asked for by a person: now, even if a worker finished
                             -- it since it was queued, so the person's sync never waits on a race
                             OR (CAST(:source AS text) IS NOT NULL AND state <> 'running'))
                      ORDER BY next_attempt_at, id
                      LIMIT :max
                      FOR UPDATE SKIP LOCKED) due
                WHERE j.id = due.id
                RETURNING j.id, j.source_id, j.attempts, j.run_id, j.maybe_written_since, j.steps,
                    j.last_outcome, j.last_error, j.waiting_until
                """)
            .bind("flow", flow)
            .bind("side", side(side))
            .bind("source", sourceId.orElse(null))
            .bind("node", node)
            .bind("max", max)
            .bind("now", ts(now))
            .bind("until", ts(now.plus(lease)))
            .map((rs, ctx) ->
                new Job(
                    rs.getLong("id"),
                    flow,
                    side,
                    rs.getString("source_id"),
                    rs.getInt("attempts"),
                    rs.getLong("run_id"),
                    Sql.instant(rs, "maybe_written_since"),
                    Sql.textMap(rs.getString("steps")),
                    Sql.text(rs, "last_outcome"),
                    Sql.text(rs, "last_error"),
                    Sql.instant(rs, "waiting_until")))
            .list());
  }

  /**
   * How often at most a node's being alive is written: often enough for {@link Wait#NODE_SILENCE}.
   */
  private static final Duration ALIVE_EVERY = Duration.ofSeconds(10);

  private final Map<String, Instant> aliveWritten = new ConcurrentHashMap<>();

  @Override
  public void nodeAlive(String node, Instant now) {
    // Idle workers claim twice a second; the row is written only when it is getting old.
    var written = aliveWritten.get(node);
    if (written != null && !now.isBefore(written) && now.isBefore(written.plus(ALIVE_EVERY))) {
      return;
    }
    // The first word of this process under the name: the node (re)started, and what it held before
    // waits for its leases.
    var starting = written == null;
    jdbi.useHandle(h ->
        h.createUpdate(
                """
                INSERT INTO sync_node (node, seen_at, started_at) VALUES (:node, :now, :now)
                ON CONFLICT (node) DO UPDATE SET seen_at = EXCLUDED.seen_at,
                    started_at = CASE WHEN :starting THEN EXCLUDED.started_at
                                      ELSE sync_node.started_at END
                """)
            .bind("node", node)
            .bind("now", ts(now))
            .bind("starting", starting)
            .execute());
    aliveWritten.put(node, now);
  }

  /**
   * Which jobs nobody works on now, and why: ready but not due after a retryable outcome (a rate
   * limit's refusal is {@code CREDITS}, any other fault {@code RETRY}), waiting for the records
   * they refer to until their deadline ({@code REFERENCE}), or held under a lease by a node not
   * heard from within {@link Wait#NODE_SILENCE}, or by an earlier life of a node restarted under
   * the same name ({@code LEASE}). One row per job, for {@link #waits} and {@link #job} to share.
   */
  private static final String WAITING_JOBS =
      """
      SELECT j.id, j.source_id,
          CASE WHEN j.state = 'running' THEN 'LEASE'
               WHEN j.last_outcome = 'waiting' THEN 'REFERENCE'
               WHEN j.last_cause = 'RateLimited' THEN 'CREDITS'
               ELSE 'RETRY' END AS reason,
          CASE WHEN j.state = 'running' THEN j.lease_owner END AS node,
          CASE WHEN j.state = 'running' THEN j.lease_until ELSE j.next_attempt_at END AS until,
          CASE WHEN j.state = 'ready' THEN j.last_error END AS error
      FROM sync_job j LEFT JOIN sync_node n ON n.node = j.lease_owner
      WHERE j.flow = :flow
        AND ((j.state = 'ready' AND j.next_attempt_at > :now
              AND j.last_outcome IN ('retrying', 'waiting'))
             OR (j.state = 'running' AND j.lease_until > :now
                 AND (n.seen_at IS NULL OR n.seen_at < :silent OR j.claimed_at < n.started_at)))
      """;

  @Override
  public List<Wait> waits(String flow, Instant now) {
    return jdbi.withHandle(h ->
        h.createQuery(
                "SELECT reason, node, count(*) AS records, min(until) AS until,"
                    + " (array_agg(error ORDER BY until, id))[1] AS error FROM ("
                    + WAITING_JOBS
                    + ") w GROUP BY reason, node ORDER BY min(until), reason, node")
            .bind("flow", flow)
            .bind("now", ts(now))
            .bind("silent", ts(now.minus(Wait.NODE_SILENCE)))
            .map((rs, ctx) -> wait(rs, rs.getInt("records"), now))
            .list());
  }

  private static Wait wait(ResultSet rs, int records, Instant now) throws SQLException {
    var until = requiredInstant(rs, "until");
    return new Wait(
        Wait.Reason.valueOf(rs.getString("reason")),
        records,
        until,
        Duration.between(now, until),
        Sql.text(rs, "node"),
        Sql.text(rs, "error"));
  }

  @Override
  public void writeIntents(List<Long> jobIds, String node, Instant now) {
    jdbi.useHandle(h ->
        h.createUpdate(
                """
                UPDATE sync_job SET write_intent_at = :now
                WHERE id = ANY(:ids) AND lease_owner = :node AND state = 'running'
                """)
            .bind("ids", jobIds.toArray(Long[]::new))
            .bind("node", node)
            .bind("now", ts(now))
            .execute());
  }

  @Override
  public void stepDone(long jobId, String step, String madeId, Instant now) {
    jdbi.useHandle(h ->
        h.createUpdate(
                """
                UPDATE sync_job SET steps = steps || jsonb_build_object(CAST(:step AS text), CAST(:made AS text)),
                    updated_at = :now
                WHERE id = :id
                """)
            .bind("id", jobId)
            .bind("step", step)
            .bind("made", madeId)
            .bind("now", ts(now))
            .execute());
  }

  @Override
  public int activeJobs(String flow, Instant now) {
    return jdbi.withHandle(h ->
        h.createQuery(
                """
                SELECT count(*) FROM sync_job WHERE flow = :flow
                  AND ((state = 'ready' AND next_attempt_at <= :now) OR state = 'running')
                """)
            .bind("flow", flow)
            .bind("now", ts(now))
            .mapTo(Integer.class)
            .one());
  }

  @Override
  public int activeJobsOfRun(long runId, Instant now) {
    return jdbi.withHandle(h ->
        h.createQuery(
                """
                SELECT count(*) FROM sync_job WHERE run_id = :run
                  AND ((state = 'ready' AND next_attempt_at <= :now) OR state = 'running')
                """)
            .bind("run", runId)
            .bind("now", ts(now))
            .mapTo(Integer.class)
            .one());
  }

  @Override
  public Backlog backlog(String flow) {
    // A record queued again at a version already tried (RESYNC, selective sync), or with no
    // version, counts from when it was last queued or tried: its old change says nothing about how
    // far behind the flow is.
    return jdbi.withHandle(h ->
        h.createQuery(
                """
                SELECT count(*) AS records,
                    min(CASE WHEN change_version IS NULL OR change_version <= synced_version
                             THEN updated_at ELSE change_version END) AS oldest
                FROM sync_job WHERE flow = :flow AND state IN ('ready', 'running')
                """)
            .bind("flow", flow)
            .map((rs, ctx) -> new Backlog(rs.getInt("records"), instant(rs, "oldest")))
            .one());
  }

  // Outcomes.

  @Override
  public void record(String flow, Side side, String node, List<JobResult> results, Instant now) {
    // In the order of their ids, as enqueue locks them, so that the two never wait on each other in
    // a ring.
    var ordered =
        results.stream().sorted(java.util.Comparator.comparing(r -> r.job().sourceId())).toList();
    transaction(h -> {
      new OutcomeRecorder(h, flow, side, node, now).record(ordered);
      return null;
    });
  }

  @Override
  public void conflictLost(String flow, Side side, String sourceId, String message, Instant now) {
    // Only kept, never closing a job: the losing side's job may carry changes the merge left to it.
    jdbi.useHandle(h ->
        h.createUpdate(
                "INSERT INTO sync_event (at, flow, side, source_id, kind, message)"
                    + " VALUES (:now, :flow, :side, :source, 'conflict', :message)")
            .bind("flow", flow)
            .bind("side", side(side))
            .bind("source", sourceId)
            .bind("message", message)
            .bind("now", ts(now))
            .execute());
  }

  // The failed record queue.

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

  // Reading for people: the dashboard and the API.

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
  public Optional<JobStatus> job(String flow, Side side, String sourceId, Instant now) {
    return jdbi.withHandle(h -> {
      var status =
          h.createQuery(
                  // A job waiting for its references is ready underneath, so that it is claimed at
                  // its deadline; people see it as waiting.
                  """
                  SELECT *, CASE WHEN state = 'ready' AND last_outcome = 'waiting'
                      AND next_attempt_at > :now THEN 'waiting' ELSE state END AS shown_state
                  FROM sync_job WHERE flow = :flow AND side = :side AND source_id = :source
                  """)
              .bind("flow", flow)
              .bind("side", side(side))
              .bind("source", sourceId)
              .bind("now", ts(now))
              .map((rs, ctx) ->
                  new JobStatus(
                      rs.getLong("id"),
                      rs.getString("flow"),
                      Side.valueOf(rs.getString("side")),
                      rs.getString("source_id"),
                      rs.getString("shown_state"),
                      rs.getInt("attempts"),
                      Sql.text(rs, "last_outcome"),
                      Sql.text(rs, "last_error"),
                      Sql.text(rs, "last_cause"),
                      instant(rs, "change_version"),
                      requiredInstant(rs, "next_attempt_at"),
                      requiredInstant(rs, "updated_at"),
                      Optional.<Wait>empty()))
              .findOne();
      return status.map(j -> {
        var wait =
            h.createQuery("SELECT * FROM (" + WAITING_JOBS + ") w WHERE id = :id")
                .bind("flow", flow)
                .bind("id", j.id())
                .bind("now", ts(now))
                .bind("silent", ts(now.minus(Wait.NODE_SILENCE)))
                .map((rs, ctx) -> wait(rs, 1, now))
                .findOne();
        return new JobStatus(
            j.id(),
            j.flow(),
            j.side(),
            j.sourceId(),
            j.state(),
            j.attempts(),
            j.lastOutcome(),
            j.lastError(),
            j.lastCause(),
            j.changeVersion(),
            j.nextAttemptAt(),
            j.updatedAt(),
            wait);
      });
    });
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

  @Override
  public List<RecordMatch> findRecords(String text, int limit) {
    var wanted = text.strip();
    if (wanted.isEmpty()) {
      return List.of();
    }
    // LIKE's wildcards in what a person typed are meant literally: escaped with '!', since Jdbi's
    // parser reads a backslash in a quoted string as escaping the quote.
    // Each linked record's search column holds its id and the text last written to it (V7, V11): a
    // link is found by any of its records. A record never
    // written has only its job, whose last error names it ("Customer 12 (Société Générale): ..."):
    // the part before the first colon is how the source describes the record.
    return jdbi.withHandle(h ->
        h.createQuery(
                """
                SELECT * FROM (
                  SELECT 0 AS rank, f.record_type, f.flow, a.record_id AS source_id,
                         b.record_id AS target_id,
                         coalesce(b.payload ->> 'name', a.payload ->> 'name',
                                  b.payload ->> 'companyName', a.payload ->> 'companyName',
                                  '') AS name,
                         CASE WHEN j.state IN ('failed', 'dismissed') THEN j.state ELSE b.state END
                           AS state,
                         greatest(a.updated_at, b.updated_at) AS updated_at
                  FROM flow_state f
                  JOIN link_member a ON a.record_type = f.record_type AND a.instance = f.a_instance
                  JOIN link_member b ON b.link_id = a.link_id AND b.instance = f.b_instance
                  LEFT JOIN sync_job j ON j.flow = f.flow AND j.side = 'A' AND j.source_id = a.record_id
                  WHERE a.link_id IN (
                      SELECT m.link_id FROM link_member m
                      WHERE m.record_id = :text
                         OR m.search LIKE '%' || syncline_fold(:like) || '%' ESCAPE '!')
                  UNION ALL
                  SELECT 1, f.record_type, j.flow, j.source_id, NULL,
                         split_part(coalesce(j.last_error, ''), ': ', 1),
                         j.state, j.updated_at
                  FROM sync_job j JOIN flow_state f ON f.flow = j.flow
                  WHERE j.side = 'A'
                    AND (j.source_id = :text
                         OR syncline_fold(j.last_error) LIKE '%' || syncline_fold(:like) || '%' ESCAPE '!')
                    AND NOT EXISTS (SELECT 1 FROM link_member a
                                    JOIN link_member b ON b.link_id = a.link_id
                                         AND b.instance = f.b_instance
                                    WHERE a.record_type = f.record_type
                                      AND a.instance = f.a_instance AND a.record_id = j.source_id)
                ) found
                ORDER BY rank, updated_at DESC, source_id LIMIT :limit
                """)
            .bind("text", wanted)
            .bind("like", wanted.replace("!", "!!").replace("%", "!%").replace("_", "!_"))
            .bind("limit", limit)
            .map((rs, ctx) ->
                new RecordMatch(
                    rs.getString("record_type"),
                    rs.getString("flow"),
                    rs.getString("source_id"),
                    Sql.text(rs, "target_id"),
                    rs.getString("name"),
                    rs.getString("state")))
            .list());
  }

  // Housekeeping.

  @Override
  public int prune(Instant before) {
    return jdbi.inTransaction(h -> {
      var at = ts(before);
      var rows = 0;
      rows += h.createUpdate("DELETE FROM sync_event WHERE at < :at").bind("at", at).execute();
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

  /**
   * A transaction, run again when PostgreSQL broke it off to resolve a deadlock or a serialization
   * conflict with another node's transaction (nothing of it was kept).
   */
  private <T> T transaction(org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
    for (var attempt = 1; ; attempt++) {
      try {
        return jdbi.inTransaction(work);
      } catch (org.jdbi.v3.core.JdbiException e) {
        if (attempt >= 5 || !conflict(e)) {
          throw e;
        }
      }
    }
  }

  private static boolean conflict(Throwable e) {
    for (var cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.sql.SQLException sql
          && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
  }
}
