package dev.syncline.bench;

import dev.syncline.app.testbed.CustomerFlowBed;
import dev.syncline.app.testbed.NodeProcess;
import dev.syncline.core.port.FlowSchedule;
import dev.syncline.core.port.JobQueue;
import dev.syncline.core.port.RunLog;
import dev.syncline.sandbox.joor.JoorSandboxSettings;
import dev.syncline.sandbox.netsuite.DemoData;
import dev.syncline.sandbox.netsuite.NetSuiteSettings;
import dev.syncline.store.Database;
import dev.syncline.store.DatabaseSettings;
import dev.syncline.store.PostgresFlowSchedule;
import dev.syncline.store.PostgresJobQueue;
import dev.syncline.store.PostgresRunLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;

/**
 * One run's world: a fresh embedded PostgreSQL in a folder of its own, the customer flow's NetSuite
 * and JOOR sandboxes with the run's latency and limits, and Syncline nodes in processes of their
 * own on that database, configured as a user would. Everything goes when it is closed.
 */
final class Testbed implements AutoCloseable {

  static final String FLOW = CustomerFlowBed.FLOW;

  private final Path dir;
  private final Database database;
  private String token;
  private final CustomerFlowBed bed;
  private final RemoteSetup remote;
  private final NodeSetup engine;
  private final List<NodeProcess> nodes = new ArrayList<>();

  private Testbed(
      Path dir, Database database, CustomerFlowBed bed, RemoteSetup remote, NodeSetup engine) {
    this.dir = dir;
    this.database = database;
    this.bed = bed;
    this.remote = remote;
    this.engine = engine;
  }

  /**
   * Starts the database and the sandboxes, with NetSuite's reference data and no latency yet (so
   * that a scenario's setup is quick); {@link #remoteLatency} turns the run's latency on.
   */
  static Testbed start(RemoteSetup remote, NodeSetup engine) {
    Path dir;
    try {
      dir = Files.createTempDirectory("syncline-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not make a folder for the run: " + e.getMessage(), e);
    }
    Database database = null;
    CustomerFlowBed bed = null;
    try {
      database =
          Database.open(DatabaseSettings.embedded(dir.resolve("postgres")), Optional.empty());
      database.migrate();
      bed =
          CustomerFlowBed.start(
              NetSuiteSettings.defaults().withConcurrencyLimit(remote.concurrencyLimit()),
              JoorSandboxSettings.defaults()
                  .withCredits(remote.joorBudget(), remote.joorWindow())
                  .withBulkJobDelay(remote.joorJobDelay()),
              InstantSource.system());
      DemoData.referenceData(bed.account());
      return new Testbed(dir, database, bed, remote, engine);
    } catch (RuntimeException e) {
      if (bed != null) {
        bed.close();
      }
      if (database != null) {
        database.close();
      }
      deleteQuietly(dir);
      throw e;
    }
  }

  CustomerFlowBed flowBed() {
    return bed;
  }

  Jdbi jdbi() {
    return database.jdbi();
  }

  FlowSchedule schedule() {
    return new PostgresFlowSchedule(database.jdbi());
  }

  JobQueue jobQueue() {
    return new PostgresJobQueue(database.jdbi());
  }

  RunLog runLog() {
    return new PostgresRunLog(database.jdbi());
  }

  /** NetSuite answers with the run's latency from now on. */
  void remoteLatency() {
    var latency = bed.netsuite().latency();
    latency.set("*", ".*/services/rest/record/v1/.*", remote.recordLatency());
    latency.set("POST", ".*/services/rest/query/v1/suiteql", remote.suiteQlLatency());
  }

  /** NetSuite answers at once from now on. */
  void noLatency() {
    bed.netsuite().latency().clear();
  }

  /** Forgets every request the sandboxes logged and NetSuite's governance counts. */
  void forgetRequests() {
    bed.netsuite().requestLog().clear();
    bed.joor().requestLog().clear();
    bed.account().resetGovernance();
  }

  /** The configuration every node of the run gets, but for its name. */
  String nodeYaml(String node) {
    var options =
        CustomerFlowBed.FlowOptions.defaults()
            .withNetSuiteConcurrency(remote.clientConcurrency())
            .withEvery(engine.every())
            .withBatchSize(engine.batch())
            .withJoorCredits(remote.joorBudget(), remote.joorWindow());
    if (!engine.statusWriteBack()) {
      options = options.withoutStatusWriteBack();
    }
    return "server:\n  port: 0\nengine:\n  node: "
        + node
        + "\n  workers: "
        + engine.workers()
        + "\n"
        + bed.yaml(options);
  }

  /** Starts {@code count} nodes at once and waits until each is running. */
  List<NodeProcess> startNodes(int count, List<String> jvmOptions) {
    var environment = new HashMap<>(bed.environment());
    // The embedded server's address carries its user and no password.
    environment.put("SYNCLINE_DATABASE_URL", database.displayUrl());
    var launcher = NodeProcess.Launcher.sameClasspath().withJvmOptions(jvmOptions);
    var started = new ArrayList<NodeProcess>();
    for (var i = 1; i <= count; i++) {
      var name = "bench-" + (nodes.size() + 1);
      var node = NodeProcess.start(launcher, dir, name, nodeYaml(name), environment);
      nodes.add(node);
      started.add(node);
    }
    started.forEach(n -> n.awaitRunning(Duration.ofMinutes(2)));
    return started;
  }

  /**
   * A viewer's API token of the nodes' database, made once: what {@code /metrics} asks of a caller.
   * The nodes must have migrated the database first.
   */
  synchronized String apiToken() {
    if (token == null) {
      var secret = dev.syncline.app.access.Tokens.random("sl_");
      new dev.syncline.store.AccessStore(database.jdbi())
          .addToken(
              "bench-" + System.nanoTime(),
              dev.syncline.app.access.Role.VIEWER.key(),
              dev.syncline.app.access.Tokens.sha256(secret),
              "bench",
              Instant.now());
      token = secret;
    }
    return token;
  }

  List<NodeProcess> nodes() {
    return List.copyOf(nodes);
  }

  /** CPU used so far by the nodes, this process and PostgreSQL. */
  CpuTimes cpu() {
    return CpuTimes.now(nodes, CpuTimes.postmaster(dir.resolve("postgres")));
  }

  // What the store says.

  int links() {
    return count("SELECT count(*) FROM link");
  }

  int activeJobs() {
    return count("SELECT count(*) FROM sync_job WHERE state IN ('ready', 'running')");
  }

  int failedJobs() {
    return count("SELECT count(*) FROM sync_job WHERE state = 'failed'");
  }

  private int count(String sql) {
    return jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
  }

  /** When each record was last written to JOOR, by NetSuite id. */
  Map<String, List<Instant>> writesSince(Instant since) {
    var writes = new HashMap<String, List<Instant>>();
    jdbi()
        .useHandle(h ->
            h.createQuery(
                    "SELECT source_id, at FROM sync_event WHERE kind = 'written' AND at >= :since"
                        + " ORDER BY at")
                .bind("since", Timestamp.from(since))
                .map((rs, ctx) ->
                    Map.entry(rs.getString("source_id"), rs.getTimestamp("at").toInstant()))
                .forEach(e ->
                    writes.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue())));
    return writes;
  }

  /** When the last write to JOOR was recorded. */
  Optional<Instant> lastWrite() {
    return jdbi()
        .withHandle(h ->
            h.createQuery("SELECT max(at) FROM sync_event WHERE kind = 'written'")
                .mapTo(Timestamp.class)
                .findOne())
        .map(Timestamp::toInstant);
  }

  /** When the first remote call since the logs were last cleared began. */
  Optional<Instant> firstCall() {
    var calls = RemoteCalls.of(this);
    return java.util.stream.Stream.concat(calls.netsuite().stream(), calls.joor().stream())
        .map(dev.syncline.sandbox.common.LoggedRequest::started)
        .min(Comparator.naturalOrder());
  }

  // Waiting.

  /** Long enough for a load of {@code size} customers on a slow machine, short of forever. */
  static Duration loadTimeout(int size) {
    return Duration.ofMinutes(10).plus(Duration.ofMillis(250).multipliedBy(size));
  }

  /** Waits until {@code n} records are linked and no job is due or held. */
  void awaitLinked(int n, Duration timeout) {
    await("all " + n + " customers linked", timeout, () -> links() >= n && activeJobs() == 0);
  }

  /**
   * Waits until Syncline has read back its own status writes: a scan that began after the last of
   * them has finished, with nothing left to do. Status write-back changes the NetSuite record, so
   * each write comes back as a change once; only then is the flow quiet. Asks for that scan rather
   * than wait for the schedule.
   */
  void awaitSettled(Duration timeout) {
    var askedAfter = new java.util.concurrent.atomic.AtomicReference<Instant>(Instant.EPOCH);
    await(
        "the echoes of the status write-back read",
        timeout,
        () -> {
          if (activeJobs() > 0) {
            return false;
          }
          var lastUpdate =
              bed
                  .netsuite()
                  .requestLog()
                  .matching(r -> "record.update".equals(r.details().get("operation")))
                  .stream()
                  .map(dev.syncline.sandbox.common.LoggedRequest::finished)
                  .max(Comparator.naturalOrder());
          if (lastUpdate.isEmpty()) {
            return true;
          }
          var scannedSince =
              jdbi()
                  .withHandle(h ->
                      h.createQuery(
                              "SELECT count(*) FROM sync_run WHERE started_at > :at AND finished_at"
                                  + " IS NOT NULL")
                          .bind("at", Timestamp.from(lastUpdate.get()))
                          .mapTo(Integer.class)
                          .one());
          if (scannedSince > 0) {
            return activeJobs() == 0;
          }
          if (askedAfter.get().isBefore(lastUpdate.get())) {
            schedule().requestScan(FLOW, Instant.now());
            askedAfter.set(lastUpdate.get());
          }
          return false;
        });
  }

  /** Polls the condition a few times a second; on time-out, fails with what the nodes logged. */
  void await(String what, Duration timeout, BooleanSupplier condition) {
    var deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      for (var node : nodes) {
        if (!node.isAlive()) {
          throw new IllegalStateException(
              "Node "
                  + node.name()
                  + " stopped while waiting for "
                  + what
                  + ":\n"
                  + node.logTail(40));
        }
      }
      if (System.nanoTime() > deadline) {
        var logs = new StringBuilder();
        nodes.forEach(
            n -> logs.append("\n--- ").append(n.name()).append('\n').append(n.logTail(30)));
        throw new IllegalStateException(
            "Gave up waiting for "
                + what
                + " after "
                + timeout
                + " ("
                + links()
                + " links, "
                + activeJobs()
                + " active jobs, "
                + failedJobs()
                + " failed)"
                + logs);
      }
      Pause.briefly();
    }
  }

  @Override
  public void close() {
    try {
      nodes.forEach(NodeProcess::close);
      bed.close();
    } finally {
      database.close();
      deleteQuietly(dir);
    }
  }

  static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      System.err.println("bench: could not delete " + dir + ": " + e.getMessage());
    }
  }
}
