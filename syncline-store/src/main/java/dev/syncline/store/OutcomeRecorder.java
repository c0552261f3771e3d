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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    for (var result : results) {
      recordOne(result);
    }
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

  private void recordOne(JobResult result) {
    var job = result.job();
    var outcome = result.outcome();
    if (outcome instanceof Outcome.Written written) {
      var linked = upsertLink(job.sourceId(), written);
      if (linked.isPresent()) {
        outcome =
            new Outcome.Failed(
                linked.get(), "Already linked", Optional.of(written.sourceVersion()));
      }
    }
    if (!updateJob(job.id(), outcome)) {
      return;
    }
    h.createUpdate("DELETE FROM job_reference WHERE job_id = :id").bind("id", job.id()).execute();
    switch (outcome) {
      case Outcome.Waiting w -> awaits(job.id(), w);
      case Outcome.Written w -> {
        w.madeOnTheWay().forEach(this::linkMade);
        w.conflicts().forEach(c -> conflict(job.sourceId(), w.targetId(), c));
        if (!w.conflicts().isEmpty()) {
          runCounts
              .computeIfAbsent(job.runId(), r -> new HashMap<>())
              .merge("conflict", w.conflicts().size(), Integer::sum);
        }
      }
      case Outcome.Unchanged u -> linkVersion(job.sourceId(), u.sourceVersion());
      case Outcome.Unlinked u -> unlink(job.sourceId(), u.reason(), u.sourceVersion());
      default -> {}
    }
    if (!(outcome instanceof Outcome.Unchanged) && !(outcome instanceof Outcome.Filtered)) {
      event(job.sourceId(), job.runId(), outcome);
    }
    var kind = outcome instanceof Outcome.Retrying ? "retried" : outcome.kind();
    runCounts.computeIfAbsent(job.runId(), r -> new HashMap<>()).merge(kind, 1, Integer::sum);
  }

  /** Sets the job's state from its outcome, if this node still holds it; false when it does not. */
  private boolean updateJob(long jobId, Outcome outcome) {
    String sql;
    var update =
        switch (outcome) {
          case Outcome.Failed f -> {
            sql =
                """
                UPDATE sync_job SET state = CASE WHEN dirty THEN 'ready' ELSE 'failed' END,
                    dirty = false, attempts = attempts + 1, next_attempt_at = :now,
                    synced_version = :version, last_outcome = 'failed', last_error = :error,
                    last_cause = :cause, lease_owner = NULL, lease_until = NULL, write_intent_at = NULL,
                    waiting_until = NULL, updated_at = :now
                WHERE id = :id AND lease_owner = :node AND state = 'running'
                """;
            yield h.createUpdate(sql)
                .bind("version", f.sourceVersion().map(Sql::ts).orElse(null))
                .bind("error", f.message())
                .bind("cause", f.cause());
          }
          case Outcome.Waiting w -> {
            sql =
                """
                UPDATE sync_job SET state = 'ready',
                    next_attempt_at = CASE WHEN dirty THEN :now ELSE :until END, dirty = false,
                    waiting_until = :until, last_outcome = 'waiting', last_error = :error,
                    last_cause = 'Waiting for a reference', lease_owner = NULL, lease_until = NULL,
                    write_intent_at = NULL, updated_at = :now
                WHERE id = :id AND lease_owner = :node AND state = 'running'
                """;
            yield h.createUpdate(sql).bind("until", ts(w.until())).bind("error", w.message());
          }
          case Outcome.Retrying r -> {
            sql =
                """
                UPDATE sync_job SET state = 'ready', attempts = attempts + 1,
                    next_attempt_at = CASE WHEN dirty THEN :now ELSE :next END, dirty = false,
                    last_outcome = 'retrying', last_error = :error, last_cause = :cause,
                    lease_owner = NULL, lease_until = NULL, waiting_until = NULL, updated_at = :now,
                    maybe_written_since = CASE WHEN :maybe
                        THEN COALESCE(maybe_written_since, write_intent_at, :now)
                        ELSE maybe_written_since END,
                    write_intent_at = NULL
                WHERE id = :id AND lease_owner = :node AND state = 'running'
                """;
            yield h.createUpdate(sql)
                .bind("maybe", r.maybeWritten())
                .bind("next", ts(r.nextAttemptAt()))
                .bind("error", r.message())
                .bind("cause", r.cause());
          }
          default -> {
            sql =
                """
                UPDATE sync_job SET state = CASE WHEN dirty THEN 'ready' ELSE 'done' END,
                    dirty = false, attempts = 0, next_attempt_at = :now,
                    synced_version = COALESCE(:version, synced_version), last_outcome = :kind,
                    last_error = :message, last_cause = NULL, lease_owner = NULL, lease_until = NULL,
                    write_intent_at = NULL, waiting_until = NULL, updated_at = :now,
                    -- written: the target holds it under the link's id, and its steps are all done
                    maybe_written_since = CASE WHEN :written THEN NULL ELSE maybe_written_since END,
                    steps = CASE WHEN :written THEN '{}' ELSE steps END
                WHERE id = :id AND lease_owner = :node AND state = 'running'
                """;
            yield h.createUpdate(sql)
                .bind("version", sourceVersion(outcome).map(Sql::ts).orElse(null))
                .bind("kind", outcome.kind())
                .bind("written", outcome instanceof Outcome.Written)
                .bind("message", message(outcome).orElse(null));
          }
        };
    return update.bind("id", jobId).bind("node", node).bind("now", ts(now)).execute() == 1;
  }

  /**
   * Links a written record. Returns a message when the target record is already linked to another
   * source record, which must not be written over silently.
   */
  private Optional<String> upsertLink(String sourceId, Outcome.Written w) {
    return PostgresLinks.written(h, recordType, from(), sourceId, to(), w, now);
  }

  /**
   * Links a record the write made on the way, unless it is linked already. No hash is kept: its own
   * flow, when it has one, writes it once to know it, by the id linked here.
   */
  private void linkMade(MadeLink made) {
    PostgresLinks.made(h, made.type().key(), from(), made.sourceId(), to(), made.targetId(), now);
  }

  /**
   * Keeps what the job waits for, where the transaction writing one of those links finds it ({@link
   * PostgresLinks#wake}). A link written by a batch committing at the same time is not missed: its
   * lock is taken here, and a link already there makes the job due now.
   */
  private void awaits(long jobId, Outcome.Waiting w) {
    for (var reference : w.awaited()) {
      var type = reference.type().key();
      PostgresLinks.lock(h, type, from(), reference.id());
      h.createUpdate(
              """
              INSERT INTO job_reference (job_id, record_type, instance, record_id, target)
              VALUES (:job, :type, :from, :id, :to) ON CONFLICT DO NOTHING
              """)
          .bind("job", jobId)
          .bind("type", type)
          .bind("from", from())
          .bind("id", reference.id())
          .bind("to", to())
          .execute();
    }
    h.createUpdate(
            """
            UPDATE sync_job j SET next_attempt_at = :now
            WHERE j.id = :job AND EXISTS (
                SELECT 1 FROM job_reference r
                JOIN link_member f ON f.record_type = r.record_type AND f.instance = r.instance
                    AND f.record_id = r.record_id
                JOIN link_member t ON t.link_id = f.link_id AND t.instance = r.target
                    AND t.state <> 'unlinked'
                WHERE r.job_id = j.id)
            """)
        .bind("job", jobId)
        .bind("now", ts(now))
        .execute();
  }

  private void linkVersion(String sourceId, Instant version) {
    PostgresLinks.seen(h, recordType, from(), sourceId, to(), version, now);
  }

  private void unlink(String sourceId, String reason, Optional<Instant> version) {
    PostgresLinks.unlinked(h, recordType, from(), sourceId, to(), reason, version, now);
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
   * side that lost it, where its record page shows it.
   */
  private void conflict(String sourceId, String targetId, Conflict.Lost lost) {
    var aId = side == Side.A ? sourceId : targetId;
    var bId = side == Side.A ? targetId : sourceId;
    h.createUpdate(
            """
            INSERT INTO sync_conflict (at, flow, record_type, field, master, a_id, b_id, kept, dropped, message)
            VALUES (:now, :flow, :type, :field, :master, :a, :b, :kept, :dropped, :message)
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

  private void event(String sourceId, long runId, Outcome outcome) {
    h.createUpdate(
            """
            INSERT INTO sync_event (at, flow, side, source_id, run_id, node, kind, target_id, message, hash)
            VALUES (:now, :flow, :side, :source, :run, :node, :kind, :target, :message, :hash)
            """)
        .bind("now", ts(now))
        .bind("flow", flow)
        .bind("side", side(side))
        .bind("source", sourceId)
        .bind("run", runId)
        .bind("node", node)
        .bind("kind", outcome.kind())
        .bind("target", outcome instanceof Outcome.Written w ? w.targetId() : null)
        .bind("message", message(outcome).orElse(""))
        .bind("hash", outcome instanceof Outcome.Written w ? w.hash() : null)
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
