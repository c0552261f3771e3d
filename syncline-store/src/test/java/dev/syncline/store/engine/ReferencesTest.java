package dev.syncline.store.engine;

import static dev.syncline.store.engine.EngineFixture.FLOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.core.engine.SyncEngine;
import dev.syncline.core.flow.FlowSettings;
import dev.syncline.core.flow.Side;
import dev.syncline.core.model.Customer;
import dev.syncline.core.model.RecordType;
import dev.syncline.core.port.FailedFilter;
import dev.syncline.core.port.JobResult;
import dev.syncline.core.port.Link;
import dev.syncline.core.port.Links;
import dev.syncline.core.port.Outcome;
import dev.syncline.core.port.RecordMatch;
import dev.syncline.core.port.Reference;
import dev.syncline.core.port.Wait;
import dev.syncline.core.testing.FakeSystem;
import dev.syncline.store.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * References between records: a customer that refers to its parent customer waits until the parent
 * is linked to the target, is woken by the transaction that links it, and is written with the
 * parent's id on the target; past the deadline it goes to the failed record queue.
 */
class ReferencesTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private EngineFixture fx;
  private final AtomicInteger lookups = new AtomicInteger();

  @BeforeEach
  void setUp() {
    fx = new EngineFixture(db);
    fx.source.refersTo(c ->
        Optional.ofNullable(c.custom().get("parent"))
            .map(String::valueOf)
            .map(id ->
                List.of(
                    new Reference(
                        RecordType.CUSTOMER,
                        id,
                        "customer "
                            + id
                            + fx.source
                                .get(id)
                                .map(p -> " (" + p.customer().name() + ")")
                                .orElse(""))))
            .orElse(List.of()));
  }

  @Test
  void a_record_whose_reference_is_not_linked_waits_queues_it_and_is_woken_when_it_is_linked() {
    fx.source.put("1", FakeSystem.customer("Zoë's Parent Shop ☕"));
    fx.source.put("2", child("Child Shop", "1"));
    var engine = engine();

    var report = engine.syncNow(FLOW, Side.A, "2", false);

    var now = fx.clock.instant();
    assertThat(report.outcome()).isEqualTo("waiting");
    assertThat(report.message())
        .startsWith("Waiting for customer 1 (Zoë's Parent Shop ☕) to sync to target");
    assertThat(fx.target.targetIdOf("2")).as("not written without its parent").isEmpty();
    var job = fx.jobQueue.job(FLOW, Side.A, "2", now).orElseThrow();
    assertThat(job.state()).isEqualTo("waiting");
    assertThat(job.waiting())
        .hasValueSatisfying(w -> {
          assertThat(w.reason()).isEqualTo(Wait.Reason.REFERENCE);
          assertThat(w.until()).isEqualTo(now.plus(Duration.ofHours(1)));
          assertThat(w.error())
              .hasValue("Waiting for customer 1 (Zoë's Parent Shop ☕) to sync to target");
        });
    assertThat(fx.jobQueue.waits(FLOW, now))
        .singleElement()
        .satisfies(w -> {
          assertThat(w.reason()).isEqualTo(Wait.Reason.REFERENCE);
          assertThat(w.records()).isEqualTo(1);
        });
    assertThat(fx.failedQueue.failed(FailedFilter.all())).as("waiting is not failing").isEmpty();
    var parentJob = fx.jobQueue.job(FLOW, Side.A, "1", now).orElseThrow();
    assertThat(parentJob.state()).as("the parent is queued").isEqualTo("ready");
    assertThat(parentJob.nextAttemptAt()).isBeforeOrEqualTo(now);

    engine.syncNow(FLOW, Side.A, "1", false);

    var woken = fx.jobQueue.job(FLOW, Side.A, "2", fx.clock.instant()).orElseThrow();
    assertThat(woken.waiting()).as("woken by the parent's link").isEmpty();
    assertThat(woken.state()).isEqualTo("ready");
    assertThat(woken.nextAttemptAt()).isBeforeOrEqualTo(fx.clock.instant());

    engine.drain(FLOW);

    var parentOnTarget = fx.target.targetIdOf("1").orElseThrow();
    var childOnTarget = fx.target.targetIdOf("2").orElseThrow();
    assertThat(fx.target.written().get(childOnTarget).fields())
        .containsEntry("parent", parentOnTarget);
    assertThat(fx.target.linkedOf("2"))
        .as("the exporter is handed them too")
        .isEqualTo(Map.of("customer", Map.of("1", parentOnTarget)));
    assertThat(fx.jobQueue.waits(FLOW, fx.clock.instant())).isEmpty();
  }

  @Test
  void a_reference_linked_in_the_same_batch_wakes_the_record_that_waited_for_it() {
    fx.source.put("2", child("Child Shop", "1"));
    fx.clock.advance(Duration.ofSeconds(1));
    fx.source.put("1", FakeSystem.customer("Parent Shop"));
    fx.clock.advance(Duration.ofMinutes(1));
    var engine = engine();

    fx.sync(engine);

    var childOnTarget = fx.target.targetIdOf("2").orElseThrow();
    assertThat(fx.target.written().get(childOnTarget).fields())
        .containsEntry("parent", fx.target.targetIdOf("1").orElseThrow());
    assertThat(fx.jobQueue.job(FLOW, Side.A, "2", fx.clock.instant()).orElseThrow().state())
        .isEqualTo("done");
  }

  @Test
  void a_wait_recorded_after_its_reference_was_linked_by_another_batch_is_due_at_once() {
    fx.source.put("1", FakeSystem.customer("Parent Shop"));
    fx.clock.advance(Duration.ofMinutes(1));
    var engine = engine();
    fx.sync(engine);
    var now = fx.clock.instant();
    var run = fx.runLog.startRun(FLOW, "manual", "node-1", now);
    var job = fx.jobQueue.claimOne(FLOW, Side.A, "2", run, "node-1", now, Duration.ofMinutes(5));

    // As a worker that read the links before another batch committed the parent's would.
    fx.jobQueue.record(
        FLOW,
        Side.A,
        "node-1",
        List.of(
            new JobResult(
                job.orElseThrow(),
                new Outcome.Waiting(
                    "Waiting for customer 1 (Parent Shop) to sync to target",
                    List.of(new Reference(RecordType.CUSTOMER, "1", "customer 1 (Parent Shop)")),
                    now.plus(Duration.ofHours(1))))),
        now);

    var status = fx.jobQueue.job(FLOW, Side.A, "2", now).orElseThrow();
    assertThat(status.nextAttemptAt()).isEqualTo(now);
    assertThat(status.waiting()).isEmpty();
  }

  @Test
  void references_are_resolved_with_one_lookup_of_the_links_per_batch() {
    for (var i = 1; i <= 3; i++) {
      fx.source.put(Integer.toString(i), FakeSystem.customer("Parent " + i));
    }
    fx.clock.advance(Duration.ofMinutes(1));
    var engine = engine();
    fx.sync(engine);
    for (var i = 4; i <= 9; i++) {
      fx.source.put(Integer.toString(i), child("Child " + i, Integer.toString(i % 3 + 1)));
    }
    fx.clock.advance(Duration.ofMinutes(1));
    lookups.set(0);

    fx.sync(engine);

    // One for the batch's own links, one for all that its records refer to.
    assertThat(lookups).hasValue(2);
    for (var i = 4; i <= 9; i++) {
      var parent = fx.target.targetIdOf(Integer.toString(i % 3 + 1)).orElseThrow();
      var child = fx.target.targetIdOf(Integer.toString(i)).orElseThrow();
      assertThat(fx.target.written().get(child).fields()).containsEntry("parent", parent);
    }
  }

  @Test
  void past_the_deadline_a_record_still_waiting_goes_to_the_failed_queue_naming_what_is_missing() {
    fx.source.put("2", child("Child Shop 🧸", "99"));
    fx.clock.advance(Duration.ofMinutes(1));
    var engine = engine();

    fx.sync(engine);

    assertThat(fx.jobQueue.job(FLOW, Side.A, "99", fx.clock.instant()))
        .as("queued, though its source has no such record")
        .isPresent();
    assertThat(fx.failedQueue.failed(FailedFilter.all())).isEmpty();
    assertThat(fx.jobQueue.waits(FLOW, fx.clock.instant()))
        .singleElement()
        .satisfies(w -> assertThat(w.reason()).isEqualTo(Wait.Reason.REFERENCE));

    fx.clock.advance(Duration.ofMinutes(59));
    engine.drain(FLOW);
    assertThat(fx.failedQueue.failed(FailedFilter.all())).as("not before its deadline").isEmpty();

    fx.clock.advance(Duration.ofMinutes(1));
    engine.drain(FLOW);

    assertThat(fx.failedQueue.failed(FailedFilter.all()))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.sourceId()).isEqualTo("2");
          assertThat(f.message())
              .isEqualTo(
                  "Customer 2 (Child Shop 🧸) refers to customer 99, which is not on target yet:"
                      + " sync the customer (selective sync) or fix why it failed, then resync.");
        });
    assertThat(fx.jobQueue.waits(FLOW, fx.clock.instant())).isEmpty();
    assertThat(fx.target.targetIdOf("2")).isEmpty();
  }

  @Test
  void
      a_record_that_follows_a_reference_the_flow_leaves_out_waits_past_the_deadline_and_goes_with_it() {
    fx.source.refersTo(c ->
        Optional.ofNullable(c.custom().get("parent"))
            .map(String::valueOf)
            .map(id -> List.of(new Reference(RecordType.CUSTOMER, id, "customer " + id, true)))
            .orElse(List.of()));
    fx.source.put("1", inactive(FakeSystem.customer("Dormant Parent 💤")));
    fx.source.put("2", child("Follower Shop", "1"));
    fx.clock.advance(Duration.ofMinutes(1));
    var engine = engine();
    var leftOut =
        "Customer 2 (Follower Shop): waiting for customer 1, which flow "
            + FLOW
            + " leaves out; it syncs to target with it, and is no failure meanwhile";

    fx.sync(engine);

    assertThat(fx.jobQueue.job(FLOW, Side.A, "2", fx.clock.instant()).orElseThrow().lastError())
        .as("told at once, by the transaction that left the parent out")
        .contains(leftOut);

    fx.clock.advance(Duration.ofHours(2));
    engine.drain(FLOW);

    assertThat(fx.failedQueue.failed(FailedFilter.all()))
        .as("left out with its parent, which is no failure")
        .isEmpty();
    var job = fx.jobQueue.job(FLOW, Side.A, "2", fx.clock.instant()).orElseThrow();
    assertThat(job.state()).isEqualTo("waiting");
    assertThat(job.lastError()).contains(leftOut);
    assertThat(fx.jobQueue.waits(FLOW, fx.clock.instant()))
        .as("a wait of its own kind, apart from those that may fail")
        .singleElement()
        .satisfies(w -> assertThat(w.reason()).isEqualTo(Wait.Reason.LEFT_OUT));
    assertThat(fx.target.targetIdOf("2")).isEmpty();

    // The parent joins the flow, and the record goes with it.
    fx.source.put("1", FakeSystem.customer("Dormant Parent 💤"));
    fx.clock.advance(Duration.ofMinutes(1));
    fx.sync(engine);

    var parent = fx.target.targetIdOf("1").orElseThrow();
    var child = fx.target.targetIdOf("2").orElseThrow();
    assertThat(fx.target.written().get(child).fields()).containsEntry("parent", parent);
  }

  private static Customer inactive(Customer c) {
    return new Customer(
        c.name(),
        c.email(),
        c.phone(),
        true,
        c.terms(),
        c.priceLevel(),
        c.currency(),
        c.subsidiary(),
        c.salesRep(),
        c.creditLimit(),
        c.channels(),
        c.addresses(),
        c.custom());
  }

  private SyncEngine engine() {
    var s = EngineFixture.oneWay();
    var settings =
        new FlowSettings(
            s.name(),
            s.recordType(),
            s.from(),
            s.to(),
            s.direction(),
            s.enabled(),
            s.every(),
            s.filter(),
            Map.of("parent", "$link('customer', custom.parent)"),
            s.valueMaps(),
            s.statusFields(),
            s.master(),
            s.fieldMasters(),
            s.batchSize());
    return new SyncEngine(
        fx.schedule,
        fx.jobQueue,
        fx.runLog,
        counted(fx.links),
        List.of(fx.flow(settings)),
        fx.clock,
        EngineFixture.settings("node-1"));
  }

  /** The links, counting the bulk lookups. */
  private Links counted(Links links) {
    return new Links() {
      @Override
      public Map<String, Link> links(
          RecordType type, String from, String to, Collection<String> ids) {
        lookups.incrementAndGet();
        return links.links(type, from, to, ids);
      }

      @Override
      public List<String> linkedIds(
          RecordType type, String from, String to, String afterId, int limit) {
        return links.linkedIds(type, from, to, afterId, limit);
      }

      @Override
      public List<Link> pendingLinks(RecordType type, String from, String to, int limit) {
        return links.pendingLinks(type, from, to, limit);
      }

      @Override
      public void linksAccepted(String instance, List<Long> linkIds, Instant now) {
        links.linksAccepted(instance, linkIds, now);
      }

      @Override
      public void agreed(Link.Agreed agreed, Instant now) {
        links.agreed(agreed, now);
      }

      @Override
      public List<RecordMatch> findRecords(String text, int limit) {
        return links.findRecords(text, limit);
      }
    };
  }

  private static Customer child(String name, String parent) {
    var c = FakeSystem.customer(name);
    return new Customer(
        c.name(),
        c.email(),
        c.phone(),
        c.inactive(),
        c.terms(),
        c.priceLevel(),
        c.currency(),
        c.subsidiary(),
        c.salesRep(),
        c.creditLimit(),
        c.channels(),
        c.addresses(),
        Map.of("parent", parent));
  }
}
