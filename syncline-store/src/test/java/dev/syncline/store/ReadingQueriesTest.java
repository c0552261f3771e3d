package dev.syncline.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.core.flow.Direction;
import dev.syncline.core.flow.FlowSettings;
import dev.syncline.core.flow.Side;
import dev.syncline.core.model.RecordType;
import dev.syncline.core.port.Activity;
import dev.syncline.core.port.CauseCount;
import dev.syncline.core.port.Change;
import dev.syncline.core.port.FailedFilter;
import dev.syncline.core.port.JobResult;
import dev.syncline.core.port.Outcome;
import dev.syncline.core.port.RecordMatch;
import dev.syncline.core.port.RemoteState;
import dev.syncline.core.port.RunError;
import dev.syncline.core.port.SyncEvent;
import dev.syncline.core.port.TargetRecord;
import dev.syncline.core.port.Watermark;
import dev.syncline.store.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store's reading for people: freshness, the last finished run, activity, causes, a record's
 * job and history.
 */
class ReadingQueriesTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  static final String FLOW = "customers";
  final PostgresFlowSchedule schedule = new PostgresFlowSchedule(db.jdbi());
  final PostgresJobQueue jobQueue = new PostgresJobQueue(db.jdbi());
  final PostgresRunLog runLog = new PostgresRunLog(db.jdbi());
  final PostgresFailedQueue failedQueue = new PostgresFailedQueue(db.jdbi());
  final PostgresLinks links = new PostgresLinks(db.jdbi());
  final Instant t0 = Instant.parse("2026-03-02T09:10:00Z");

  @BeforeEach
  void setUp() {
    db.jdbi()
        .useHandle(h ->
            h.execute(
                "TRUNCATE flow_state, sync_cursor, sync_run, sync_job, link, link_member, sync_event"));
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

  /** Queues these records changed at the given times, and records the outcomes given by id. */
  private void sync(Instant now, Map<String, Instant> changes, Map<String, Outcome> outcomes) {
    var run = runLog.startRun(FLOW, "manual", "n1", now);
    var list = changes.entrySet().stream().map(e -> new Change(e.getKey(), e.getValue())).toList();
    jobQueue.enqueue(FLOW, Side.A, list, new Watermark(now, "z"), run, now, false);
    var jobs = jobQueue.claim(FLOW, Side.A, "n1", 100, now, Duration.ofMinutes(1));
    var results = new ArrayList<JobResult>();
    for (var job : jobs) {
      if (outcomes.containsKey(job.sourceId())) {
        results.add(new JobResult(job, outcomes.get(job.sourceId())));
      }
    }
    jobQueue.record(FLOW, Side.A, "n1", results, now);
  }

  private static Outcome written(String target, Instant version) {
    return new Outcome.Written(
        target,
        true,
        RemoteState.SYNCED,
        version,
        Optional.empty(),
        new TargetRecord(Map.of("name", "Acme")),
        "hash-" + target);
  }

  private static Outcome failed(String cause, Instant version) {
    return new Outcome.Failed(cause + " on this customer", cause, Optional.of(version));
  }

  @Test
  void freshness_is_the_age_of_the_oldest_change_waiting_or_held_and_zero_when_all_arrived() {
    sync(
        t0,
        Map.of("1", t0.minusSeconds(300), "2", t0.minusSeconds(120), "3", t0.minusSeconds(60)),
        Map.of("1", written("J1", t0.minusSeconds(300))));

    var waiting = jobQueue.backlog(FLOW);
    assertThat(waiting.records()).as("2 and 3, held by a worker").isEqualTo(2);
    assertThat(waiting.oldestChange()).contains(t0.minusSeconds(120));
    assertThat(waiting.freshness(t0)).isEqualTo(Duration.ofSeconds(120));

    // The first worker held 2 and 3 without an outcome; once its lease runs out another takes them.
    var later = t0.plus(Duration.ofMinutes(2));
    var jobs = jobQueue.claim(FLOW, Side.A, "n1", 100, later, Duration.ofMinutes(1));
    jobQueue.record(
        FLOW,
        Side.A,
        "n1",
        jobs.stream().map(j -> new JobResult(j, written("J" + j.sourceId(), t0))).toList(),
        later);
    var none = jobQueue.backlog(FLOW);
    assertThat(none.records()).isZero();
    assertThat(none.oldestChange()).isEmpty();
    assertThat(none.freshness(later)).isZero();
  }

  @Test
  void the_last_finished_run_is_the_newest_that_finished_not_one_still_under_way() {
    assertThat(runLog.lastFinishedRun(FLOW)).as("no run yet").isEmpty();
    var first = runLog.startRun(FLOW, "schedule", "n1", t0);
    runLog.finishRun(first, t0.plusSeconds(20), Optional.empty());
    var failedScan = runLog.startRun(FLOW, "schedule", "n1", t0.plusSeconds(60));
    runLog.finishRun(failedScan, t0.plusSeconds(61), Optional.of("NetSuite did not answer"));
    runLog.startRun(FLOW, "schedule", "n2", t0.plusSeconds(120));

    var last = runLog.lastFinishedRun(FLOW).orElseThrow();
    assertThat(last.id()).isEqualTo(failedScan);
    assertThat(last.finishedAt()).contains(t0.plusSeconds(61));
    assertThat(runLog.lastFinishedRun("other")).isEmpty();
  }

  @Test
  void activity_counts_writes_and_failures_per_hour() {
    sync(
        t0,
        Map.of("1", t0, "2", t0),
        Map.of("1", written("J1", t0), "2", failed("Missing price level", t0)));
    var nextHour = t0.plus(Duration.ofHours(1));
    sync(nextHour, Map.of("3", nextHour), Map.of("3", written("J3", nextHour)));

    assertThat(runLog.activity(Optional.empty(), t0.minus(Duration.ofHours(24))))
        .containsExactly(
            new Activity(Instant.parse("2026-03-02T09:00:00Z"), 1, 1),
            new Activity(Instant.parse("2026-03-02T10:00:00Z"), 1, 0));
    assertThat(runLog.activity(Optional.of("other"), t0.minus(Duration.ofHours(24)))).isEmpty();
    assertThat(runLog.activity(Optional.empty(), nextHour)).hasSize(1);
  }

  @Test
  void
      failures_group_by_cause_most_common_first_and_a_dismissed_one_leaves_the_queue_with_its_reason() {
    sync(
        t0,
        Map.of("1", t0, "2", t0, "3", t0),
        Map.of(
            "1", failed("Missing price level", t0),
            "2", failed("Missing price level", t0),
            "3", failed("Incomplete address: no city", t0)));

    assertThat(failedQueue.failedCauses(FailedFilter.all()))
        .containsExactly(
            new CauseCount("Missing price level", 2),
            new CauseCount("Incomplete address: no city", 1));

    var one = jobQueue.job(FLOW, Side.A, "1", t0).orElseThrow();
    assertThat(one.state()).isEqualTo("failed");
    assertThat(one.lastError()).contains("Missing price level on this customer");
    assertThat(
            failedQueue.dismiss(
                List.of(one.id()), "Test customer; never to be synced", t0.plusSeconds(5)))
        .isEqualTo(1);
    assertThat(failedQueue.dismiss(List.of(one.id()), "again", t0.plusSeconds(6)))
        .as("once")
        .isZero();

    assertThat(failedQueue.failedCauses(FailedFilter.all()))
        .contains(new CauseCount("Missing price level", 1));
    assertThat(jobQueue.job(FLOW, Side.A, "1", t0).orElseThrow().state()).isEqualTo("dismissed");
    assertThat(runLog.events(FLOW, Side.A, "1", 10))
        .extracting(SyncEvent::kind, SyncEvent::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("dismissed", "Test customer; never to be synced"),
            org.assertj.core.groups.Tuple.tuple("failed", "Missing price level on this customer"));

    var later = t0.plusSeconds(10);
    var run = runLog.startRun(FLOW, "backfill", "n1", later);
    assertThat(
            jobQueue.enqueue(
                FLOW,
                Side.A,
                List.of(new Change("1", t0)),
                new Watermark(t0, "1"),
                run,
                later,
                true))
        .as("a backfill, or a scan's overlap, does not bring a dismissed record back")
        .isZero();
    assertThat(jobQueue.job(FLOW, Side.A, "1", t0).orElseThrow().state()).isEqualTo("dismissed");
    var changed = t0.plusSeconds(8);
    assertThat(
            jobQueue.enqueue(
                FLOW,
                Side.A,
                List.of(new Change("1", changed)),
                new Watermark(changed, "1"),
                run,
                later,
                false))
        .as("its source changed")
        .isEqualTo(1);
  }

  @Test
  void a_records_history_holds_its_writes_with_target_and_hash_newest_first() {
    sync(t0, Map.of("7", t0), Map.of("7", failed("Missing price level", t0)));
    var later = t0.plusSeconds(30);
    sync(later, Map.of("7", later), Map.of("7", written("J7", later)));

    var history = runLog.events(FLOW, Side.A, "7", 10);
    assertThat(history).extracting(SyncEvent::kind).containsExactly("written", "failed");
    assertThat(history.getFirst().targetId()).contains("J7");
    assertThat(history.getFirst().hash()).contains("hash-J7");
    assertThat(history.getFirst().runId()).isPresent();
    assertThat(jobQueue.job(FLOW, Side.A, "7", t0).orElseThrow().state()).isEqualTo("done");
    assertThat(jobQueue.job(FLOW, Side.A, "nope", t0)).isEmpty();
  }

  private static Outcome written(String target, Map<String, Object> payload) {
    return new Outcome.Written(
        target,
        true,
        RemoteState.SYNCED,
        Instant.parse("2026-03-02T09:00:00Z"),
        Optional.empty(),
        new TargetRecord(payload),
        "hash-" + target);
  }

  @Test
  void runs_page_back_from_a_run_seen_and_errors_group_with_their_count_first_and_last_time() {
    var ids = new ArrayList<Long>();
    for (var i = 0; i < 5; i++) {
      var at = t0.plusSeconds(15L * i);
      var id = runLog.startRun(FLOW, "schedule", "n1", at);
      runLog.finishRun(
          id,
          at.plusSeconds(1),
          i % 2 == 0 ? Optional.of("NetSuite refused the token") : Optional.empty());
      ids.add(id);
    }
    var other = runLog.startRun(FLOW, "schedule", "n1", t0.plusSeconds(200));
    runLog.finishRun(other, t0.plusSeconds(201), Optional.of("JOOR did not answer"));

    assertThat(runLog.runsBefore(FLOW, ids.get(3), 2))
        .extracting(r -> r.id())
        .containsExactly(ids.get(2), ids.get(1));
    assertThat(runLog.runsBefore(FLOW, ids.getFirst(), 10)).as("nothing older").isEmpty();
    assertThat(runLog.runsAfter(FLOW, ids.get(1), 2))
        .extracting(r -> r.id())
        .containsExactly(ids.get(2), ids.get(3));
    assertThat(runLog.runsBefore("other", ids.get(3), 10)).isEmpty();
    assertThat(runLog.runErrors(FLOW, 10))
        .containsExactly(
            new RunError("JOOR did not answer", 1, t0.plusSeconds(200), t0.plusSeconds(200)),
            new RunError("NetSuite refused the token", 3, t0, t0.plusSeconds(60)));
  }

  @Test
  void records_are_found_by_name_email_or_any_id_ignoring_case_and_accents() {
    sync(
        t0,
        Map.of("41", t0, "42", t0, "43", t0),
        Map.of(
            "41",
            written(
                "CODE-41",
                Map.of("name", "Société Générale 🥐", "contactEmail", "achats@societe.example")),
            "42",
            written(
                "CODE-42", Map.of("name", "Acme Wholesale", "contactEmail", "buyer@acme.example")),
            "43",
            new Outcome.Failed(
                "Customer 43 (Café Noir): Missing price level. Set it in NetSuite.",
                "Missing price level",
                Optional.of(t0))));

    assertThat(links.findRecords("societe gen", 10))
        .extracting(RecordMatch::sourceId, RecordMatch::name, RecordMatch::flow)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("41", "Société Générale 🥐", FLOW));
    assertThat(links.findRecords("SOCIÉTÉ", 10))
        .extracting(RecordMatch::sourceId)
        .containsExactly("41");
    assertThat(links.findRecords("BUYER@acme", 10))
        .extracting(RecordMatch::sourceId)
        .containsExactly("42");
    assertThat(links.findRecords("CODE-42", 10))
        .singleElement()
        .satisfies(m -> {
          assertThat(m.targetId()).contains("CODE-42");
          assertThat(m.state()).isEqualTo("synced");
          assertThat(m.recordType()).isEqualTo("customer");
        });
    assertThat(links.findRecords("42", 10))
        .as("an id matches whole, and as text inside others")
        .extracting(RecordMatch::sourceId)
        .contains("42");
    assertThat(links.findRecords("cafe noir", 10))
        .as("never written: found by its job, named as its failure names it")
        .singleElement()
        .satisfies(m -> {
          assertThat(m.sourceId()).isEqualTo("43");
          assertThat(m.state()).isEqualTo("failed");
          assertThat(m.targetId()).isEmpty();
          assertThat(m.name()).isEqualTo("Customer 43 (Café Noir)");
        });
    assertThat(links.findRecords("43", 10)).extracting(RecordMatch::sourceId).contains("43");
    assertThat(links.findRecords("100%", 10)).as("% is not a wildcard").isEmpty();
    assertThat(links.findRecords("a", 1)).hasSize(1);
    assertThat(links.findRecords("  ", 10)).isEmpty();
  }
}
