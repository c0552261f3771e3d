package dev.syncline.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.syncline.core.Secret;
import dev.syncline.core.flow.Direction;
import dev.syncline.core.flow.FlowSettings;
import dev.syncline.core.flow.OnLeave;
import dev.syncline.core.flow.RouteSettings;
import dev.syncline.core.flow.Side;
import dev.syncline.core.model.RecordType;
import dev.syncline.store.DatabaseSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole of {@code syncline.yaml}, validated and with every default filled in.
 * docs/configuration.md describes each key; the schema in {@code syncline.schema.json} is the
 * authority on what is allowed.
 */
public record SynclineConfig(
    Server server,
    Database database,
    Logging logging,
    Engine engine,
    Map<String, SystemConfig> systems,
    List<Flow> flows,
    Optional<Notifications> notifications) {

  public static final SynclineConfig DEFAULTS =
      new SynclineConfig(null, null, null, null, null, null, null);

  public SynclineConfig {
    server = Objects.requireNonNullElse(server, Server.DEFAULTS);
    database = Objects.requireNonNullElse(database, Database.DEFAULTS);
    logging = Objects.requireNonNullElse(logging, Logging.DEFAULTS);
    engine = Objects.requireNonNullElse(engine, Engine.DEFAULTS);
    systems =
        systems == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(systems));
    flows = flows == null ? List.of() : List.copyOf(flows);
    notifications = Objects.requireNonNullElse(notifications, Optional.empty());
  }

  /**
   * The HTTP server: dashboard, API, health and metrics; how long sign-ins last, and how failed
   * ones are limited.
   */
  public record Server(
      String host,
      Integer port,
      Optional<String> clientAddressHeader,
      Sessions sessions,
      SignIn signIn) {
    static final Server DEFAULTS = new Server(null, null, null, null, null);

    public Server {
      host = Objects.requireNonNullElse(host, "127.0.0.1");
      port = Objects.requireNonNullElse(port, 8080);
      clientAddressHeader = Objects.requireNonNullElse(clientAddressHeader, Optional.empty());
      sessions = Objects.requireNonNullElse(sessions, Sessions.DEFAULTS);
      signIn = Objects.requireNonNullElse(signIn, SignIn.DEFAULTS);
    }
  }

  /**
   * How long a browser stays signed in: until it has been idle for {@code idleTimeout}, and never
   * longer than {@code lifetime}.
   */
  public record Sessions(Duration idleTimeout, Duration lifetime) {
    public static final Sessions DEFAULTS = new Sessions(null, null);

    public Sessions {
      idleTimeout = Objects.requireNonNullElse(idleTimeout, Duration.ofHours(1));
      lifetime = Objects.requireNonNullElse(lifetime, Duration.ofHours(12));
    }
  }

  /**
   * How failed sign-ins are limited: after {@code failures} with one name, or {@code
   * addressFailures} from one address, each without a pause of {@code window}, signing in waits
   * {@code lockout}, twice as long after each further failure, at most {@code maxLockout}.
   */
  public record SignIn(
      Integer failures,
      Integer addressFailures,
      Duration window,
      Duration lockout,
      Duration maxLockout) {
    public static final SignIn DEFAULTS = new SignIn(null, null, null, null, null);

    public SignIn {
      failures = Objects.requireNonNullElse(failures, 5);
      addressFailures = Objects.requireNonNullElse(addressFailures, 20);
      window = Objects.requireNonNullElse(window, Duration.ofMinutes(15));
      lockout = Objects.requireNonNullElse(lockout, Duration.ofMinutes(1));
      maxLockout = Objects.requireNonNullElse(maxLockout, Duration.ofHours(1));
    }
  }

  /** Syncline's own PostgreSQL. With no {@code url}, the embedded server. */
  public record Database(
      Optional<String> url,
      Optional<String> user,
      Optional<Secret> password,
      Integer poolSize,
      Boolean migrateOnStart,
      Embedded embedded) {
    static final Database DEFAULTS =
        new Database(Optional.empty(), Optional.empty(), Optional.empty(), null, null, null);

    public Database {
      url = Objects.requireNonNullElse(url, Optional.empty());
      user = Objects.requireNonNullElse(user, Optional.empty());
      password = Objects.requireNonNullElse(password, Optional.empty());
      poolSize = Objects.requireNonNullElse(poolSize, 10);
      migrateOnStart = Objects.requireNonNullElse(migrateOnStart, true);
      embedded = Objects.requireNonNullElse(embedded, Embedded.DEFAULTS);
    }

    /** What the store needs to open this database. */
    public DatabaseSettings settings() {
      return new DatabaseSettings(
          url, user, password, Path.of(embedded.dataDirectory()), embedded.port(), poolSize);
    }

    Database withUrl(String newUrl) {
      return new Database(Optional.of(newUrl), user, password, poolSize, migrateOnStart, embedded);
    }
  }

  /** The embedded PostgreSQL, used when {@code database.url} is not set. */
  public record Embedded(String dataDirectory, Integer port) {
    static final Embedded DEFAULTS = new Embedded(null, null);

    public Embedded {
      dataDirectory = Objects.requireNonNullElse(dataDirectory, "data/postgres");
      port = Objects.requireNonNullElse(port, 0);
    }
  }

  /** How Syncline writes its log. */
  public record Logging(LogFormat format, String level) {
    static final Logging DEFAULTS = new Logging(null, null);

    public Logging {
      format = Objects.requireNonNullElse(format, LogFormat.TEXT);
      level = Objects.requireNonNullElse(level, "info");
    }
  }

  public enum LogFormat {
    TEXT,
    JSON;

    public static LogFormat parse(String text) {
      return valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** The sync engine of this node. */
  public record Engine(
      Optional<String> node,
      Integer workers,
      Duration retention,
      Duration lease,
      Duration deletionCheck,
      Duration maxProbeInterval,
      Duration referenceDeadline) {
    static final Engine DEFAULTS = new Engine(null, null, null, null, null, null, null);

    /**
     * The shortest {@code lease}: a batch's remote calls must fit in it, or another node takes the
     * batch over while its worker is still at it.
     */
    public static final Duration SHORTEST_LEASE = Duration.ofSeconds(10);

    /**
     * The longest {@code lease}: a node that dies holds its batches this long before another node
     * takes them over.
     */
    public static final Duration LONGEST_LEASE = Duration.ofHours(1);

    /** The shortest {@code deletionCheck}: each check reads every linked id from the source. */
    public static final Duration SHORTEST_DELETION_CHECK = Duration.ofMinutes(1);

    /** The shortest {@code maxProbeInterval}: a minute, so that a refused login is not hammered. */
    public static final Duration SHORTEST_MAX_PROBE_INTERVAL = Duration.ofMinutes(1);

    /**
     * The shortest {@code referenceDeadline}: the record an order refers to is often queued by the
     * same scan, and must have the time to sync before the order gives up on it.
     */
    public static final Duration SHORTEST_REFERENCE_DEADLINE = Duration.ofMinutes(1);

    public Engine {
      node = Objects.requireNonNullElse(node, Optional.empty());
      workers = Objects.requireNonNullElse(workers, 4);
      retention = Objects.requireNonNullElse(retention, Duration.ofDays(30));
      lease = Objects.requireNonNullElse(lease, Duration.ofMinutes(5));
      deletionCheck = Objects.requireNonNullElse(deletionCheck, Duration.ofHours(1));
      maxProbeInterval = Objects.requireNonNullElse(maxProbeInterval, Duration.ofMinutes(15));
      referenceDeadline = Objects.requireNonNullElse(referenceDeadline, Duration.ofHours(1));
    }
  }

  /** One flow: a record type moving between two system instances. */
  public record Flow(
      String name,
      String recordType,
      String from,
      String to,
      String direction,
      Boolean enabled,
      Duration every,
      Optional<String> filter,
      Map<String, String> mapping,
      Map<String, Map<String, String>> valueMaps,
      Optional<StatusFields> statusFields,
      Optional<String> master,
      Map<String, String> fieldMasters,
      Integer batchSize,
      String onLeave,
      Optional<Route> forward,
      Optional<Route> back) {

    public Flow {
      direction = Objects.requireNonNullElse(direction, "one-way");
      enabled = Objects.requireNonNullElse(enabled, true);
      every = Objects.requireNonNullElse(every, FlowSettings.DEFAULT_EVERY);
      filter = Objects.requireNonNullElse(filter, Optional.empty());
      mapping = mapping == null ? Map.of() : Map.copyOf(mapping);
      valueMaps = valueMaps == null ? Map.of() : Map.copyOf(valueMaps);
      statusFields = Objects.requireNonNullElse(statusFields, Optional.empty());
      master = Objects.requireNonNullElse(master, Optional.empty());
      fieldMasters = fieldMasters == null ? Map.of() : Map.copyOf(fieldMasters);
      batchSize = Objects.requireNonNullElse(batchSize, FlowSettings.DEFAULT_BATCH_SIZE);
      onLeave = Objects.requireNonNullElse(onLeave, "unlink");
      forward = Objects.requireNonNullElse(forward, Optional.empty());
      back = Objects.requireNonNullElse(back, Optional.empty());
    }

    /**
     * The filter, mapping and value maps of one direction: {@code forward} (from to to) or {@code
     * back} (to to from), its own where it has a block, else the flow's.
     */
    public Route route(boolean forward) {
      return (forward ? this.forward : back).orElseGet(() -> new Route(filter, mapping, valueMaps));
    }

    /** The engine's view of this flow. */
    public FlowSettings settings() {
      var masters = new java.util.HashMap<String, Side>();
      fieldMasters.forEach((field, system) -> masters.put(field, sideOf(system)));
      return new FlowSettings(
          name,
          RecordType.ofKey(recordType).orElseThrow(),
          from,
          to,
          direction.equals("two-way") ? Direction.TWO_WAY : Direction.ONE_WAY,
          enabled,
          every,
          filter,
          mapping,
          valueMaps,
          statusFields.map(
              f -> new dev.syncline.core.flow.StatusFields(f.status(), f.message(), f.syncedAt())),
          master.map(this::sideOf).orElse(Side.A),
          masters,
          batchSize,
          routes(),
          onLeave.equals("propagate") ? OnLeave.PROPAGATE : OnLeave.UNLINK);
    }

    private Map<Side, RouteSettings> routes() {
      var routes = new java.util.HashMap<Side, RouteSettings>();
      forward.ifPresent(r -> routes.put(Side.A, r.settings()));
      back.ifPresent(r -> routes.put(Side.B, r.settings()));
      return routes;
    }

    private Side sideOf(String system) {
      return system.equals(to) ? Side.B : Side.A;
    }
  }

  /** One direction of a two-way flow, with its own filter, mapping and value maps. */
  public record Route(
      Optional<String> filter,
      Map<String, String> mapping,
      Map<String, Map<String, String>> valueMaps) {

    public Route {
      filter = Objects.requireNonNullElse(filter, Optional.empty());
      mapping = mapping == null ? Map.of() : Map.copyOf(mapping);
      valueMaps = valueMaps == null ? Map.of() : Map.copyOf(valueMaps);
    }

    RouteSettings settings() {
      return new RouteSettings(filter, mapping, valueMaps);
    }
  }

  /** Where a flow writes its sync status back onto the source record. */
  public record StatusFields(String status, String message, String syncedAt) {}

  /**
   * Email to the people who run Syncline: digests of new failures and alerts
   * (docs/notifications.md). Without this section nothing is sent.
   */
  public record Notifications(
      Smtp smtp,
      String from,
      List<String> to,
      Duration digestEvery,
      Freshness freshness,
      Optional<String> dashboardUrl) {

    public static final Duration DEFAULT_DIGEST_EVERY = Duration.ofMinutes(15);

    public Notifications {
      to = List.copyOf(to);
      digestEvery = Objects.requireNonNullElse(digestEvery, DEFAULT_DIGEST_EVERY);
      freshness = Objects.requireNonNullElse(freshness, Freshness.DEFAULTS);
      dashboardUrl =
          Objects.requireNonNullElse(dashboardUrl, Optional.<String>empty())
              .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** How far behind the flow may fall before an alert goes out. */
    public Duration alertAfter(String flow) {
      return freshness.flows().getOrDefault(flow, freshness.alertAfter());
    }
  }

  /** The mail relay notifications go through. */
  public record Smtp(
      String host,
      Integer port,
      SmtpSecurity security,
      Optional<String> username,
      Optional<Secret> password,
      Duration timeout) {

    public Smtp {
      security = Objects.requireNonNullElse(security, SmtpSecurity.STARTTLS);
      port = Objects.requireNonNullElse(port, security.defaultPort());
      username = Objects.requireNonNullElse(username, Optional.empty());
      password = Objects.requireNonNullElse(password, Optional.empty());
      timeout = Objects.requireNonNullElse(timeout, Duration.ofSeconds(30));
    }
  }

  /** How the connection to the mail relay is encrypted. */
  public enum SmtpSecurity {
    /** Plain connection upgraded with STARTTLS, which the relay must offer. */
    @JsonProperty("starttls")
    STARTTLS(587),
    /** TLS from the first byte (SMTPS). */
    @JsonProperty("ssl")
    SSL(465),
    /** No encryption: only for a relay on the same host or network. */
    @JsonProperty("none")
    NONE(25);

    private final int defaultPort;

    SmtpSecurity(int defaultPort) {
      this.defaultPort = defaultPort;
    }

    public int defaultPort() {
      return defaultPort;
    }
  }

  /** When a flow is too far behind: a default, and flows that differ from it. */
  public record Freshness(Duration alertAfter, Map<String, Duration> flows) {
    public static final Duration DEFAULT_ALERT_AFTER = Duration.ofMinutes(30);
    static final Freshness DEFAULTS = new Freshness(null, null);

    public Freshness {
      alertAfter = Objects.requireNonNullElse(alertAfter, DEFAULT_ALERT_AFTER);
      flows = flows == null ? Map.of() : Map.copyOf(flows);
    }
  }

  /** The same configuration listening on another port (the {@code --port} option). */
  public SynclineConfig withPort(int port) {
    return new SynclineConfig(
        new Server(
            server.host(), port, server.clientAddressHeader(), server.sessions(), server.signIn()),
        database,
        logging,
        engine,
        systems,
        flows,
        notifications);
  }

  SynclineConfig withDatabaseUrl(String url) {
    return new SynclineConfig(
        server, database.withUrl(url), logging, engine, systems, flows, notifications);
  }
}
