package dev.syncline.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncline.core.engine.EngineSettings;
import dev.syncline.core.engine.Flow;
import dev.syncline.core.engine.RetryPolicy;
import dev.syncline.core.engine.SyncEngine;
import dev.syncline.core.flow.Direction;
import dev.syncline.core.flow.FlowSettings;
import dev.syncline.core.flow.Side;
import dev.syncline.core.model.Customer;
import dev.syncline.core.model.RecordType;
import dev.syncline.core.testing.FakeSystem;
import dev.syncline.core.testing.SettableClock;
import dev.syncline.store.Database;
import dev.syncline.store.PostgresConflicts;
import dev.syncline.store.PostgresFailedQueue;
import dev.syncline.store.PostgresFlowSchedule;
import dev.syncline.store.PostgresJobQueue;
import dev.syncline.store.PostgresLinks;
import dev.syncline.store.PostgresRunLog;
import dev.syncline.store.testing.TestDatabase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sync's metrics as Prometheus reads them, from an engine on a real PostgreSQL with fake
 * systems around it and a clock that moves only when the test moves it.
 */
class SyncMetricsTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  static final String FLOW = "customers";
  static final Duration MAX_AGE = FlowGauges.MAX_AGE;

  final SettableClock clock = SettableClock.at("2026-03-02T09:00:00Z");
  final FakeSystem source = new FakeSystem("source", clock);
  final FakeSystem target = new FakeSystem("target", clock);
  final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final PostgresFlowSchedule schedule = new PostgresFlowSchedule(db.jdbi());
  final PostgresJobQueue jobQueue = new PostgresJobQueue(db.jdbi());
  final PostgresRunLog runLog = new PostgresRunLog(db.jdbi());
  final PostgresFailedQueue failedQueue = new PostgresFailedQueue(db.jdbi());
  final PostgresConflicts conflicts = new PostgresConflicts(db.jdbi());
  SyncEngine engine;

  @BeforeEach
  void setUp() {
    Database.forgetSyncState(db.jdbi());
    var settings =
        new FlowSettings(
            FLOW,
            RecordType.CUSTOMER,
            "source",
            "target",
            Direction.ONE_WAY,
            true,
            Duration.ofSeconds(60),
            Optional.of("'JOOR' in channels and inactive = false"),
            Map.of(),
            Map.of("paymentMethod", Map.of("Net 30", "NET30")),
            Optional.empty(),
            Side.A,
            Map.of(),
            10);
    engine =
        new SyncEngine(
            schedule,
            new MeteredJobQueue(jobQueue, meters, List.of(FLOW)),
            runLog,
            new PostgresLinks(db.jdbi()),
            List.of(Flow.oneWay(settings, source.importer(), target.exporter(), Optional.empty())),
            clock,
            EngineSettings.defaults("node-1")
                .withRetry(new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 20)));
    new FlowGauges(
            schedule, jobQueue, runLog, failedQueue, conflicts, List.of(FLOW), clock, MAX_AGE)
        .bindTo(meters);
  }

  private PrometheusText scrape() {
    return PrometheusText.parse(meters.scrape());
  }

  /** Scans, processes every due job and finishes the run, as a node does. */
  private void sync() {
    var run = engine.scan(FLOW, "schedule");
    engine.drain(FLOW);
    engine.finishRunIfDone(run);
  }

  private static Customer changed(Customer c, boolean inactive, boolean priceLevel) {
    return new Customer(
        c.name(),
        c.email(),
        c.phone(),
        inactive,
        c.terms(),
        priceLevel ? c.priceLevel() : Optional.empty(),
        c.currency(),
        c.subsidiary(),
        c.salesRep(),
        c.creditLimit(),
        c.channels(),
        c.addresses(),
        c.custom());
  }

  @Test
  void every_outcome_this_node_records_is_counted_per_flow_and_each_shows_from_zero() {
    var outcomes =
        List.of("written", "unchanged", "filtered", "unlinked", "failed", "retrying", "conflict");
    var before = scrape();
    assertThat(outcomes).allSatisfy(o -> assertThat(before.records(FLOW, o)).isZero());

    source.put("1", FakeSystem.customer("Shop 1"));
    source.put("2", FakeSystem.customer("Shop 2"));
    source.put("3", changed(FakeSystem.customer("Shop 3"), false, false));
    source.put("4", changed(FakeSystem.customer("Shop 4"), true, true));
    clock.advance(Duration.ofMinutes(1));
    sync();
    source.put("1", FakeSystem.customer("Shop 1"));
    source.put("2", changed(FakeSystem.customer("Shop 2"), true, true));
    source.put("5", FakeSystem.customer("Shop 5"));
    target.writeFault(() -> Optional.of(FakeSystem.unavailable()));
    clock.advance(Duration.ofMinutes(1));
    sync();

    var after = scrape();
    assertThat(outcomes)
        .as(
            "1 and 2 written, then 1 unchanged, 2 left the flow; 3 lacks its price level,"
                + " 4 is inactive, 5 met the target down")
        .extracting(o -> after.records(FLOW, o))
        .containsExactly(2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0);
    assertThat(after.series().keySet())
        .filteredOn(s -> s.startsWith("syncline_flow_records_total{"))
        .as("no outcome outside the seven")
        .hasSize(outcomes.size());
  }

  @Test
  void a_value_a_two_way_merge_drops_is_counted_and_stays_open_until_acknowledged() {
    var flow = "customers-both-ways";
    var twoWay =
        new FlowSettings(
            flow,
            RecordType.CUSTOMER,
            "source",
            "target",
            Direction.TWO_WAY,
            true,
            Duration.ofSeconds(60),
            Optional.empty(),
            Map.of(),
            Map.of("paymentMethod", Map.of("Net 30", "NET30")),
            Optional.empty(),
            Side.A,
            Map.of(),
            10);
    var a = new FakeSystem("source", clock);
    var b = new FakeSystem("target", clock);
    var both =
        new SyncEngine(
            schedule,
            new MeteredJobQueue(jobQueue, meters, List.of(flow)),
            runLog,
            new PostgresLinks(db.jdbi()),
            List.of(
                Flow.twoWay(
                    twoWay,
                    a.importer(),
                    a.exporter(),
                    java.util.Optional.empty(),
                    b.importer(),
                    b.exporter())),
            clock,
            EngineSettings.defaults("node-1"));
    new FlowGauges(
            schedule, jobQueue, runLog, failedQueue, conflicts, List.of(flow), clock, MAX_AGE)
        .bindTo(meters);
    Runnable sync =
        () -> {
          var run = both.scan(flow, "schedule");
          both.drain(flow);
          both.finishRunIfDone(run);
          clock.advance(Duration.ofSeconds(10));
        };
    a.put("1", FakeSystem.customer("Shop 1"));
    clock.advance(Duration.ofSeconds(10));
    sync.run();
    var onB = b.targetIdOf("1").orElseThrow();
    assertThat(scrape().ofFlow("syncline_flow_conflicts_open", flow)).isZero();

    a.put("1", renamed(FakeSystem.customer("Shop 1"), "Nommé sur A ✨"));
    b.put(onB, renamed(FakeSystem.customer("Shop 1"), "Nommé sur B 🌙"));
    clock.advance(Duration.ofSeconds(1));
    sync.run();
    sync.run();

    var found = scrape();
    assertThat(found.records(flow, "conflict")).isEqualTo(1);
    assertThat(found.ofFlow("syncline_flow_conflicts_open", flow)).isEqualTo(1);

    var open = conflicts.conflicts(dev.syncline.core.port.ConflictFilter.open());
    conflicts.acknowledge(List.of(open.getFirst().id()), "ana", clock.instant());
    clock.advance(MAX_AGE);
    assertThat(scrape().ofFlow("syncline_flow_conflicts_open", flow)).isZero();
  }

  private static Customer renamed(Customer c, String name) {
    return new Customer(
        name,
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
        c.custom());
  }

  @Test
  void the_gauges_read_a_flow_once_per_max_age_while_its_ages_keep_growing_with_the_clock() {
    source.put("1", FakeSystem.customer("Shop 1"));
    clock.advance(Duration.ofSeconds(1));
    source.put("2", FakeSystem.customer("Shop 2"));
    clock.advance(Duration.ofSeconds(30));
    var run = engine.scan(FLOW, "schedule");

    var waiting = scrape();
    assertThat(waiting.ofFlow("syncline_flow_backlog_records", FLOW)).isEqualTo(2);
    assertThat(waiting.ofFlow("syncline_flow_freshness_seconds", FLOW)).isEqualTo(31);
    assertThat(waiting.ofFlow("syncline_flow_failed_queue_records", FLOW)).isZero();
    assertThat(waiting.ofFlow("syncline_flow_enabled", FLOW)).isEqualTo(1);
    assertThat(waiting.ofFlow("syncline_flow_last_run_age_seconds", FLOW))
        .as("no run has finished")
        .isNaN();

    engine.drain(FLOW);
    engine.finishRunIfDone(run);
    clock.advance(Duration.ofSeconds(2));
    var cached = scrape();
    assertThat(cached.ofFlow("syncline_flow_backlog_records", FLOW))
        .as("read 2s ago, so not read again")
        .isEqualTo(2);
    assertThat(cached.ofFlow("syncline_flow_freshness_seconds", FLOW))
        .as("the same oldest change, 2s older")
        .isEqualTo(33);
    assertThat(cached.ofFlow("syncline_flow_last_run_age_seconds", FLOW)).isNaN();

    clock.advance(MAX_AGE);
    var read = scrape();
    assertThat(read.ofFlow("syncline_flow_backlog_records", FLOW)).isZero();
    assertThat(read.ofFlow("syncline_flow_freshness_seconds", FLOW)).isZero();
    assertThat(read.ofFlow("syncline_flow_last_run_age_seconds", FLOW))
        .isEqualTo(2 + MAX_AGE.toSeconds());

    source.put("3", changed(FakeSystem.customer("Shop 3"), false, false));
    clock.advance(Duration.ofSeconds(1));
    sync();
    schedule.setEnabled(FLOW, false, clock.instant());
    clock.advance(MAX_AGE);
    var later = scrape();
    assertThat(later.ofFlow("syncline_flow_failed_queue_records", FLOW)).isEqualTo(1);
    assertThat(later.ofFlow("syncline_flow_enabled", FLOW)).isZero();
    assertThat(later.ofFlow("syncline_flow_backlog_records", FLOW))
        .as("a failed record waits for a person, not in the backlog")
        .isZero();
    assertThat(later.ofFlow("syncline_flow_last_run_age_seconds", FLOW))
        .isEqualTo(MAX_AGE.toSeconds());
    assertThat(later.ofFlow("syncline_flow_last_run_failed", FLOW)).isZero();
  }

  @Test
  void a_flow_whose_scan_cannot_read_its_source_shows_it_though_nothing_waits() {
    assertThat(scrape().ofFlow("syncline_flow_last_run_failed", FLOW)).isNaN();
    source.put("1", FakeSystem.customer("Shop 1"));
    source.duringChangesAfter(() -> {
      throw FakeSystem.unavailable();
    });
    clock.advance(MAX_AGE);

    assertThatThrownBy(() -> engine.scan(FLOW, "schedule"))
        .isInstanceOf(dev.syncline.core.SyncException.class);

    var failing = scrape();
    assertThat(failing.ofFlow("syncline_flow_last_run_failed", FLOW)).isEqualTo(1);
    assertThat(failing.ofFlow("syncline_flow_backlog_records", FLOW))
        .as("nothing was found, so nothing waits")
        .isZero();
    assertThat(failing.ofFlow("syncline_flow_freshness_seconds", FLOW)).isZero();
  }

  @Test
  void while_the_database_does_not_answer_the_gauges_show_nan_and_the_scrape_still_answers() {
    var alone = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    var unreachable = Jdbi.create("jdbc:postgresql://127.0.0.1:1/syncline");
    new FlowGauges(
            new PostgresFlowSchedule(unreachable),
            new PostgresJobQueue(unreachable),
            new PostgresRunLog(unreachable),
            new PostgresFailedQueue(unreachable),
            new PostgresConflicts(unreachable),
            List.of(FLOW),
            clock,
            MAX_AGE)
        .bindTo(alone);

    var scrape = PrometheusText.parse(alone.scrape());

    assertThat(
            List.of(
                "syncline_flow_backlog_records",
                "syncline_flow_freshness_seconds",
                "syncline_flow_failed_queue_records",
                "syncline_flow_conflicts_open",
                "syncline_flow_enabled",
                "syncline_flow_last_run_age_seconds"))
        .allSatisfy(name -> assertThat(scrape.ofFlow(name, FLOW)).as(name).isNaN());
  }
}
