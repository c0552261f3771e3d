package dev.syncline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.syncline.core.flow.Direction;
import dev.syncline.core.flow.FlowSettings;
import dev.syncline.core.flow.Side;
import dev.syncline.core.model.RecordType;
import dev.syncline.core.port.Change;
import dev.syncline.core.port.JobResult;
import dev.syncline.core.port.Outcome;
import dev.syncline.core.port.Wait;
import dev.syncline.core.port.Wait.Reason;
import dev.syncline.core.port.Watermark;
import dev.syncline.store.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Why a flow's records wait, and until when: one job's reason, and the flow's by reason. */
class JobWaitsTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  static final String FLOW = "customers";
  static final Duration LEASE = Duration.ofMinutes(5);
  final PostgresFlowSchedule schedule = new PostgresFlowSchedule(db.jdbi());
  final PostgresJobQueue jobQueue = new PostgresJobQueue(db.jdbi());
  final PostgresRunLog runLog = new PostgresRunLog(db.jdbi());
  final PostgresFailedQueue failedQueue = new PostgresFailedQueue(db.jdbi());
  final PostgresLinks links = new PostgresLinks(db.jdbi());
  final Instant t0 = Instant.parse("2026-03-02T09:10:00Z");

  @BeforeEach
  void setUp() {
    Database.forgetSyncState(db.jdbi());
    schedule.registerFlows(
        List.of(
            new FlowSettings(
                FLOW,
                RecordType.CUSTOMER,
                "netsuite",
                "joor",
                Direction.ONE_WAY,
                true,
                Duration.ofSeconds(60),
                Optional.empty(),
                Map.of(),
                Map.of(),
                Optional.empty(),
                Side.A,
                Map.of(),
                10)),
        t0);
  }

  /** Queues these records and lets {@code node} claim them all at {@code now}. */
  private List<dev.syncline.core.port.Job> claimed(String node, Instant now, String... ids) {
    var run = runLog.startRun(FLOW, "manual", node, now);
    var changes = java.util.Arrays.stream(ids).map(id -> new Change(id, t0)).toList();
    jobQueue.enqueue(FLOW, Side.A, changes, new Watermark(t0, "z"), run, now, false);
    return jobQueue.claim(FLOW, Side.A, node, 100, now, LEASE);
  }

  private static Outcome retrying(String cause, String message, Instant next) {
    return new Outcome.Retrying(message, cause, next, false);
  }

  @Test
  void a_retried_job_waits_for_its_next_attempt_and_a_rate_limited_one_for_credits() {
    var jobs = claimed("n1", t0, "1", "2", "3", "4");
    var byId = new java.util.HashMap<String, dev.syncline.core.port.Job>();
    jobs.forEach(j -> byId.put(j.sourceId(), j));
    jobQueue.record(
        FLOW,
        Side.A,
        "n1",
        List.of(
            new JobResult(
                byId.get("1"),
                retrying("RemoteUnavailable", "JOOR answered 503 — réessayez", t0.plusSeconds(60))),
            new JobResult(
                byId.get("2"), retrying("RemoteUnavailable", "JOOR timed out", t0.plusSeconds(30))),
            new JobResult(
                byId.get("3"),
                retrying("RateLimited", "JOOR is out of credits 🪙", t0.plusSeconds(120))),
            new JobResult(byId.get("4"), new Outcome.Unchanged(t0))),
        t0);

    var now = t0.plusSeconds(10);
    assertThat(jobQueue.waits(FLOW, now))
        .extracting(Wait::reason, Wait::records, Wait::until, Wait::node, Wait::error)
        .containsExactly(
            tuple(
                Reason.RETRY,
                2,
                t0.plusSeconds(30),
                Optional.empty(),
                Optional.of("JOOR timed out")),
            tuple(
                Reason.CREDITS,
                1,
                t0.plusSeconds(120),
                Optional.empty(),
                Optional.of("JOOR is out of credits 🪙")));
    var one = jobQueue.job(FLOW, Side.A, "1", now).orElseThrow();
    assertThat(one.waiting())
        .hasValueSatisfying(w -> {
          assertThat(w.reason()).isEqualTo(Reason.RETRY);
          assertThat(w.until()).isEqualTo(t0.plusSeconds(60));
          assertThat(w.error()).contains("JOOR answered 503 — réessayez");
        });
    assertThat(jobQueue.job(FLOW, Side.A, "4", now).orElseThrow().waiting()).as("done").isEmpty();

    // Once its time has come a job is due, no longer waiting.
    var later = t0.plusSeconds(61);
    assertThat(jobQueue.waits(FLOW, later))
        .extracting(Wait::reason, Wait::records)
        .containsExactly(tuple(Reason.CREDITS, 1));
    assertThat(jobQueue.job(FLOW, Side.A, "1", later).orElseThrow().waiting()).isEmpty();
  }

  @Test
  void a_batch_of_a_node_that_stopped_answering_waits_for_its_lease_and_a_live_nodes_does_not() {
    claimed("node-b", t0, "1", "2");
    jobQueue.nodeAlive("node-a", t0);

    var soon = t0.plusSeconds(20);
    assertThat(jobQueue.waits(FLOW, soon))
        .as("node-b was heard from 20 s ago: it is working")
        .isEmpty();

    // node-a goes on saying it is alive; node-b said nothing since its claim.
    var later = t0.plus(Wait.NODE_SILENCE).plusSeconds(60);
    jobQueue.nodeAlive("node-a", later);
    var waits = jobQueue.waits(FLOW, later);
    assertThat(waits)
        .extracting(Wait::reason, Wait::records, Wait::until, Wait::node)
        .containsExactly(tuple(Reason.LEASE, 2, t0.plus(LEASE), Optional.of("node-b")));
    assertThat(waits.getFirst().left()).isEqualTo(Duration.ofMinutes(3));
    assertThat(jobQueue.job(FLOW, Side.A, "2", later).orElseThrow().waiting())
        .hasValueSatisfying(w -> assertThat(w.node()).contains("node-b"));

    // A batch of a node that answers is not waiting, however long it takes.
    claimed("node-a", later, "3");
    jobQueue.nodeAlive("node-a", later.plusSeconds(50));
    assertThat(jobQueue.waits(FLOW, later.plusSeconds(55)))
        .extracting(Wait::node)
        .containsExactly(Optional.of("node-b"));

    // Once the lease has ended, the batch is due: another node takes it over.
    var after = t0.plus(LEASE).plusSeconds(1);
    jobQueue.nodeAlive("node-a", after);
    assertThat(jobQueue.waits(FLOW, after)).isEmpty();
    assertThat(jobQueue.claim(FLOW, Side.A, "node-a", 100, after, LEASE))
        .extracting(j -> j.sourceId())
        .containsExactlyInAnyOrder("1", "2");
  }

  @Test
  void a_batch_claimed_before_its_node_restarted_under_the_same_name_waits_for_its_lease() {
    claimed("node-b", t0, "1");

    // node-b is killed and started again at once: a new process, answering under the same name.
    var restarted = new PostgresJobQueue(db.jdbi());
    var later = t0.plusSeconds(30);
    restarted.nodeAlive("node-b", later);

    assertThat(restarted.waits(FLOW, later))
        .extracting(Wait::reason, Wait::records, Wait::node)
        .containsExactly(tuple(Reason.LEASE, 1, Optional.of("node-b")));
    assertThat(restarted.claim(FLOW, Side.A, "node-b", 100, later, LEASE))
        .as("not taken back before the lease ends")
        .isEmpty();
  }
}
