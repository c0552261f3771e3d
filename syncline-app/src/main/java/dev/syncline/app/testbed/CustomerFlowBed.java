package dev.syncline.app.testbed;

import dev.syncline.app.config.ConfigLoader;
import dev.syncline.app.config.Durations;
import dev.syncline.app.config.SynclineConfig;
import dev.syncline.app.wiring.Systems;
import dev.syncline.sandbox.common.SandboxClock;
import dev.syncline.sandbox.joor.JoorSandbox;
import dev.syncline.sandbox.joor.JoorSandboxSettings;
import dev.syncline.sandbox.netsuite.NetSuiteAccount;
import dev.syncline.sandbox.netsuite.NetSuiteSandbox;
import dev.syncline.sandbox.netsuite.NetSuiteSettings;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The customer flow of issue 5 over the sandboxes: a NetSuite sandbox and a JOOR sandbox (with
 * JOOR's demo accounts) on loopback, and the configuration of the flow between them as a user
 * writes it, pointed at them through the environment. The end-to-end tests and the benchmarks stand
 * Syncline on this; what they put into NetSuite is theirs to choose ({@code DemoData.referenceData}
 * first).
 */
public final class CustomerFlowBed implements AutoCloseable {

  public static final String FLOW = "customers-to-joor-us";
  public static final String JOOR_ACCOUNT = "4001";

  /**
   * The id of channel JOOR in the demo's custom list behind {@code custentity_syncline_channels}.
   */
  private static final String CHANNEL_JOOR = "1";

  private final NetSuiteSandbox netsuite;
  private final JoorSandbox joor;

  private CustomerFlowBed(NetSuiteSandbox netsuite, JoorSandbox joor) {
    this.netsuite = netsuite;
    this.joor = joor;
  }

  /** Starts both sandboxes on loopback, on free ports, living by {@code clock}. */
  public static CustomerFlowBed start(
      NetSuiteSettings netsuiteSettings, JoorSandboxSettings joorSettings, InstantSource clock) {
    var netsuite =
        NetSuiteSandbox.start(netsuiteSettings.withListen("127.0.0.1", 0), new SandboxClock(clock));
    try {
      var joor = JoorSandbox.start("127.0.0.1", 0, new SandboxClock(clock), joorSettings);
      try {
        joor.seedDemo();
        return new CustomerFlowBed(netsuite, joor);
      } catch (RuntimeException e) {
        joor.close();
        throw e;
      }
    } catch (RuntimeException e) {
      netsuite.close();
      throw e;
    }
  }

  /**
   * The parts of the configuration that tests and benchmarks turn; the rest is as a user writes it.
   *
   * @param netsuiteConcurrency requests Syncline may have in flight at NetSuite
   * @param requestTimeout how long one request to either system may take; empty for the default
   * @param every how often the flow reads NetSuite's changes
   * @param joorCredits JOOR's credit budget, when not JOOR's own
   * @param batchSize records a worker takes at once
   */
  public record FlowOptions(
      int netsuiteConcurrency,
      Optional<Duration> requestTimeout,
      Duration every,
      Optional<JoorCredits> joorCredits,
      int batchSize,
      boolean statusWriteBack) {

    /**
     * NetSuite's smallest tier, JOOR's own budget, the shortest schedule, the default batch, the
     * sync status written back.
     */
    public static FlowOptions defaults() {
      return new FlowOptions(
          15, Optional.empty(), Duration.ofSeconds(10), Optional.empty(), 100, true);
    }

    public FlowOptions withNetSuiteConcurrency(int concurrency) {
      return new FlowOptions(
          concurrency, requestTimeout, every, joorCredits, batchSize, statusWriteBack);
    }

    public FlowOptions withRequestTimeout(Duration timeout) {
      return new FlowOptions(
          netsuiteConcurrency,
          Optional.of(timeout),
          every,
          joorCredits,
          batchSize,
          statusWriteBack);
    }

    public FlowOptions withEvery(Duration newEvery) {
      return new FlowOptions(
          netsuiteConcurrency, requestTimeout, newEvery, joorCredits, batchSize, statusWriteBack);
    }

    public FlowOptions withJoorCredits(int budget, Duration window) {
      return new FlowOptions(
          netsuiteConcurrency,
          requestTimeout,
          every,
          Optional.of(new JoorCredits(budget, window)),
          batchSize,
          statusWriteBack);
    }

    public FlowOptions withBatchSize(int newBatchSize) {
      return new FlowOptions(
          netsuiteConcurrency, requestTimeout, every, joorCredits, newBatchSize, statusWriteBack);
    }

    /** The flow writes no sync status onto the NetSuite customers (no {@code statusFields}). */
    public FlowOptions withoutStatusWriteBack() {
      return new FlowOptions(
          netsuiteConcurrency, requestTimeout, every, joorCredits, batchSize, false);
    }
  }

  /** JOOR's credits per window, as the {@code credits} key of a JOOR system sets them. */
  public record JoorCredits(int budget, Duration window) {}

  public NetSuiteSandbox netsuite() {
    return netsuite;
  }

  public JoorSandbox joor() {
    return joor;
  }

  /** The NetSuite account the flow reads. */
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

  /** The {@code systems} and {@code flows} of the configuration, as a user writes them. */
  public String yaml(FlowOptions options) {
    // Lines of a system's own settings, at its indentation.
    var timeout =
        options
            .requestTimeout()
            .map(t -> "    requestTimeout: " + Durations.format(t) + "\n")
            .orElse("");
    var credits =
        options
            .joorCredits()
            .map(c ->
                "    credits:\n      budget: %d\n      window: %s\n"
                    .formatted(c.budget(), Durations.format(c.window())))
            .orElse("");
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
        concurrency: %d
    """
            .formatted(options.netsuiteConcurrency())
        + timeout
        + """
          joor_us:
            type: joor
            account: "%s"
            v2Url: ${JOOR_V2_BASE_URL}
            v4Url: ${JOOR_V4_BASE_URL}
            authUrl: ${JOOR_AUTH_URL}
            token: ${JOOR_V2_TOKEN_%s}
        """
            .formatted(JOOR_ACCOUNT, JOOR_ACCOUNT)
        + timeout
        + credits
        + """
        flows:
          - name: %s
            recordType: customer
            from: netsuite
            to: joor_us
            every: %s
            batchSize: %d
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
        """
            .formatted(FLOW, Durations.format(options.every()), options.batchSize())
        + (options.statusWriteBack()
            ? """
                statusFields:
                  status: custentity_syncline_joor_status
                  message: custentity_syncline_joor_message
                  syncedAt: custentity_syncline_joor_synced_at
            """
            : "");
  }

  /** The configuration {@link #yaml} writes, loaded and checked as Syncline loads a file. */
  public SynclineConfig config(FlowOptions options, InstantSource clock) {
    return new ConfigLoader(environment(), List.of(Systems.check(clock)))
        .parse("syncline.yaml", yaml(options));
  }

  /**
   * Creates {@code n} customers of Brand US (subsidiary 1) opted in to JOOR, complete, with two
   * addresses each, in one import; returns their internal ids.
   */
  public List<String> createCustomers(int n, String prefix) {
    var bodies = new ArrayList<ObjectNode>(n);
    for (var i = 0; i < n; i++) {
      bodies.add(customer(prefix + " " + i));
    }
    return account().createAll("customer", bodies).stream().map(String::valueOf).toList();
  }

  /** A complete customer of Brand US opted in to JOOR, as NetSuite's REST API takes it. */
  public static ObjectNode customer(String name) {
    var c = JsonMapper.shared().createObjectNode();
    c.put("companyName", name);
    c.put("email", name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@example.com");
    c.putObject("subsidiary").put("id", "1");
    c.putObject("currency").put("id", "1");
    c.putObject("terms").put("id", "1");
    c.putObject("priceLevel").put("id", "2");
    c.putObject("custentity_syncline_channels")
        .putArray("items")
        .addObject()
        .put("id", CHANNEL_JOOR);
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

  @Override
  public void close() {
    joor.close();
    netsuite.close();
  }
}
