package dev.syncline.app.flows;

import static org.awaitility.Awaitility.await;

import dev.syncline.app.config.ConfigLoader;
import dev.syncline.app.config.SynclineConfig;
import dev.syncline.app.wiring.FlowWiring;
import dev.syncline.app.wiring.Systems;
import dev.syncline.core.engine.EngineSettings;
import dev.syncline.core.engine.RetryPolicy;
import dev.syncline.core.engine.SyncEngine;
import dev.syncline.core.port.SyncStore;
import dev.syncline.core.port.SystemAdapters;
import dev.syncline.joor.JoorModule;
import dev.syncline.joor.client.Connection;
import dev.syncline.joor.client.ConnectionFilter;
import dev.syncline.joor.client.JoorClient;
import dev.syncline.sandbox.common.SandboxClock;
import dev.syncline.sandbox.joor.JoorSandbox;
import dev.syncline.sandbox.joor.JoorSandboxSettings;
import dev.syncline.sandbox.netsuite.DemoData;
import dev.syncline.sandbox.netsuite.NetSuiteAccount;
import dev.syncline.sandbox.netsuite.NetSuiteSandbox;
import dev.syncline.sandbox.netsuite.NetSuiteSettings;
import dev.syncline.store.PostgresSyncStore;
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
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The customer flow of issue 5 end to end: a NetSuite sandbox and a JOOR sandbox over HTTP,
 * Syncline's systems and flows wired from a configuration as the app wires them, and engines on a
 * real PostgreSQL.
 */
public final class CustomerFlowFixture implements AutoCloseable {

  public static final String FLOW = "customers-to-joor-us";
  static final String US = "4001";

  public final InstantSource clock = InstantSource.system();
  final NetSuiteSandbox netsuite;
  final JoorSandbox joor;
  final TestDatabase db;
  private final List<SystemAdapters> opened = new ArrayList<>();
  private final List<SyncEngine> engines = new ArrayList<>();

  public CustomerFlowFixture(TestDatabase db, UnaryOperator<NetSuiteSettings> netsuiteSettings) {
    this.db = db;
    db.jdbi()
        .useHandle(h ->
            h.execute(
                "TRUNCATE flow_state, sync_cursor, sync_run, sync_job, link, sync_event,"
                    + " limiter_slot, limiter_spend"));
    netsuite =
        NetSuiteSandbox.start(
            netsuiteSettings.apply(NetSuiteSettings.defaults().withListen("127.0.0.1", 0)),
            new SandboxClock(clock));
    joor =
        JoorSandbox.start(
            "127.0.0.1",
            0,
            new SandboxClock(clock),
            JoorSandboxSettings.defaults().withBulkJobDelay(Duration.ZERO));
    joor.seedDemo();
  }

  public NetSuiteAccount account() {
    return netsuite.account(NetSuiteSettings.DEMO_ACCOUNT);
  }

  /** The environment a deployment would give: the sandboxes' printed settings. */
  public Map<String, String> environment() {
    var env = new HashMap<String, String>();
    env.putAll(netsuite.connectionSettings());
    env.putAll(joor.connectionSettings());
    return env;
  }

  /** The configuration under test, as a user writes it. */
  public String yaml() {
    return """
    systems:
      netsuite:
        type: netsuite
        account: ${NETSUITE_ACCOUNT}
        baseUrl: ${NETSUITE_BASE_URL}
        consumerKey: ${NETSUITE_CONSUMER_KEY}
        consumerSecret: ${NETSUITE_CONSUMER_SECRET}
        tokenId: ${NETSUITE_TOKEN_ID}
        tokenSecret: ${NETSUITE_TOKEN_SECRET}
        concurrency: 5
        requestTimeout: 3s
      joor_us:
        type: joor
        account: "4001"
        v2Url: ${JOOR_V2_BASE_URL}
        v4Url: ${JOOR_V4_BASE_URL}
        authUrl: ${JOOR_AUTH_URL}
        token: ${JOOR_V2_TOKEN_4001}
        requestTimeout: 3s
    flows:
      - name: customers-to-joor-us
        recordType: customer
        from: netsuite
        to: joor_us
        every: 10s
        filter: "'JOOR' in channels and subsidiary.id = '1'"
        valueMaps:
          paymentMethod:
            Net 30: NET30
            Net 60: NET60
            Due on Receipt: DUE
            Prepaid: PREPAID
          priceType:
            Base Price USD: USD-Retail
            Wholesale USD: USD-Wholesale
            Distributor USD: USD-Distributor
        statusFields:
          status: custentity_syncline_joor_status
          message: custentity_syncline_joor_message
          syncedAt: custentity_syncline_joor_synced_at
    """;
  }

  SynclineConfig config() {
    return new ConfigLoader(environment(), List.of(Systems.check(clock)))
        .parse("syncline.yaml", yaml());
  }

  /** An engine of one node, not started: tests drive it. */
  SyncEngine engine(String node) {
    var config = config();
    var systems =
        Systems.open(config, new StoreLimiters(db.jdbi(), clock), new SimpleMeterRegistry(), clock);
    opened.addAll(systems.values());
    var engine =
        new SyncEngine(
            new PostgresSyncStore(db.jdbi()),
            FlowWiring.build(config, systems),
            clock,
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
        .until(
            () -> engine.store().activeJobs(FLOW, clock.instant().plus(Duration.ofHours(2))) == 0);
  }

  /** What every run of the flow wrote, all told. */
  int written(SyncEngine engine) {
    return engine.store().runs(FLOW, 1000).stream().mapToInt(r -> r.written()).sum();
  }

  /** Creates n customers of Brand US opted in to JOOR, complete, and returns their ids. */
  public List<String> usCustomers(int n, String prefix) {
    var bodies = new ArrayList<ObjectNode>();
    for (var i = 0; i < n; i++) {
      bodies.add(customer(prefix + " " + i));
    }
    return account().createAll("customer", bodies).stream().map(String::valueOf).toList();
  }

  public static ObjectNode customer(String name) {
    var c = JsonMapper.shared().createObjectNode();
    c.put("companyName", name);
    c.put("email", name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@example.com");
    c.putObject("subsidiary").put("id", "1");
    c.putObject("currency").put("id", "1");
    c.putObject("terms").put("id", "1");
    c.putObject("priceLevel").put("id", "2");
    c.putObject("custentity_syncline_channels").putArray("items").addObject().put("id", "1");
    var book = c.putObject("addressBook").putArray("items");
    for (var label : List.of("Main", "Warehouse")) {
      var line =
          book.addObject()
              .put("label", label)
              .put("defaultBilling", label.equals("Main"))
              .put("defaultShipping", true);
      var a = line.putObject("addressBookAddress");
      a.put("addressee", name)
          .put("addr1", "1 Main St")
          .put("city", "Portland")
          .put("state", "OR")
          .put("zip", "97205");
      a.putObject("country").put("id", "US");
    }
    return c;
  }

  /** A JOOR client of account 4001, as the app wires it. */
  JoorClient joorClient() {
    return opened.stream()
        .filter(JoorModule.class::isInstance)
        .map(m -> ((JoorModule) m).client())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("make an engine first"));
  }

  SyncStore store(SyncEngine engine) {
    return engine.store();
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
    joor.close();
    netsuite.close();
  }

  static void seedDemo(NetSuiteAccount account) {
    DemoData.seed(account);
  }
}
