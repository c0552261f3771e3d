package dev.syncline.app.flows;

import static org.awaitility.Awaitility.await;

import dev.syncline.app.config.ConfigLoader;
import dev.syncline.app.config.SynclineConfig;
import dev.syncline.app.wiring.FlowWiring;
import dev.syncline.app.wiring.Systems;
import dev.syncline.core.engine.EngineSettings;
import dev.syncline.core.engine.RetryPolicy;
import dev.syncline.core.engine.SyncEngine;
import dev.syncline.core.port.SystemAdapters;
import dev.syncline.sandbox.common.SandboxClock;
import dev.syncline.sandbox.netsuite.DemoData;
import dev.syncline.sandbox.netsuite.NetSuiteAccount;
import dev.syncline.sandbox.netsuite.NetSuiteSandbox;
import dev.syncline.sandbox.netsuite.NetSuiteSettings;
import dev.syncline.sandbox.zoey.ZoeySandbox;
import dev.syncline.sandbox.zoey.ZoeySettings;
import dev.syncline.store.Database;
import dev.syncline.store.PostgresFlowSchedule;
import dev.syncline.store.PostgresJobQueue;
import dev.syncline.store.PostgresLinks;
import dev.syncline.store.PostgresRunLog;
import dev.syncline.store.StoreLimiters;
import dev.syncline.store.testing.TestDatabase;
import dev.syncline.zoey.ZoeyModule;
import dev.syncline.zoey.client.ZoeyClient;
import dev.syncline.zoey.client.ZoeyRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * NetSuite customers to Zoey accounts end to end: the NetSuite and Zoey sandboxes on loopback, the
 * flow as a user configures it, and engines on a real PostgreSQL, driven by the tests.
 */
final class ZoeyFlowFixture implements AutoCloseable {

  static final String FLOW = "customers-to-zoey";

  final InstantSource clock = InstantSource.system();
  final NetSuiteSandbox netsuite;
  final ZoeySandbox zoey;
  private final TestDatabase db;
  private final Path tokenFile;
  private final List<SystemAdapters> opened = new ArrayList<>();
  private final List<SyncEngine> engines = new ArrayList<>();

  /** An empty store (its customer groups only), and NetSuite's reference data. */
  ZoeyFlowFixture(TestDatabase db, Path directory) {
    this.db = db;
    Database.forgetSyncState(db.jdbi());
    tokenFile = directory.resolve("zoey-tokens.json");
    netsuite =
        NetSuiteSandbox.start(
            NetSuiteSettings.defaults().withListen("127.0.0.1", 0), new SandboxClock(clock));
    zoey =
        ZoeySandbox.start("127.0.0.1", 0, new SandboxClock(clock), ZoeySettings.defaults(), true);
    DemoData.referenceData(account());
  }

  NetSuiteAccount account() {
    return netsuite.account(NetSuiteSettings.DEMO_ACCOUNT);
  }

  /**
   * A NetSuite customer of Brand US with terms and a price level, on the Zoey channel when {@code
   * onZoey}; its internal id.
   */
  long customer(String name, String email, boolean onZoey) {
    var c = tools.jackson.databind.json.JsonMapper.shared().createObjectNode();
    c.put("companyName", name);
    c.put("email", email);
    c.putObject("subsidiary").put("id", "1");
    c.putObject("currency").put("id", "1");
    c.putObject("terms").put("id", "1");
    c.putObject("priceLevel").put("id", "2");
    if (onZoey) {
      c.putObject("custentity_syncline_channels").putArray("items").addObject().put("id", "2");
    }
    return account().create("customer", c);
  }

  /** A NetSuite contact of the customer, with an email unless it is null; its internal id. */
  long contact(String first, String last, String email, long company) {
    var c =
        tools.jackson.databind.json.JsonMapper.shared()
            .createObjectNode()
            .put("firstName", first)
            .put("lastName", last);
    if (email != null) {
      c.put("email", email);
    }
    c.putObject("company").put("id", Long.toString(company));
    return account().create("contact", c);
  }

  Map<String, String> environment() {
    var env = new HashMap<String, String>();
    env.putAll(netsuite.connectionSettings());
    env.putAll(zoey.connectionSettings());
    env.put("ZOEY_TOKEN_FILE", tokenFile.toString());
    return env;
  }

  /** The systems of the configuration, as a user writes them. */
  static String systems() {
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
        requestTimeout: 3s
      zoey_store:
        type: zoey
        baseUrl: ${ZOEY_BASE_URL}
        authorizeUrl: ${ZOEY_AUTH_URL}
        tokenUrl: ${ZOEY_TOKEN_URL}
        clientId: ${ZOEY_CLIENT_ID}
        clientSecret: ${ZOEY_CLIENT_SECRET}
        refreshToken: ${ZOEY_REFRESH_TOKEN}
        tokenFile: ${ZOEY_TOKEN_FILE}
        requestTimeout: 3s
    """;
  }

  /** The one-way flow to Zoey, with more lines (six spaces in) under its mapping. */
  static String oneWayFlow(String mappingLines) {
    return """
    flows:
      - name: customers-to-zoey
        recordType: customer
        from: netsuite
        to: zoey_store
        every: 10s
        filter: "'Zoey' in channels"
        onLeave: propagate
        mapping:
          customerGroup: "$lookup('customerGroup', priceLevel.name)"
    """
        + mappingLines
        + """
            valueMaps:
              customerGroup:
                Base Price: Retail
                Wholesale: Wholesale
                Distributor: Distributor
            statusFields:
              status: custentity_syncline_zoey_status
              message: custentity_syncline_zoey_message
              syncedAt: custentity_syncline_zoey_synced_at
        """;
  }

  /**
   * Customers both ways: NetSuite masters every field but the addresses, which Zoey masters; new
   * Zoey accounts become Brand US customers.
   */
  static String twoWayFlow() {
    return """
    flows:
      - name: customers-with-zoey
        recordType: customer
        from: netsuite
        to: zoey_store
        direction: two-way
        every: 10s
        filter: "'Zoey' in channels"
        master: netsuite
        fieldMasters:
          addresses: zoey_store
        statusFields:
          status: custentity_syncline_zoey_status
          message: custentity_syncline_zoey_message
          syncedAt: custentity_syncline_zoey_synced_at
        back:
          mapping:
            externalId: "'zoey-' & $sourceId"
            subsidiary: "$exists(subsidiary.id) ? subsidiary.id : '1'"
    """;
  }

  SynclineConfig config(String yaml) {
    return new ConfigLoader(environment(), List.of(Systems.check(clock)))
        .parse("syncline.yaml", yaml);
  }

  /** An engine of one node running the one-way flow, not started: tests drive it. */
  SyncEngine engine(String mappingLines) {
    return engineOf(systems() + oneWayFlow(mappingLines));
  }

  /** An engine of one node running the two-way flow, not started. */
  SyncEngine twoWayEngine() {
    return engineOf(systems() + twoWayFlow());
  }

  /** An engine of one node running the configuration given, not started. */
  SyncEngine engineOf(String yaml) {
    var config = config(yaml);
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
            clock,
            EngineSettings.defaults("node-1")
                .withRetry(new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(4), 40)));
    engines.add(engine);
    return engine;
  }

  /** Scans now, and lets the workers work until no job of the flow is due or waiting. */
  void syncUntilIdle(SyncEngine engine) {
    syncUntilIdle(engine, FLOW);
  }

  void syncUntilIdle(SyncEngine engine, String flow) {
    engine.start();
    engine.scan(flow, "manual");
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(() ->
            engine.jobQueue().activeJobs(flow, clock.instant().plus(Duration.ofHours(2))) == 0);
  }

  /** The Zoey client an engine opened, to read the store through its API. */
  ZoeyClient zoeyClient() {
    return opened.stream()
        .filter(ZoeyModule.class::isInstance)
        .map(m -> ((ZoeyModule) m).client())
        .findFirst()
        .orElseThrow();
  }

  /** The store's accounts that carry this NetSuite customer id. */
  List<ZoeyRecord> accountsOf(long customerId) {
    return zoeyClient().accounts().where("netsuite_customer_id", Long.toString(customerId));
  }

  /** The invitations (New Account Confirmation) the store sent. */
  List<String> invitations() {
    return zoey.emails().stream()
        .filter(e -> e.type().equals("new_account_confirmation"))
        .map(e -> e.to())
        .toList();
  }

  int requests(String method, String pathRegex) {
    return zoey.requestLog().count(r -> r.method().equals(method) && r.path().matches(pathRegex));
  }

  @Override
  public void close() {
    engines.forEach(SyncEngine::close);
    opened.forEach(SystemAdapters::close);
    zoey.close();
    netsuite.close();
  }
}
