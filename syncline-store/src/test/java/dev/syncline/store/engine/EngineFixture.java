package dev.syncline.store.engine;

import dev.syncline.core.engine.EngineSettings;
import dev.syncline.core.engine.Flow;
import dev.syncline.core.engine.RetryPolicy;
import dev.syncline.core.engine.SyncEngine;
import dev.syncline.core.flow.Direction;
import dev.syncline.core.flow.FlowSettings;
import dev.syncline.core.flow.Side;
import dev.syncline.core.flow.StatusFields;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Engines on a real PostgreSQL with fake systems around them, driven by a settable clock. */
final class EngineFixture {

  static final String FLOW = "customers";
  static final StatusFields STATUS =
      new StatusFields("custentity_status", "custentity_message", "custentity_at");

  final SettableClock clock = SettableClock.at("2026-03-02T09:00:00Z");
  final FakeSystem source = new FakeSystem("source", clock);
  final FakeSystem target = new FakeSystem("target", clock);
  final PostgresFlowSchedule schedule;
  final PostgresJobQueue jobQueue;
  final PostgresRunLog runLog;
  final PostgresFailedQueue failedQueue;
  final PostgresConflicts conflicts;
  final PostgresLinks links;

  EngineFixture(TestDatabase db) {
    Database.forgetSyncState(db.jdbi());
    this.schedule = new PostgresFlowSchedule(db.jdbi());
    this.jobQueue = new PostgresJobQueue(db.jdbi());
    this.runLog = new PostgresRunLog(db.jdbi());
    this.failedQueue = new PostgresFailedQueue(db.jdbi());
    this.conflicts = new PostgresConflicts(db.jdbi());
    this.links = new PostgresLinks(db.jdbi());
  }

  /** The customer as it is, under another name: an edit at the source. */
  static Customer renamed(Customer c, String name) {
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

  static FlowSettings oneWay() {
    return new FlowSettings(
        FLOW,
        RecordType.CUSTOMER,
        "source",
        "target",
        Direction.ONE_WAY,
        true,
        Duration.ofSeconds(60),
        Optional.of("'JOOR' in channels and inactive = false"),
        Map.of(),
        Map.of("paymentMethod", Map.of("Net 30", "NET30", "Net 60", "NET60")),
        Optional.of(STATUS),
        Side.A,
        Map.of(),
        10);
  }

  static FlowSettings twoWay(Side master, Map<String, Side> fieldMasters) {
    return new FlowSettings(
        FLOW,
        RecordType.CUSTOMER,
        "source",
        "target",
        Direction.TWO_WAY,
        true,
        Duration.ofSeconds(60),
        Optional.empty(),
        Map.of(),
        Map.of("paymentMethod", Map.of("Net 30", "NET30", "Net 60", "NET60")),
        Optional.empty(),
        master,
        fieldMasters,
        10);
  }

  static EngineSettings settings(String node) {
    return EngineSettings.defaults(node)
        .withRetry(new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 20))
        .withScanPageSize(10);
  }

  SyncEngine engine(FlowSettings settings, String node) {
    return new SyncEngine(
        schedule, jobQueue, runLog, links, List.of(flow(settings)), clock, settings(node));
  }

  SyncEngine engine(FlowSettings settings) {
    return engine(settings, "node-1");
  }

  Flow<?> flow(FlowSettings settings) {
    return settings.direction() == Direction.ONE_WAY
        ? Flow.oneWay(
            settings, source.importer(), target.exporter(), Optional.of(source.statusWriter()))
        : Flow.twoWay(
            settings,
            source.importer(),
            source.exporter(),
            Optional.empty(),
            target.importer(),
            target.exporter());
  }

  /** Puts customers 1..n in the source, a second apart, and lets a minute pass. */
  void customers(int n) {
    for (var i = 1; i <= n; i++) {
      source.put(Integer.toString(i), FakeSystem.customer("Shop " + i));
      clock.advance(Duration.ofSeconds(1));
    }
    clock.advance(Duration.ofMinutes(1));
  }

  /** Scans and then processes every due job; returns the run. */
  long sync(SyncEngine engine) {
    var run = engine.scan(FLOW, "schedule");
    engine.drain(FLOW);
    engine.finishRunIfDone(run);
    return run;
  }

  /** The customer without its price level, which the fake target requires. */
  static Customer withoutPriceLevel(Customer c) {
    return new Customer(
        c.name(),
        c.email(),
        c.phone(),
        c.inactive(),
        c.terms(),
        Optional.empty(),
        c.currency(),
        c.subsidiary(),
        c.salesRep(),
        c.creditLimit(),
        c.channels(),
        c.addresses(),
        c.custom());
  }
}
