package dev.syncline.app;

import dev.syncline.app.access.Access;
import dev.syncline.app.access.AccessException;
import dev.syncline.app.access.Passwords;
import dev.syncline.app.access.Role;
import dev.syncline.app.config.SynclineConfig;
import dev.syncline.app.http.HttpServer;
import dev.syncline.app.metrics.FlowGauges;
import dev.syncline.app.metrics.MeteredJobQueue;
import dev.syncline.app.notify.Notifications;
import dev.syncline.app.notify.SmtpNotifier;
import dev.syncline.app.sync.Connections;
import dev.syncline.app.sync.SyncService;
import dev.syncline.app.wiring.FlowWiring;
import dev.syncline.app.wiring.RecordLinks;
import dev.syncline.app.wiring.Systems;
import dev.syncline.core.engine.EngineSettings;
import dev.syncline.core.engine.SyncEngine;
import dev.syncline.core.port.SystemAdapters;
import dev.syncline.store.AccessStore;
import dev.syncline.store.AuditLog;
import dev.syncline.store.Database;
import dev.syncline.store.NotificationStore;
import dev.syncline.store.PostgresConflicts;
import dev.syncline.store.PostgresFailedQueue;
import dev.syncline.store.PostgresFlowSchedule;
import dev.syncline.store.PostgresJobQueue;
import dev.syncline.store.PostgresLinks;
import dev.syncline.store.PostgresRunLog;
import dev.syncline.store.StoreLimiters;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Syncline process: its database (embedded or not), systems, sync engine, metrics and
 * HTTP server. Started by {@code serve} and {@code demo}; {@link #close()} stops the parts in
 * reverse order, the database last.
 */
public final class SynclineNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SynclineNode.class);

  private final Database database;
  private final JvmGcMetrics gcMetrics;
  private final Map<String, SystemAdapters> systems;
  private final SyncEngine engine;
  private final Optional<Notifications> notifications;
  private final SyncService sync;
  private final Access access;
  private final HttpServer http;
  private final String host;

  private SynclineNode(
      Database database,
      JvmGcMetrics gcMetrics,
      Map<String, SystemAdapters> systems,
      SyncEngine engine,
      Optional<Notifications> notifications,
      SyncService sync,
      Access access,
      HttpServer http,
      String host) {
    this.database = database;
    this.gcMetrics = gcMetrics;
    this.systems = systems;
    this.engine = engine;
    this.notifications = notifications;
    this.sync = sync;
    this.access = access;
    this.http = http;
    this.host = host;
  }

  /** Starts a node: database, systems, flows, engine and HTTP server, as the configuration says. */
  public static SynclineNode start(SynclineConfig config) {
    return start(config, Map.of(), false);
  }

  /** Starts a node, with its first admin from the environment (see below). */
  public static SynclineNode start(SynclineConfig config, Map<String, String> environment) {
    return start(config, environment, false);
  }

  /**
   * Starts a node. When the database has no user yet and the environment names a first admin
   * ({@code SYNCLINE_ADMIN_USER} and {@code SYNCLINE_ADMIN_PASSWORD}), adds that admin. With {@code
   * forgetSyncState}, first forgets what an earlier run synced, for systems that start empty each
   * time (the demo's sandboxes).
   */
  public static SynclineNode start(
      SynclineConfig config, Map<String, String> environment, boolean forgetSyncState) {
    return start(config, environment, forgetSyncState, InstantSource.system());
  }

  /** Starts a node that tells time by {@code clock}: tests move it instead of waiting. */
  public static SynclineNode start(
      SynclineConfig config,
      Map<String, String> environment,
      boolean forgetSyncState,
      InstantSource clock) {
    var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(metrics);
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    new ProcessorMetrics().bindTo(metrics);
    new UptimeMetrics().bindTo(metrics);
    var gcMetrics = new JvmGcMetrics();
    gcMetrics.bindTo(metrics);

    var database = Database.open(config.database().settings(), Optional.of(metrics));
    Map<String, SystemAdapters> systems = Map.of();
    SyncEngine engine = null;
    Optional<Notifications> notifications = Optional.empty();
    try {
      if (config.database().migrateOnStart()) {
        database.migrate();
      }
      if (forgetSyncState) {
        Database.forgetSyncState(database.jdbi());
        log.info("Fresh sandboxes: what an earlier demo synced is forgotten (the audit log stays)");
      }
      var limiters = new StoreLimiters(database.jdbi(), clock);
      io.micrometer.core.instrument.FunctionCounter.builder(
              "syncline_limiter_statements", limiters, StoreLimiters::concurrencyStatements)
          .description(
              "Database statements of this node's concurrency limiters: slots leased and given back"
                  + " in blocks, not per call")
          .register(metrics);
      systems = Systems.open(config, limiters, metrics, clock);
      var flows = FlowWiring.build(config, systems);
      var flowNames = flows.stream().map(f -> f.name()).toList();
      var settings =
          EngineSettings.defaults(config.engine().node().orElseGet(SynclineNode::defaultNodeName))
              .withWorkers(config.engine().workers())
              .withRetention(config.engine().retention())
              .withLease(config.engine().lease())
              .withDeletionCheck(config.engine().deletionCheck())
              .withMaxProbeInterval(config.engine().maxProbeInterval())
              .withReferenceDeadline(config.engine().referenceDeadline());
      var schedule = new PostgresFlowSchedule(database.jdbi());
      var jobQueue = new PostgresJobQueue(database.jdbi());
      var runLog = new PostgresRunLog(database.jdbi());
      var failedQueue = new PostgresFailedQueue(database.jdbi());
      var conflicts = new PostgresConflicts(database.jdbi());
      engine =
          new SyncEngine(
              schedule,
              new MeteredJobQueue(jobQueue, metrics, flowNames),
              runLog,
              new PostgresLinks(database.jdbi()),
              flows,
              clock,
              settings);
      new FlowGauges(
              schedule,
              jobQueue,
              runLog,
              failedQueue,
              conflicts,
              flowNames,
              clock,
              FlowGauges.MAX_AGE)
          .bindTo(metrics);
      var audit = new AuditLog(database.jdbi(), clock);
      var sync =
          new SyncService(
              engine,
              failedQueue,
              conflicts,
              audit,
              clock,
              new RecordLinks(config.systems()),
              Systems.creditWaits(config, limiters));
      var access =
          new Access(
              new AccessStore(database.jdbi()),
              audit,
              new Passwords(),
              clock,
              config.server().sessions(),
              config.server().signIn());
      if (database.readiness().ready()) {
        firstAdmin(access, environment);
      }
      engine.start();
      notifications = notifications(config, database, engine, clock);
      notifications.ifPresent(Notifications::start);
      var http =
          HttpServer.start(
              config.server(),
              new HttpServer.Parts(
                  database,
                  metrics,
                  access,
                  sync,
                  audit,
                  new Connections(systems, systemKinds(config), engine, audit, clock)));
      var node =
          new SynclineNode(
              database,
              gcMetrics,
              systems,
              engine,
              notifications,
              sync,
              access,
              http,
              config.server().host());
      log.info(
          "Syncline is listening on {} with {} {}",
          node.url(),
          flows.size(),
          flows.size() == 1 ? "flow" : "flows");
      return node;
    } catch (RuntimeException e) {
      notifications.ifPresent(Notifications::close);
      if (engine != null) {
        engine.close();
      }
      systems.values().forEach(SystemAdapters::close);
      database.close();
      gcMetrics.close();
      throw e;
    }
  }

  /** Each configured instance's system, by instance name, for the Connections page. */
  private static Map<String, String> systemKinds(SynclineConfig config) {
    var kinds = new java.util.LinkedHashMap<String, String>();
    config
        .systems()
        .forEach((name, system) ->
            kinds.put(
                name,
                switch (system) {
                  case dev.syncline.app.config.SystemConfig.NetSuite n -> "netsuite";
                  case dev.syncline.app.config.SystemConfig.Joor j -> "joor";
                  case dev.syncline.app.config.SystemConfig.Zoey z -> "zoey";
                }));
    return kinds;
  }

  /** The node's notifications, when the configuration has a {@code notifications} section. */
  private static Optional<Notifications> notifications(
      SynclineConfig config, Database database, SyncEngine engine, InstantSource clock) {
    return config
        .notifications()
        .map(settings ->
            new Notifications(
                settings,
                new SmtpNotifier(settings, clock),
                new NotificationStore(database.jdbi()),
                engine.schedule(),
                engine.jobQueue(),
                engine.flows().stream().map(f -> f.settings()).toList(),
                engine.settings().node(),
                clock));
  }

  static final String ADMIN_USER = "SYNCLINE_ADMIN_USER";
  static final String ADMIN_PASSWORD = "SYNCLINE_ADMIN_PASSWORD";

  /** The first admin, from the environment, on a database that has no user yet. */
  private static void firstAdmin(Access access, Map<String, String> environment) {
    var name = Optional.ofNullable(environment.get(ADMIN_USER)).filter(s -> !s.isBlank());
    var password = Optional.ofNullable(environment.get(ADMIN_PASSWORD)).filter(s -> !s.isBlank());
    if (name.isPresent() != password.isPresent()) {
      throw new UserError(
          "Set both "
              + ADMIN_USER
              + " and "
              + ADMIN_PASSWORD
              + " to make the first admin, or neither (and use syncline user add).");
    }
    if (access.hasUsers() || name.isEmpty()) {
      return;
    }
    try {
      access.addUser(name.get(), Role.ADMIN, password.get(), "environment");
    } catch (AccessException e) {
      throw new UserError(ADMIN_USER + "/" + ADMIN_PASSWORD + ": " + e.getMessage() + ".");
    }
    log.info("Added the first admin, {}, from {}", name.get(), ADMIN_USER);
  }

  /**
   * Warns when no user can sign in. Not part of {@link #start}: the demo adds its admin right after
   * the node starts, and a warning a second before would be untrue.
   *
   * @param userAdd how the person runs {@code user add} from where they are
   */
  public void warnWhenNoOneCanSignIn(String userAdd) {
    if (database.readiness().ready() && !access.hasUsers()) {
      log.warn(
          "No user can sign in yet. Add the first admin with `{}`, or start with {} and {} set.",
          userAdd,
          ADMIN_USER,
          ADMIN_PASSWORD);
    }
  }

  /** A name unique among the nodes of one database: the host's name and this process's id. */
  static String defaultNodeName() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "node";
    }
    return host + "-" + ProcessHandle.current().pid();
  }

  public SyncEngine engine() {
    return engine;
  }

  public SyncService sync() {
    return sync;
  }

  public Access access() {
    return access;
  }

  public HttpServer http() {
    return http;
  }

  /** Where people reach this node; a wildcard bind address is shown as localhost. */
  public URI url() {
    var shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    if (shown.contains(":")) {
      shown = "[" + shown + "]";
    }
    return URI.create("http://" + shown + ":" + http.port());
  }

  public Database database() {
    return database;
  }

  @Override
  public void close() {
    log.info("Syncline is stopping");
    try {
      http.close();
      notifications.ifPresent(Notifications::close);
      engine.close();
      systems.values().forEach(SystemAdapters::close);
    } finally {
      gcMetrics.close();
      database.close();
    }
  }
}
