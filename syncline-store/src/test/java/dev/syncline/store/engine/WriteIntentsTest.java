package dev.syncline.store.engine;

import static dev.syncline.store.engine.EngineFixture.FLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncline.core.engine.SyncEngine;
import dev.syncline.core.flow.Side;
import dev.syncline.core.port.FailedFilter;
import dev.syncline.core.port.LinkState;
import dev.syncline.core.testing.FakeSystem;
import dev.syncline.store.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Writes that never duplicate (DESIGN.md section 4), on a target that has no upsert and loses
 * answers after applying the write: write intents, create keys, lookups of maybe-written creates,
 * and multi-step writes that resume after their done steps.
 */
class WriteIntentsTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private EngineFixture fx;

  @BeforeEach
  void setUp() {
    fx = new EngineFixture(db);
  }

  /** Drains again, a retry's wait later each time, until nothing is left to do. */
  private void untilSettled(SyncEngine engine) {
    for (var round = 0;
        round < 40
            && fx.jobQueue.activeJobs(FLOW, fx.clock.instant().plus(Duration.ofHours(1))) > 0;
        round++) {
      fx.clock.advance(Duration.ofSeconds(40));
      engine.drain(FLOW);
    }
  }

  private static List<String> codes(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(Integer::toString).toList();
  }

  @Test
  void five_hundred_customers_through_lost_answers_each_exist_exactly_once_on_the_target() {
    fx.customers(500);
    fx.target.loseAnswers(0.15, 13);
    var engine = fx.engine(EngineFixture.oneWay());

    fx.sync(engine);
    untilSettled(engine);

    assertThat(fx.target.recordsPerKey()).hasSize(500).containsOnlyKeys(codes(500));
    var duplicated =
        fx.target.recordsPerKey().entrySet().stream()
            .filter(e -> e.getValue() != 1)
            .map(java.util.Map.Entry::getKey)
            .collect(Collectors.toList());
    assertThat(duplicated).as("customers created twice").isEmpty();
    assertThat(fx.target.lookups()).as("lost answers were looked up").isPositive();
    assertThat(fx.failedQueue.failed(FailedFilter.all())).isEmpty();
    var links =
        fx.links.links(dev.syncline.core.model.RecordType.CUSTOMER, "source", "target", codes(500));
    assertThat(links).hasSize(500);
    assertThat(links.values().stream().map(l -> l.to().id()).distinct()).hasSize(500);
  }

  @Test
  void a_rate_limit_was_not_applied_so_its_retry_creates_without_a_lookup() {
    fx.customers(3);
    var faults = new java.util.concurrent.atomic.AtomicInteger(3);
    fx.target.writeFault(() ->
        faults.getAndDecrement() > 0
            ? Optional.of(
                new dev.syncline.core.RetryableSyncException.RateLimited(
                    "fake", "Too many requests", Optional.empty(), Optional.empty()))
            : Optional.empty());
    var engine = fx.engine(EngineFixture.oneWay());

    fx.sync(engine);
    untilSettled(engine);

    assertThat(fx.target.recordsPerKey()).containsOnlyKeys(codes(3)).containsValues(1L);
    assertThat(fx.target.maybeWrittenFlags()).containsOnly(false);
    assertThat(fx.target.lookups()).isZero();
  }

  @Test
  void a_worker_that_dies_between_its_write_intent_and_the_answer_is_looked_up_not_recreated() {
    fx.customers(4);
    var dead =
        new SyncEngine(
            fx.schedule,
            fx.jobQueue,
            fx.runLog,
            fx.links,
            List.of(fx.flow(EngineFixture.oneWay())),
            fx.clock,
            EngineFixture.settings("dead-node"));
    dead.scan(FLOW, "schedule");
    fx.target.crashAfterWrites(true);
    assertThatThrownBy(() -> dead.drain(FLOW)).hasMessageContaining("process died");
    assertThat(fx.target.recordsPerKey()).as("the dead worker's writes applied").hasSize(4);
    var live = fx.engine(EngineFixture.oneWay());
    assertThat(live.drain(FLOW)).as("still leased to the dead node").isZero();

    fx.clock.advance(Duration.ofHours(1));
    live.drain(FLOW);

    assertThat(fx.target.recordsPerKey()).containsOnlyKeys(codes(4)).containsValues(1L);
    assertThat(fx.target.maybeWrittenFlags().subList(4, 8)).containsOnly(true);
    assertThat(fx.target.lookups()).as("one lookup for the batch").isEqualTo(1);
    assertThat(fx.jobQueue.job(FLOW, Side.A, "1", fx.clock.instant()).orElseThrow().lastOutcome())
        .contains("written");
  }

  @Test
  void a_two_step_write_whose_second_answer_is_lost_resumes_at_that_step_and_repeats_nothing() {
    fx.customers(1);
    fx.target.twoSteps(true);
    var engine = fx.engine(EngineFixture.oneWay());

    fx.sync(engine);
    assertThat(fx.target.notes()).as("step two applied, its answer lost").containsExactly("1");
    assertThat(stepsOf("1")).contains("\"record\"").doesNotContain("\"note\"");
    untilSettled(engine);

    assertThat(fx.target.writeLog()).as("step one is not repeated").containsExactly("1");
    assertThat(fx.target.notes()).as("nor is step two").containsExactly("1");
    assertThat(fx.target.recordsPerKey()).containsExactly(java.util.Map.entry("1", 1L));
    assertThat(fx.jobQueue.job(FLOW, Side.A, "1", fx.clock.instant()).orElseThrow().lastOutcome())
        .contains("written");
    assertThat(stepsOf("1")).as("a written job starts its next write afresh").isEqualTo("{}");
  }

  @Test
  void a_record_its_importer_says_left_the_flow_is_unlinked_and_nothing_is_deleted() {
    fx.customers(2);
    var engine = fx.engine(EngineFixture.oneWay());
    fx.sync(engine);
    fx.source.leavesFlowWhen(c ->
        c.name().contains("closed")
            ? Optional.of("was closed in the fake source ✂")
            : Optional.empty());

    fx.source.put(
        "2", EngineFixture.renamed(FakeSystem.customer("Shop 2"), "Shop 2 closed, adiós"));
    fx.clock.advance(Duration.ofSeconds(5));
    fx.sync(engine);

    var link =
        fx.links
            .links(
                dev.syncline.core.model.RecordType.CUSTOMER, "source", "target", List.of("1", "2"))
            .get("2");
    assertThat(link.state()).isEqualTo(LinkState.UNLINKED);
    assertThat(link.detail())
        .startsWith("Customer 2 (Shop 2 closed, adiós) was closed in the fake source ✂, so")
        .contains("stopped updating it on target");
    assertThat(fx.target.recordsPerKey()).containsOnlyKeys("1", "2");
    assertThat(fx.target.writeLog()).containsExactly("1", "2");
  }

  @Test
  void a_record_made_on_the_way_is_linked_with_the_outcome_and_not_when_the_lease_was_lost() {
    fx.customers(2);
    fx.target.makesContactsOnTheWay();
    var engine = fx.engine(EngineFixture.oneWay());

    fx.sync(engine);

    var contacts =
        fx.links.links(
            dev.syncline.core.model.RecordType.CONTACT,
            "source",
            "target",
            List.of("contact-1", "contact-2", "contact-3"));
    assertThat(contacts).containsOnlyKeys("contact-1", "contact-2");
    assertThat(contacts.get("contact-1").to().id())
        .isEqualTo("contact-" + fx.target.targetIdOf("1").orElseThrow());

    fx.source.put("3", FakeSystem.customer("Shop 3"));
    fx.clock.advance(Duration.ofSeconds(5));
    engine.scan(FLOW, "schedule");
    var job =
        fx.jobQueue
            .claim(FLOW, Side.A, "node-1", 10, fx.clock.instant(), Duration.ofMinutes(5))
            .getFirst();
    var written =
        new dev.syncline.core.port.Outcome.Written(
            "1003",
            true,
            dev.syncline.core.port.RemoteState.SYNCED,
            fx.clock.instant(),
            Optional.empty(),
            new dev.syncline.core.port.TargetRecord(java.util.Map.of("code", "3")),
            "hash",
            List.of(
                new dev.syncline.core.port.MadeLink(
                    dev.syncline.core.model.RecordType.CONTACT, "contact-3", "contact-1003")));
    fx.jobQueue.record(
        FLOW,
        Side.A,
        "another-node",
        List.of(new dev.syncline.core.port.JobResult(job, written)),
        fx.clock.instant());

    assertThat(
            fx.links.links(
                dev.syncline.core.model.RecordType.CONTACT,
                "source",
                "target",
                List.of("contact-3")))
        .as("an outcome not recorded links nothing it made")
        .isEmpty();
  }

  private String stepsOf(String sourceId) {
    return db.jdbi()
        .withHandle(h ->
            h.createQuery("SELECT CAST(steps AS text) FROM sync_job WHERE source_id = :id")
                .bind("id", sourceId)
                .mapTo(String.class)
                .one());
  }
}
