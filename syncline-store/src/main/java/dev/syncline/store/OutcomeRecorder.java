package dev.syncline.store;

import static dev.syncline.store.Sql.side;
import static dev.syncline.store.Sql.ts;

import dev.syncline.core.flow.Side;
import dev.syncline.core.port.Conflict;
import dev.syncline.core.port.JobResult;
import dev.syncline.core.port.MadeLink;
import dev.syncline.core.port.Outcome;
import dev.syncline.core.port.RemoteState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * Records one batch's outcomes inside the caller's transaction: each job's new state (only while
 * this node still holds its lease), the record's link, an entry of its history, and the counts of
 * the runs.
 */
final class OutcomeRecorder {

  private final Handle h;
  private final String flow;
  private final Side side;
  private final String node;
  private final Instant now;
  private final Map<Long, Map<String, Integer>> runCounts = new HashMap<>();
  private String recordType;
  private String aInstance;
  private String bInstance;

  OutcomeRecorder(Handle h, String flow, Side side, String node, Instant now) {
    this.h = h;
    this.flow = flow;
    this.side = side;
    this.node = node;
    this.now = now;
  }

  void record(List<JobResult> results) {
    var flowRow =
        h.createQuery(
                "SELECT record_type, a_instance, b_instance FROM flow_state WHERE flow = :flow")
            .bind("flow", flow)
            .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
            .one();
    recordType = flowRow[0];
    aInstance = flowRow[1];
    bInstance = flowRow[2];
    // A batch is recorded in a few statements for all of its jobs, not a few for each: links
    // first (a write whose target is linked to another record fails instead), then the jobs,
    // each only where this node still holds it, then what follows from each outcome.
    var refused =
        PostgresLinks.written(
            h,
            recordType,
            from(),
            to(),
            results.stream()
                .filter(r -> r.outcome() instanceof Outcome.Written)
                .map(
                    r -> new PostgresLinks.Write(r.job().sourceId(), (Outcome.Written) r.outcome()))
                .toList(),
            now);
    var outcomes =
        results.stream()
            .map(r -> {
              var message = refused.get(r.job().sourceId());
              return message == null || !(r.outcome() instanceof Outcome.Written w)
                  ? r
                  : new JobResult(
                      r.job(),
                      new Outcome.Failed(
                          message, "Already linked", Optional.of(w.sourceVersion())));
            })
            .toList();
    var held = updateJobs(outcomes);
    var kept = outcomes.stream().filter(r -> held.contains(r.job().id())).toList();
    if (kept.isEmpty()) {
      return;
    }
    h.createUpdate("DELETE FROM job_reference WHERE job_id = ANY(:ids)")
        .bind("ids", kept.stream().map(r -> r.job().id()).toArray(Long[]::new))
        .execute();
    awaits(kept.stream().filter(r -> r.outcome() instanceof Outcome.Waiting).toList());
    var unchanged = new java.util.TreeMap<String, Instant>();
    var unlinked = new ArrayList<PostgresLinks.Unlinked>();
    for (var result : kept) {
      var sourceId = result.job().sourceId();
      switch (result.outcome()) {
        case Outcome.Written w -> {
          w.madeOnTheWay().forEach(this::linkMade);
          w.conflicts().forEach(c -> conflict(sourceId, w.targetId(), c));
          count(result.job().runId(), "conflict", w.conflicts().size());
        }
        case Outcome.Unchanged u -> unchanged.put(sourceId, u.sourceVersion());
        case Outcome.Unlinked u ->
            unlinked.add(new PostgresLinks.Unlinked(sourceId, u.reason(), u.sourceVersion()));
        default -> {}
      }
      var outcome = result.outcome();
      count(
          result.job().runId(),
          outcome instanceof Outcome.Retrying ? "retried" : outcome.kind(),
          1);
    }
    PostgresLinks.seen(h, recordType, from(), unchanged, to(), now);
    PostgresLinks.unlinked(h, recordType, from(), to(), unlinked, now);
    // The records that follow one the flow now leaves out learn so at once, and wait saying it.
    var leftOut =
        kept.stream()
            .filter(r ->
                r.outcome() instanceof Outcome.Filtered || r.outcome() instanceof Outcome.Unlinked)
            .map(r -> r.job().sourceId())
            .toList();
    if (!leftOut.isEmpty()) {
      PostgresLinks.wake(h, recordType, from(), leftOut, to(), List.of(), now);
    }
    events(
        kept.stream()
            .filter(r ->
                !(r.outcome() instanceof Outcome.Unchanged)
                    && !(r.outcome() instanceof Outcome.Filtered))
            .toList());
    runCounts.forEach((run, counts) -> {
      var update =
          h.createUpdate(
              """
              UPDATE sync_run SET written = written + :written, unchanged = unchanged + :unchanged,
                  filtered = filtered + :filtered, unlinked = unlinked + :unlinked,
                  failed = failed + :failed, retried = retried + :retried,
                  conflicts = conflicts + :conflict
              WHERE id = :run
              """);
      for (var kind :
          List.of(
              "written", "unchanged", "filtered", "unlinked", "failed", "retried", "conflict")) {
        update.bind(kind, counts.getOrDefault(kind, 0));
      }
      update.bind("run", run).execute();
    });
  }

  private void count(long runId, String kind, int n) {
    if (n > 0) {
      runCounts.computeIfAbsent(runId, r -> new HashMap<>()).merge(kind, n, Integer::sum);
    }
  }

  /**
   * Sets each job's state from its outcome, where this node still holds it: one statement for each
   * kind of outcome in the batch. Returns the ids of the jobs it held.
   */
  private Set<Long> updateJobs(List<JobResult> results) {
    var held = new HashSet<Long>();
    var byKind = new LinkedHashMap<String, List<JobResult>>();
    for (var r : results) {
      var kind =
          switch (r.outcome()) {
            case Outcome.Failed f -> "failed";
            case Outcome.Waiting w -> "waiting";
            case Outcome.Retrying rt -> "retrying";
            default -> "done";
          };
      byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(r);
    }
    byKind.forEach((kind, group) -> {
      var update =
          switch (kind) {
            case "failed" ->
                h.createQuery(
                        """
                        UPDATE sync_job j SET state = CASE WHEN dirty THEN 'ready' ELSE 'failed' END,
                            dirty = false, attempts = attempts + 1, next_attempt_at = :now,
                            synced_version = o.version, last_outcome = 'failed',
                            last_error = o.error, last_cause = o.cause, lease_owner = NULL,
                            lease_until = NULL, write_intent_at = NULL, waiting_until = NULL,
                            updated_at = :now
                        FROM unnest(CAST(:ids AS bigint[]), CAST(:versions AS timestamptz[]),
                            CAST(:errors AS text[]), CAST(:causes AS text[]))
                            AS o(id, version, error, cause)
                        WHERE j.id = o.id AND j.lease_owner = :node AND j.state = 'running'
                        RETURNING j.id
                        """)
                    .bind("versions", texts(group, o -> sourceVersion(o).map(Sql::tsText)))
                    .bind("errors", texts(group, o -> Optional.of(((Outcome.Failed) o).message())))
                    .bind("causes", texts(group, o -> Optional.of(((Outcome.Failed) o).cause())));
            case "waiting" ->
                h.createQuery(
                        """
                        UPDATE sync_job j SET state = 'ready',
                            next_attempt_at = CASE WHEN dirty THEN :now ELSE o.until END,
                            dirty = false, waiting_until = o.until, last_outcome = 'waiting',
                            last_error = o.error, last_cause = o.cause,
                            lease_owner = NULL, lease_until = NULL, write_intent_at = NULL,
                            updated_at = :now
                        FROM unnest(CAST(:ids AS bigint[]), CAST(:untils AS timestamptz[]),
                            CAST(:errors AS text[]), CAST(:causes AS text[]))
                            AS o(id, until, error, cause)
                        WHERE j.id = o.id AND j.lease_owner = :node AND j.state = 'running'
                        RETURNING j.id
                        """)
                    .bind(
                        "untils",
                        texts(group, o -> Optional.of(Sql.tsText(((Outcome.Waiting) o).until()))))
                    .bind("errors", texts(group, o -> Optional.of(((Outcome.Waiting) o).message())))
                    .bind(
                        "causes",
                        texts(
                            group,
                            o ->
                                Optional.of(
                                    ((Outcome.Waiting) o).leftOut()
                                        ? PostgresJobQueue.LEFT_OUT
                                        : "Waiting for a reference")));
            case "retrying" ->
                h.createQuery(
                        """
                        UPDATE sync_job j SET state = 'ready', attempts = attempts + 1,
                            next_attempt_at = CASE WHEN dirty THEN :now ELSE o.next END,
                            dirty = false, last_outcome = 'retrying', last_error = o.error,
                            last_cause = o.cause, lease_owner = NULL, lease_until = NULL,
                            waiting_until = NULL, updated_at = :now,
                            maybe_written_since = CASE WHEN o.maybe
                                THEN COALESCE(j.maybe_written_since, j.write_intent_at, :now)
                                ELSE j.maybe_written_since END,
                            write_intent_at = NULL
                        FROM unnest(CAST(:ids AS bigint[]), CAST(:maybes AS boolean[]),
                            CAST(:nexts AS timestamptz[]), CAST(:errors AS text[]),
                            CAST(:causes AS text[])) AS o(id, maybe, next, error, cause)
                        WHERE j.id = o.id AND j.lease_owner = :node AND j.state = 'running'
                        RETURNING j.id
                        """)
                    .bind(
                        "maybes",
                        texts(
                            group,
                            o ->
                                Optional.of(String.valueOf(((Outcome.Retrying) o).maybeWritten()))))
                    .bind(
                        "nexts",
                        texts(
                            group,
                            o -> Optional.of(Sql.tsText(((Outcome.Retrying) o).nextAttemptAt()))))
                    .bind(
                        "errors", texts(group, o -> Optional.of(((Outcome.Retrying) o).message())))
                    .bind("causes", texts(group, o -> Optional.of(((Outcome.Retrying) o).cause())));
            default ->
                h.createQuery(
                        """
                        UPDATE sync_job j SET state = CASE WHEN dirty THEN 'ready' ELSE 'done' END,
                            dirty = false, attempts = 0, next_attempt_at = :now,
                            synced_version = COALESCE(o.version, j.synced_version),
                            last_outcome = o.kind, last_error = o.message, last_cause = NULL,
                            lease_owner = NULL, lease_until = NULL, write_intent_at = NULL,
                            waiting_until = NULL, updated_at = :now,
                            -- written: the target holds it under the link's id, and its steps are
                            -- all done
                            maybe_written_since = CASE WHEN o.kind = 'written' THEN NULL
                                ELSE j.maybe_written_since END,
                            steps = CASE WHEN o.kind = 'written' THEN '{}' ELSE j.steps END
                        FROM unnest(CAST(:ids AS bigint[]), CAST(:versions AS timestamptz[]),
                            CAST(:kinds AS text[]), CAST(:messages AS text[]))
                            AS o(id, version, kind, message)
                        WHERE j.id = o.id AND j.lease_owner = :node AND j.state = 'running'
                        RETURNING j.id
                        """)
                    .bind("versions", texts(group, o -> sourceVersion(o).map(Sql::tsText)))
                    .bind("kinds", texts(group, o -> Optional.of(o.kind())))
                    .bind("messages", texts(group, OutcomeRecorder::message));
          };
      update
          .bind("ids", group.stream().map(r -> r.job().id()).toArray(Long[]::new))
          .bind("node", node)
          .bind("now", ts(now))
          .mapTo(Long.class)
          .forEach(held::add);
    });
    return held;
  }

  /** One text per result, from its outcome; null where it has none. */
  private static String[] texts(
      List<JobResult> results, Function<Outcome, Optional<String>> value) {
    return results.stream().map(r -> value.apply(r.outcome()).orElse(null)).toArray(String[]::new);
  }

  /**
   * Links a record the write made on the way, unless it is linked already. No hash is kept: its own
   * flow, when it has one, writes it once to know it, by the id linked here.
   */
  private void linkMade(MadeLink made) {
    PostgresLinks.made(h, made.type().key(), from(), made.sourceId(), to(), made.targetId(), now);
  }

  /**
   * Keeps what the jobs wait for, where the transaction writing one of those links finds it ({@link
   * PostgresLinks#wake}). A link written by a batch committing at the same time is not missed: its
   * lock is taken here, and a link already there makes the job due now.
   */
  private void awaits(List<JobResult> waiting) {
    var jobs = new ArrayList<Long>();
    var types = new ArrayList<String>();
    var ids = new ArrayList<String>();
    for (var r : waiting) {
      for (var reference : ((Outcome.Waiting) r.outcome()).awaited()) {
        jobs.add(r.job().id());
        types.add(reference.type().key());
        ids.add(reference.id());
      }
    }
    if (jobs.isEmpty()) {
      return;
    }
    PostgresLinks.lock(
        h,
        java.util.stream.IntStream.range(0, jobs.size())
            .mapToObj(i -> PostgresLinks.key(types.get(i), from(), ids.get(i))));
    h.createUpdate(
            """
            INSERT INTO job_reference (job_id, record_type, instance, record_id, target)
            SELECT r.job, r.type, :from, r.id, :to
            FROM unnest(CAST(:jobs AS bigint[]), CAST(:types AS text[]), CAST(:ids AS text[]))
                AS r(job, type, id)
            ON CONFLICT DO NOTHING
            """)
        .bind("jobs", jobs.toArray(Long[]::new))
        .bind("types", types.toArray(String[]::new))
        .bind("ids", ids.toArray(String[]::new))
        .bind("from", from())
        .bind("to", to())
        .execute();
    h.createUpdate(
            """
            UPDATE sync_job j SET next_attempt_at = :now
            WHERE j.id = ANY(:jobs) AND EXISTS (
                SELECT 1 FROM job_reference r
                JOIN link_member f ON f.record_type = r.record_type AND f.instance = r.instance
                    AND f.record_id = r.record_id
                JOIN link_member t ON t.link_id = f.link_id AND t.instance = r.target
                    AND t.state <> 'unlinked'
                WHERE r.job_id = j.id)
            """)
        .bind("jobs", jobs.stream().distinct().toArray(Long[]::new))
        .bind("now", ts(now))
        .execute();
  }

  /** The instance this batch's records were read from. */
  private String from() {
    return side == Side.A ? aInstance : bInstance;
  }

  /** The instance this batch's records were written to. */
  private String to() {
    return side == Side.A ? bInstance : aInstance;
  }

  /**
   * Keeps a value the merge dropped in the conflict list, and in the history of the record on the
   * side that lost it, where its record page shows it. A conflict still open with the same values
   * is not kept twice: the two directions' first writes of a newly linked record can meet the same
   * difference at once.
   */
  private void conflict(String sourceId, String targetId, Conflict.Lost lost) {
    var aId = side == Side.A ? sourceId : targetId;
    var bId = side == Side.A ? targetId : sourceId;
    var kept =
        h.createUpdate(
                """
                INSERT INTO sync_conflict (at, flow, record_type, field, master, a_id, b_id, kept, dropped, message)
                SELECT :now, :flow, :type, :field, :master, :a, :b, :kept, :dropped, :message
                WHERE NOT EXISTS (
                    SELECT 1 FROM sync_conflict c
                    WHERE c.flow = :flow AND c.a_id = :a AND c.b_id = :b AND c.field = :field
                        AND c.kept = :kept AND c.dropped = :dropped AND c.acknowledged_at IS NULL)
                """)
            .bind("now", ts(now))
            .bind("flow", flow)
            .bind("type", recordType)
            .bind("field", lost.field())
            .bind("master", side(lost.loser().other()))
            .bind("a", aId)
            .bind("b", bId)
            .bind("kept", lost.kept())
            .bind("dropped", lost.dropped())
            .bind("message", lost.message())
            .execute();
    if (kept == 0) {
      return;
    }
    h.createUpdate(
            """
            INSERT INTO sync_event (at, flow, side, source_id, kind, message)
            VALUES (:now, :flow, :side, :source, 'conflict', :message)
            """)
        .bind("now", ts(now))
        .bind("flow", flow)
        .bind("side", side(lost.loser()))
        .bind("source", lost.loser() == Side.A ? aId : bId)
        .bind("message", lost.message())
        .execute();
  }

  /** An entry in the history of each record, for these results. */
  private void events(List<JobResult> results) {
    if (results.isEmpty()) {
      return;
    }
    h.createUpdate(
            """
            INSERT INTO sync_event (at, flow, side, source_id, run_id, node, kind, target_id, message, hash)
            SELECT :now, :flow, :side, e.source, e.run, :node, e.kind, e.target, e.message, e.hash
            FROM unnest(CAST(:sources AS text[]), CAST(:runs AS bigint[]), CAST(:kinds AS text[]),
                CAST(:targets AS text[]), CAST(:messages AS text[]), CAST(:hashes AS text[]))
                AS e(source, run, kind, target, message, hash)
            """)
        .bind("now", ts(now))
        .bind("flow", flow)
        .bind("side", side(side))
        .bind("node", node)
        .bind("sources", results.stream().map(r -> r.job().sourceId()).toArray(String[]::new))
        .bind("runs", results.stream().map(r -> r.job().runId()).toArray(Long[]::new))
        .bind("kinds", texts(results, o -> Optional.of(o.kind())))
        .bind(
            "targets",
            texts(
                results,
                o -> o instanceof Outcome.Written w ? Optional.of(w.targetId()) : Optional.empty()))
        .bind("messages", texts(results, o -> Optional.of(message(o).orElse(""))))
        .bind(
            "hashes",
            texts(
                results,
                o -> o instanceof Outcome.Written w ? Optional.of(w.hash()) : Optional.empty()))
        .execute();
  }

  private static Optional<Instant> sourceVersion(Outcome outcome) {
    return switch (outcome) {
      case Outcome.Written w -> Optional.of(w.sourceVersion());
      case Outcome.Unchanged u -> Optional.of(u.sourceVersion());
      case Outcome.Filtered f -> f.sourceVersion();
      case Outcome.Unlinked u -> u.sourceVersion();
      case Outcome.Failed f -> f.sourceVersion();
      case Outcome.Retrying r -> Optional.empty();
      case Outcome.Waiting w -> Optional.empty();
    };
  }

  private static Optional<String> message(Outcome outcome) {
    return switch (outcome) {
      case Outcome.Written w ->
          Optional.of(
              (w.created() ? "Created " : "Updated ")
                  + w.targetId()
                  + (w.state() == RemoteState.PENDING
                      ? "; waiting for the target to accept it"
                      : ""));
      case Outcome.Unlinked u -> Optional.of(u.reason());
      case Outcome.Failed f -> Optional.of(f.message());
      case Outcome.Retrying r ->
          Optional.of(r.message() + " (next attempt at " + r.nextAttemptAt() + ")");
      case Outcome.Waiting w -> Optional.of(w.message() + " (until " + w.until() + ")");
      case Outcome.Unchanged u -> Optional.empty();
      case Outcome.Filtered f -> Optional.empty();
    };
  }
}
