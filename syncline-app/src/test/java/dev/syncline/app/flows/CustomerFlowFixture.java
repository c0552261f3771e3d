package dev.syncline.app.flows;

import static org.awaitility.Awaitility.await;

import dev.syncline.app.config.ConfigLoader;
import dev.syncline.app.config.SynclineConfig;
import dev.syncline.app.testbed.CustomerFlowBed;
import dev.syncline.app.wiring.FlowWiring;
import dev.syncline.app.wiring.Systems;
import dev.syncline.core.engine.EngineSettings;
import dev.syncline.core.engine.RetryPolicy;
import dev.syncline.core.engine.SyncEngine;
import dev.syncline.core.port.FailedQueue;
import dev.syncline.core.port.SystemAdapters;
import dev.syncline.joor.JoorModule;
import dev.syncline.joor.client.Connection;
import dev.syncline.joor.client.ConnectionFilter;
import dev.syncline.joor.client.JoorClient;
import dev.syncline.sandbox.joor.JoorSandbox;
import dev.syncline.sandbox.joor.JoorSandboxSettings;
import dev.syncline.sandbox.netsuite.DemoData;
import dev.syncline.sandbox.netsuite.NetSuiteAccount;
import dev.syncline.sandbox.netsuite.NetSuiteSandbox;
import dev.syncline.sandbox.netsuite.NetSuiteSettings;
import dev.syncline.store.Database;
import dev.syncline.store.PostgresFailedQueue;
import dev.syncline.store.PostgresFlowSchedule;
import dev.syncline.store.PostgresJobQueue;
import dev.syncline.store.PostgresLinks;
import dev.syncline.store.PostgresRunLog;
import dev.syncline.store.StoreLimiters;
import dev.syncline.store.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The customer flow of issue 5 end to end: the sandboxes and configuration of {@link
 * CustomerFlowBed}, and engines on a real PostgreSQL, driven by the tests.
 */
public final class CustomerFlowFixture implements AutoCloseable {

  public static final String FLOW = CustomerFlowBed.FLOW;
  static final String US = CustomerFlowBed.JOOR_ACCOUNT;

  /**
   * The tests' flow: a few requests at once to NetSuite, and short timeouts so that faults retry
   * soon.
   */
  static final CustomerFlowBed.FlowOptions OPTIONS =
      CustomerFlowBed.FlowOptions.defaults()
          .withNetSuiteConcurrency(5)
          .withRequestTimeout(Duration.ofSeconds(3));

  public final InstantSource clock = InstantSource.system();
  final CustomerFlowBed bed;
  final NetSuiteSandbox netsuite;
  final JoorSandbox joor;
  final TestDatabase db;
  private final List<SystemAdapters> opened = new ArrayList<>();
  private final List<SyncEngine> engines = new ArrayList<>();
  private final Map<String, String> overrides = new HashMap<>();

  public CustomerFlowFixture(TestDatabase db, UnaryOperator<NetSuiteSettings> netsuiteSettings) {
    this(db, netsuiteSettings, s -> s);
  }

  public CustomerFlowFixture(
      TestDatabase db,
      UnaryOperator<NetSuiteSettings> netsuiteSettings,
      UnaryOperator<JoorSandboxSettings> joorSettings) {
    this.db = db;
    Database.forgetSyncState(db.jdbi());
    bed =
        CustomerFlowBed.start(
            netsuiteSettings.apply(NetSuiteSettings.defaults()),
            joorSettings.apply(JoorSandboxSettings.defaults().withBulkJobDelay(Duration.ZERO)),
            clock);
    netsuite = bed.netsuite();
    joor = bed.joor();
  }

  public NetSuiteAccount account() {
    return bed.account();
  }

  /** The faults the NetSuite sandbox injects, for tests of other packages. */
  public dev.syncline.sandbox.common.Faults netsuiteFaults() {
    return netsuite.faults();
  }

  /** The environment a deployment would give: the sandboxes' printed settings. */
  public Map<String, String> environment() {
    var env = new HashMap<String, String>(bed.environment());
    env.putAll(overrides);
    return env;
  }

  /** Gives engines made from now on another value of one setting (a wrong credential). */
  void override(String variable, String value) {
    overrides.put(variable, value);
  }

  /** The configuration under test, as a user writes it. */
  public String yaml() {
    return bed.yaml(OPTIONS);
  }

  SynclineConfig config() {
    return new ConfigLoader(environment(), List.of(Systems.check(clock)))
        .parse("syncline.yaml", yaml());
  }

  /** An engine of one node, not started: tests drive it. */
  SyncEngine engine(String node) {
    return engine(node, clock);
  }

  /**
   * An engine of one node whose scheduler tells time by {@code engineClock}, so that tests move
   * through its waits; its clients sign with the real time, as the sandboxes expect.
   */
  SyncEngine engine(String node, InstantSource engineClock) {
    var config = config();
    var systems =
        Systems.open(config, new StoreLimiters(db.jdbi(), clock), new SimpleMeterRegistry(), clock);
    opened.addAll(systems.values());
    var engine =
        new SyncEngine(
            new PostgresFlowSchedule(db.jdbi()),
            new PostgresJobQueue(db.jdbi()),
            new PostgresRunLog(db.jdbi()),
            new PostgresLinks(db.jdbi()),
            FlowWiring.build(config, systems),
            engineClock,
            EngineSettings.defaults(node)
                .withRetry(new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(4), 40)));
    engines.add(engine);
    return engine;
  }

  /**
   * Scans now, and lets the engine's workers (started on first use, as in a running node) work
   * until no job of the flow is due or waiting, however many retries that takes.
   */
  void syncUntilIdle(SyncEngine engine) {
    engine.start();
    engine.scan(FLOW, "manual");
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofMillis(200))
        .until(() ->
            engine.jobQueue().activeJobs(FLOW, clock.instant().plus(Duration.ofHours(2))) == 0);
  }

  /** What every run of the flow wrote, all told. */
  int written(SyncEngine engine) {
    return engine.runLog().runs(FLOW, 1000).stream().mapToInt(r -> r.written()).sum();
  }

  /** Creates n customers of Brand US opted in to JOOR, complete, and returns their ids. */
  public List<String> usCustomers(int n, String prefix) {
    return bed.createCustomers(n, prefix);
  }

  /**
   * A JOOR client of account 4001, as the app wires it: an engine's, or, when the nodes under test
   * run in their own processes, one opened here.
   */
  JoorClient joorClient() {
    if (opened.stream().noneMatch(JoorModule.class::isInstance)) {
      opened.addAll(
          Systems.open(
                  config(), new StoreLimiters(db.jdbi(), clock), new SimpleMeterRegistry(), clock)
              .values());
    }
    return opened.stream()
        .filter(JoorModule.class::isInstance)
        .map(m -> ((JoorModule) m).client())
        .findFirst()
        .orElseThrow();
  }

  /** The failed record queue, which every node shares. */
  FailedQueue failedQueue() {
    return new PostgresFailedQueue(db.jdbi());
  }

  /** Every connection of JOOR account 4001, by customer code, read through JOOR's API. */
  Map<String, Connection> joorConnections() {
    return joorClient().connections().stream(ConnectionFilter.all())
        .collect(Collectors.toMap(Connection::customerCode, c -> c));
  }

  /** How many connection records JOOR was sent in bulk calls, all told. */
  int joorRecordsWritten() {
    return joor
        .requestLog()
        .matching(r -> r.path().startsWith("/v2/bulk-connection") && r.status() < 300)
        .stream()
        .mapToInt(r -> Integer.parseInt(r.details().getOrDefault("records", "0")))
        .sum();
  }

  @Override
  public void close() {
    engines.forEach(SyncEngine::close);
    opened.forEach(SystemAdapters::close);
    bed.close();
  }

  static void seedDemo(NetSuiteAccount account) {
    DemoData.seed(account);
  }
}
