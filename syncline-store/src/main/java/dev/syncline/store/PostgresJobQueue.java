package dev.syncline.store;

import static dev.syncline.store.Sql.instant;
import static dev.syncline.store.Sql.requiredInstant;
import static dev.syncline.store.Sql.side;
import static dev.syncline.store.Sql.ts;

import dev.syncline.core.flow.Side;
import dev.syncline.core.port.Backlog;
import dev.syncline.core.port.Change;
import dev.syncline.core.port.Job;
import dev.syncline.core.port.JobQueue;
import dev.syncline.core.port.JobResult;
import dev.syncline.core.port.JobStatus;
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
 * The cursors and the durable jobs on PostgreSQL ({@code sync_cursor}, {@code sync_job}). Jobs are
 * claimed with {@code FOR UPDATE SKIP LOCKED}, so any number of nodes share one database without
 * waiting on each other. The outcomes of a batch are recorded by {@link OutcomeRecorder}.
 */
public final class PostgresJobQueue implements JobQueue {

  private final Jdbi jdbi;

  public PostgresJobQueue(Jdbi jdbi) {
    this.jdbi = jdbi;
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
    // often to the second: a record read within seconds of its version may have changed again in
    // that very second, so it is read once more (clocks may differ by up to five seconds); later,
    // it
    // is not. When it was read is when its job was claimed (the batch loads right after), not when
    // the job finished: a slow write must not hide an edit made just after the read.
    var newest = new java.util.TreeMap<String, Instant>(); // in id order: see record
    for (var change : changes) {
      newest.merge(change.id(), change.modifiedAt(), (a, b) -> a.isAfter(b) ? a : b);
    }
    var ids = newest.keySet().toArray(String[]::new);
    var versions = newest.values().stream().map(Sql::tsText).toArray(String[]::new);
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
                                      AND COALESCE(j.claimed_at, j.updated_at)
                                          >= j.synced_version + interval '5 seconds')))
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
      String flow,
      Side side,
      String sourceId,
      long runId,
      String node,
      Instant now,
      Duration lease) {
    nodeAlive(node, now);
    return jdbi.inTransaction(h -> {
      // Queued for this run unless a worker holds it; the row stays locked until the claim below
      // commits, so no worker takes it in between.
      var queued =
          h.createQuery(
                  """
                  INSERT INTO sync_job AS j (flow, side, source_id, state, next_attempt_at, run_id,
                      created_at, updated_at)
                  VALUES (:flow, :side, :source, 'ready', :now, :run, :now, :now)
                  ON CONFLICT (flow, side, source_id) DO UPDATE SET
                      attempts = 0, run_id = :run, updated_at = :now
                  WHERE j.state <> 'running' OR j.lease_until < :now
                  RETURNING j.id
                  """)
              .bind("flow", flow)
              .bind("side", side(side))
              .bind("source", sourceId)
              .bind("run", runId)
              .bind("now", ts(now))
              .mapTo(Long.class)
              .findOne();
      if (queued.isEmpty()) {
        return Optional.<Job>empty();
      }
      var claimed =
          claim(h, flow, side, Optional.of(sourceId), node, 1, now, lease).stream().findFirst();
      if (claimed.isPresent()) {
        h.createUpdate("UPDATE sync_run SET seen = seen + 1 WHERE id = :run")
            .bind("run", runId)
            .execute();
      }
      return claimed;
    });
  }

  /** Jobs due: ready and due now. Walks {@code sync_job_due} in the order jobs are taken. */
  private static final String READY = "state = 'ready' AND next_attempt_at <= :now";

  /** Jobs due: running on a node whose lease ran out (it died, or lost the database). */
  private static final String LEASE_EXPIRED = "state = 'running' AND lease_until < :now";

  /**
   * One record asked for by a person: now, even if a worker finished it since it was queued, so the
   * person's sync never waits on a race.
   */
  private static final String ASKED =
      "source_id = :source AND (state <> 'running' OR lease_until < :now)";

  /** What holds back a due job, whichever kind it is. */
  private static final String CLAIMABLE =
      """
      -- not while the same record's job of the other direction runs
      AND NOT EXISTS (
          SELECT 1
          FROM flow_state f
          JOIN link_member m ON m.record_type = f.record_type
              AND m.instance = CASE WHEN :side = 'A' THEN f.a_instance ELSE f.b_instance END
              AND m.record_id = sync_job.source_id
          JOIN link_member o ON o.link_id = m.link_id
              AND o.instance = CASE WHEN :side = 'A' THEN f.b_instance ELSE f.a_instance END
          JOIN sync_job other ON other.flow = f.flow
              AND other.side = CASE WHEN :side = 'A' THEN 'B' ELSE 'A' END
              AND other.source_id = o.record_id
              AND other.state = 'running' AND other.lease_until >= :now
          WHERE f.flow = :flow)
      -- nor, while a create of the other direction may have happened and is not
      -- recorded yet, a record not linked here that may be what it made: that
      -- record shows up here before its link does, and taken for new it would be
      -- created back (a duplicate on both sides)
      AND NOT (
          change_version IS NOT NULL
          AND EXISTS (
              SELECT 1 FROM sync_job other
              WHERE other.flow = :flow
                AND other.side = CASE WHEN :side = 'A' THEN 'B' ELSE 'A' END
                AND other.state IN ('ready', 'running')
                AND (other.write_intent_at IS NOT NULL
                     OR other.maybe_written_since IS NOT NULL)
                AND COALESCE(other.maybe_written_since, other.write_intent_at)
                    <= sync_job.change_version + interval '5 seconds')
          AND NOT EXISTS (
              SELECT 1 FROM flow_state f
              JOIN link_member m ON m.record_type = f.record_type
                  AND m.instance = CASE WHEN :side = 'A' THEN f.a_instance ELSE f.b_instance END
                  AND m.record_id = sync_job.source_id
              WHERE f.flow = :flow))
      """;

  private List<Job> claim(
      String flow,
      Side side,
      Optional<String> sourceId,
      String node,
      int max,
      Instant now,
      Duration lease) {
    nodeAlive(node, now);
    return jdbi.inTransaction(h -> claim(h, flow, side, sourceId, node, max, now, lease));
  }

  private List<Job> claim(
      org.jdbi.v3.core.Handle h,
      String flow,
      Side side,
      Optional<String> sourceId,
      String node,
      int max,
      Instant now,
      Duration lease) {
    // A two-way flow (one that scans side B too) never runs a record's jobs of both directions at
    // once: each merges against the link's base and moves it, and the later would leave the base
    // of the earlier behind, so that a later edit reads as a change on both sides and loses to
    // the master. Claims of such a flow take turns, so that each sees the others' committed
    // claims.
    h.createQuery(
            """
            SELECT pg_advisory_xact_lock(hashtext('syncline.claim.' || :flow))
            WHERE EXISTS (SELECT 1 FROM sync_cursor WHERE flow = :flow AND side = 'B')
            """)
        .bind("flow", flow)
        .mapToMap()
        .list();
    // Each kind of due job is found by its own index, in the order it is taken, so that a claim
    // reads about as many jobs as it takes, however many are queued: one query with the three
    // kinds OR-ed together cannot use them, and sorted every ready job of the flow to take 100.
    var claimed = new java.util.ArrayList<Job>();
    for (var due : sourceId.isPresent() ? List.of(ASKED) : List.of(LEASE_EXPIRED, READY)) {
      if (claimed.size() >= max) {
        break;
      }
      claimed.addAll(
          h.createQuery(
                  """
                  UPDATE sync_job j SET maybe_written_since = CASE WHEN j.state = 'running'
                          THEN COALESCE(j.maybe_written_since, j.write_intent_at)
                          ELSE j.maybe_written_since END,
                      write_intent_at = NULL,
                      claimed_at = :now, state = 'running', lease_owner = :node, lease_until = :until,
                      updated_at = :now
                  FROM (SELECT id FROM sync_job
                        WHERE flow = :flow AND side = :side AND <due>
                  """
                          .replace("<due>", due)
                      + CLAIMABLE
                      + """
                            ORDER BY next_attempt_at, id
                            LIMIT :max
                            FOR UPDATE SKIP LOCKED) due
                      WHERE j.id = due.id
                      RETURNING j.id, j.source_id, j.attempts, j.run_id, j.maybe_written_since,
                          j.steps, j.last_outcome, j.last_error, j.waiting_until
                      """)
              .bind("flow", flow)
              .bind("side", side(side))
              .bindMap(sourceId.map(id -> Map.<String, Object>of("source", id)).orElse(Map.of()))
              .bind("node", node)
              .bind("max", max - claimed.size())
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
    return claimed;
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

  /** The cause of a job waiting with a record it follows, which its flow leaves out. */
  static final String LEFT_OUT = "Left out with a reference";

  /**
   * Which jobs nobody works on now, and why: ready but not due after a retryable outcome (a rate
   * limit's refusal is {@code CREDITS}, any other fault {@code RETRY}), waiting for the records
   * they refer to until their deadline ({@code REFERENCE}), with records they follow that their
   * flows leave out ({@code LEFT_OUT}), or held under a lease by a node not heard from within
   * {@link Wait#NODE_SILENCE}, or by an earlier life of a node restarted under the same name
   * ({@code LEASE}). One row per job, for {@link #waits} and {@link #job} to share.
   */
  private static final String WAITING_JOBS =
      """
      SELECT j.id, j.source_id,
          CASE WHEN j.state = 'running' THEN 'LEASE'
               WHEN j.last_outcome = 'waiting'
                    AND j.last_cause = 'Left out with a reference' THEN 'LEFT_OUT'
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
  public java.util.Set<String> leftOut(
      String flow, Side side, java.util.Collection<String> sourceIds) {
    if (sourceIds.isEmpty()) {
      return java.util.Set.of();
    }
    return jdbi.withHandle(h ->
        h.createQuery(
                """
                SELECT source_id FROM sync_job
                WHERE flow = :flow AND side = :side AND source_id = ANY(:ids)
                  AND last_outcome IN ('filtered', 'unlinked')
                """)
            .bind("flow", flow)
            .bind("side", side(side))
            .bind("ids", sourceIds.toArray(String[]::new))
            .mapTo(String.class)
            .collect(java.util.stream.Collectors.toSet()));
  }

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
