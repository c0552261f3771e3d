package dev.syncline.core.engine;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.RetryableSyncException;
import dev.syncline.core.SyncException;
import dev.syncline.core.flow.FlowSettings;
import dev.syncline.core.flow.Side;
import dev.syncline.core.port.DueScan;
import dev.syncline.core.port.FlowHealth;
import dev.syncline.core.port.FlowSchedule;
import dev.syncline.core.port.FlowState;
import dev.syncline.core.port.Job;
import dev.syncline.core.port.JobQueue;
import dev.syncline.core.port.JobResult;
import dev.syncline.core.port.Link;
import dev.syncline.core.port.Links;
import dev.syncline.core.port.RemoteState;
import dev.syncline.core.port.RunLog;
import dev.syncline.core.port.SyncStatus;
import dev.syncline.core.port.Watermark;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of one node: a scheduler that starts each flow's scan when it is due (one node at a
 * time per flow), and workers that claim due jobs in batches and sync them. Any number of nodes may
 * share one store; they share the work through it.
 *
 * <p>Besides running by itself ({@link #start()}), it can be driven by hand, which tests and the
 * CLI do: {@link #scan}, {@link #drain}, {@link #syncNow}.
 */
public final class SyncEngine implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);

  private final FlowSchedule schedule;
  private final JobQueue jobQueue;
  private final RunLog runLog;
  private final Links links;
  private final Map<String, Flow<?>> flows;
  private final InstantSource clock;
  private final EngineSettings settings;
  private final BatchSync batches;
  private final SelectiveSync selective;
  private final ReentrantLock idleLock = new ReentrantLock();
  private final Condition workAvailable = idleLock.newCondition();
  private final Map<String, FlowState> states = new ConcurrentHashMap<>();
  private final AtomicInteger rotation = new AtomicInteger();
  private volatile boolean running;
  private ExecutorService threads;

  public SyncEngine(
      FlowSchedule schedule,
      JobQueue jobQueue,
      RunLog runLog,
      Links links,
      List<Flow<?>> flows,
      InstantSource clock,
      EngineSettings settings) {
    this.schedule = schedule;
    this.jobQueue = jobQueue;
    this.runLog = runLog;
    this.links = links;
    var byName = new LinkedHashMap<String, Flow<?>>();
    flows.forEach(f -> byName.put(f.name(), f));
    this.flows = byName;
    this.clock = clock;
    this.settings = settings;
    this.batches =
        new BatchSync(
            jobQueue,
            links,
            clock,
            settings.retry(),
            RandomGenerator.getDefault(),
            settings.node(),
            this.flows.values(),
            settings.referenceDeadline());
    this.selective = new SelectiveSync(jobQueue, runLog, clock, settings, batches, this::runBatch);
    schedule.registerFlows(flows.stream().map(Flow::settings).toList(), clock.instant());
    refreshStates();
  }

  public List<Flow<?>> flows() {
    return List.copyOf(flows.values());
  }

  public Optional<Flow<?>> flow(String name) {
    return Optional.ofNullable(flows.get(name));
  }

  public FlowSchedule schedule() {
    return schedule;
  }

  public JobQueue jobQueue() {
    return jobQueue;
  }

  public RunLog runLog() {
    return runLog;
  }

  public Links links() {
    return links;
  }

  public EngineSettings settings() {
    return settings;
  }

  /** Starts the scheduler and the workers on virtual threads. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    threads = Executors.newVirtualThreadPerTaskExecutor();
    threads.submit(this::scheduleLoop);
    for (var i = 0; i < settings.workers(); i++) {
      threads.submit(this::workLoop);
    }
    log.info(
        "Sync engine {} started: {} flows, {} workers",
        settings.node(),
        flows.size(),
        settings.workers());
  }

  /** Stops taking work and waits (up to a minute) for the batches under way to be recorded. */
  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    wakeWorkers();
    threads.shutdown();
    try {
      if (!threads.awaitTermination(1, TimeUnit.MINUTES)) {
        threads.shutdownNow();
      }
    } catch (InterruptedException e) {
      threads.shutdownNow();
      Thread.currentThread().interrupt();
    }
    log.info("Sync engine {} stopped", settings.node());
  }

  // Driving by hand.

  /**
   * Scans the flow's sources now and queues what changed; returns the run. A {@link
   * DueScan#BACKFILL} trigger lists every record from the beginning and queues each again.
   */
  public long scan(String flowName, String trigger) {
    var flow = required(flowName);
    var runId = runLog.startRun(flowName, trigger, settings.node(), clock.instant());
    try {
      scanFlow(flow, runId, new DueScan(flowName, trigger).backfill());
    } catch (Unreachable u) {
      var e = u.error;
      log.warn("Scan of flow {} failed: {}", flowName, e.getMessage());
      runLog.finishRun(runId, clock.instant(), Optional.of(e.getMessage()));
      if (blocks(e)) {
        unhealthy(flow, u.problem, u.instance, e);
      }
      throw e;
    }
    wakeWorkers();
    return runId;
  }

  /**
   * Processes the flow's due jobs in this thread until none is due; returns how many were
   * processed. Jobs retried later (with backoff) are not waited for.
   */
  public int drain(String flowName) {
    return drainFlow(required(flowName));
  }

  private <T> int drainFlow(Flow<T> flow) {
    var processed = 0;
    for (var route : flow.routes()) {
      List<Job> jobs;
      while (!(jobs = claim(flow, route)).isEmpty()) {
        runBatch(flow, route, jobs);
        processed += jobs.size();
      }
    }
    return processed;
  }

  private <T> void scanFlow(Flow<T> flow, long runId, boolean backfill) {
    var s = flow.settings();
    for (var route : flow.routes()) {
      var source = s.instance(route.from());
      calling(
          FlowHealth.Problem.SOURCE_UNREADABLE,
          source,
          () -> scanRoute(flow, route, runId, backfill));
      calling(
          FlowHealth.Problem.TARGET_UNWRITABLE,
          s.instance(route.to()),
          () -> checkPending(flow, route));
    }
    if (backfill
        || schedule.deletionCheckDue(flow.name(), clock.instant(), settings.deletionCheck())) {
      for (var route : flow.routes()) {
        calling(
            FlowHealth.Problem.SOURCE_UNREADABLE,
            s.instance(route.from()),
            () -> checkDeletions(flow, route, runId));
      }
    }
  }

  /** A scan's failure, with the side of the flow whose system failed. */
  private static final class Unreachable extends RuntimeException {
    final FlowHealth.Problem problem;
    final String instance;
    final SyncException error;

    Unreachable(FlowHealth.Problem problem, String instance, SyncException error) {
      super(error.getMessage(), error, false, false);
      this.problem = problem;
      this.instance = instance;
      this.error = error;
    }
  }

  private static void calling(FlowHealth.Problem problem, String instance, Runnable call) {
    try {
      call.run();
    } catch (SyncException e) {
      throw new Unreachable(problem, instance, e);
    }
  }

  /**
   * Whether the error keeps every record of the flow from moving, not just one: the system refused
   * the setup, or did not answer even after the client's own retries.
   */
  private static boolean blocks(SyncException e) {
    return e instanceof PermanentSyncException.ConfigurationProblem
        || e instanceof RetryableSyncException.RemoteUnavailable;
  }

  /** Records that the flow cannot reach {@code instance}, with the reason and the fix. */
  private void unhealthy(
      Flow<?> flow, FlowHealth.Problem problem, String instance, SyncException e) {
    String reason;
    String fix;
    if (e instanceof PermanentSyncException.ConfigurationProblem c) {
      reason = c.reason();
      fix =
          c.fix()
              .orElse(
                  "Fix the setup of "
                      + instance
                      + " as the reason says; Syncline tests the connection again by itself, and"
                      + " Run now on the flow's page resumes it at once.");
    } else {
      reason = e.getMessage();
      fix =
          "Check that "
              + instance
              + " is up and that this node can reach it (network, proxy, DNS); Syncline tests the"
              + " connection again by itself and resumes when it answers.";
    }
    var health =
        schedule.flowUnhealthy(flow.name(), problem, instance, reason, fix, clock.instant());
    if (health.failures() == 1) {
      log.error("Flow {} is blocked, {}", flow.name(), health.summary());
    }
    refreshStates();
  }

  /**
   * How long an unhealthy flow waits before its next probe: its schedule at first, doubling with
   * each failure, up to {@link EngineSettings#maxProbeInterval()}.
   */
  private static Duration probeWait(Duration every, int failures, Duration longest) {
    var wait = every;
    for (var i = 1; i < failures && wait.compareTo(longest) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(longest) > 0 ? longest : wait;
  }

  /**
   * One cheap authenticated call to the system the flow cannot reach; true when it got through, and
   * the flow's health is cleared.
   */
  private <T> boolean probe(Flow<T> flow, FlowHealth health) {
    var s = flow.settings();
    try {
      var found = "";
      for (var route : flow.routes()) {
        if (health.problem() == FlowHealth.Problem.SOURCE_UNREADABLE
            && s.instance(route.from()).equals(health.instance())) {
          found = route.importer().probe();
          break;
        }
        if (health.problem() == FlowHealth.Problem.TARGET_UNWRITABLE
            && s.instance(route.to()).equals(health.instance())) {
          found = route.exporter().probe();
          break;
        }
      }
      if (schedule.flowHealthy(flow.name(), clock.instant())) {
        log.info(
            "Flow {} reaches {} again ({}); it resumes", flow.name(), health.instance(), found);
      }
      refreshStates();
      return true;
    } catch (SyncException e) {
      unhealthy(flow, health.problem(), health.instance(), e);
      return false;
    }
  }

  /**
   * Asks the source which of the flow's linked records still exist, and queues those that do not:
   * their jobs read them, find them gone, and unlink them. A deletion shows in no list of changes,
   * and the job's own read confirms it before anything is marked.
   */
  private <T> void checkDeletions(Flow<T> flow, Route<T> route, long runId) {
    var s = flow.settings();
    var gone = new ArrayList<String>();
    var after = "";
    while (true) {
      var ids =
          links.linkedIds(
              s.recordType(),
              s.instance(route.from()),
              s.instance(route.to()),
              after,
              settings.scanPageSize());
      if (ids.isEmpty()) {
        break;
      }
      var existing = route.importer().existing(ids);
      ids.stream().filter(id -> !existing.contains(id)).forEach(gone::add);
      if (ids.size() < settings.scanPageSize()) {
        break;
      }
      after = ids.getLast();
    }
    for (var id : gone) {
      jobQueue.enqueueNow(flow.name(), route.from(), id, runId, clock.instant());
    }
    if (!gone.isEmpty()) {
      log.info(
          "Flow {}: {} linked records no longer exist in {}; their jobs will unlink them",
          flow.name(),
          gone.size(),
          s.instance(route.from()));
    }
  }

  /**
   * One round of the scheduler, in this thread: claims the flows due for a scan and runs their
   * scans (or, for a blocked flow, its probe) as the running engine would; returns their names.
   */
  public List<String> runDueScans() {
    var ran = new ArrayList<String>();
    for (var due : schedule.claimDueScans(settings.node(), clock.instant(), settings.scanLease())) {
      if (flows.containsKey(due.flow())) {
        scheduledScan(due.flow(), due.trigger());
        ran.add(due.flow());
      }
    }
    return ran;
  }

  /**
   * Marks the run finished once none of its jobs is due or held; returns whether it is finished.
   */
  public boolean finishRunIfDone(long runId) {
    if (jobQueue.activeJobsOfRun(runId, clock.instant()) > 0) {
      return false;
    }
    runLog.finishRun(runId, clock.instant(), Optional.empty());
    return true;
  }

  /**
   * Syncs one record read from side {@code from} of the flow (side B only in a two-way flow) now,
   * in this thread, and says what happened; with {@code dryRun}, writes nothing and says what would
   * change, field by field, and in a two-way flow how each field is merged.
   */
  public SyncReport syncNow(String flowName, Side from, String sourceId, boolean dryRun) {
    return selective.syncNow(required(flowName), from, sourceId, dryRun);
  }

  /**
   * Reads one record of the flow's side A from its source now, in one call, and maps it as the flow
   * would for its target; writes nothing. A source that cannot be read, or a mapping that fails, is
   * said in {@link LiveRecord#problem}, not thrown: the person looking still wants the rest.
   */
  public LiveRecord live(String flowName, String sourceId) {
    return selective.live(required(flowName), sourceId);
  }

  // The scheduler and the workers.

  private void scheduleLoop() {
    var lastPrune = Instant.EPOCH;
    var lastRunSweep = Instant.EPOCH;
    while (running) {
      try {
        refreshStates();
        var now = clock.instant();
        // So that this node's batches, however long they take, are not shown as a dead node's.
        jobQueue.nodeAlive(settings.node(), now);
        for (var due : schedule.claimDueScans(settings.node(), now, settings.scanLease())) {
          var flowName = due.flow();
          if (flows.containsKey(flowName)) {
            threads.submit(() -> scheduledScan(flowName, due.trigger()));
          } else {
            // A flow in the database that this node's configuration does not know: leave it to a
            // node that does.
            schedule.scanFinished(flowName, settings.node(), now, now.plus(settings.tick()));
          }
        }
        if (Duration.between(lastRunSweep, now).compareTo(Duration.ofMinutes(1)) > 0) {
          // Runs of a node that died stay open; any node closes them once their work is done.
          runLog.finishIdleRuns(now.minus(settings.scanLease()), now);
          lastRunSweep = now;
        }
        if (Duration.between(lastPrune, now).compareTo(Duration.ofHours(1)) > 0) {
          var pruned = runLog.prune(now.minus(settings.retention()));
          if (pruned > 0) {
            log.info("Pruned {} rows of history older than {}", pruned, settings.retention());
          }
          lastPrune = now;
        }
      } catch (RuntimeException e) {
        log.error("The scheduler of node {} failed a round: {}", settings.node(), e.toString());
      }
      sleep(settings.tick());
    }
  }

  /**
   * One due scan of the schedule. A flow that cannot reach a system is probed first, with one cheap
   * call, and scanned only when the probe gets through; until then its scans wait longer and
   * longer, so that a refused credential is not tried every few seconds (NetSuite locks users out).
   */
  private void scheduledScan(String flowName, String trigger) {
    long runId = 0;
    try {
      var health = schedule.flowState(flowName).flatMap(FlowState::health);
      if (health.isEmpty() || probe(required(flowName), health.get())) {
        runId = scan(flowName, trigger);
      }
    } catch (RuntimeException e) {
      log.warn("Scheduled scan of flow {} failed: {}", flowName, e.toString());
    } finally {
      var state = schedule.flowState(flowName);
      var every = state.map(FlowState::every).orElse(FlowSettings.DEFAULT_EVERY);
      var now = clock.instant();
      var next =
          state
              .flatMap(FlowState::health)
              .map(h ->
                  h.lastFailureAt()
                      .plus(probeWait(every, h.failures(), settings.maxProbeInterval())))
              .filter(at -> at.isAfter(now))
              .orElse(now.plus(every));
      schedule.scanFinished(flowName, settings.node(), now, next);
    }
    if (runId > 0) {
      awaitRun(runId);
    }
  }

  /**
   * Marks the run finished when its jobs are done (or after an hour, when a stuck job keeps it
   * open).
   */
  private void awaitRun(long runId) {
    var deadline = clock.instant().plus(Duration.ofHours(1));
    while (running && clock.instant().isBefore(deadline)) {
      if (finishRunIfDone(runId)) {
        return;
      }
      sleep(Duration.ofSeconds(1));
    }
  }

  private void workLoop() {
    while (running) {
      var worked = false;
      try {
        worked = workOnce();
      } catch (RuntimeException e) {
        log.error("A worker of node {} failed a batch: {}", settings.node(), e.toString(), e);
      }
      if (!worked) {
        idle();
      }
    }
  }

  /** Claims and processes one batch from the next flow with due jobs; false when there was none. */
  boolean workOnce() {
    var list = new ArrayList<>(flows.values());
    if (list.isEmpty()) {
      return false;
    }
    var start = Math.floorMod(rotation.getAndIncrement(), list.size());
    for (var i = 0; i < list.size(); i++) {
      var flow = list.get((start + i) % list.size());
      if (!enabled(flow.name()) || blocked(flow.name())) {
        continue;
      }
      if (workOn(flow)) {
        return true;
      }
    }
    return false;
  }

  private <T> boolean workOn(Flow<T> flow) {
    for (var route : flow.routes()) {
      var jobs = claim(flow, route);
      if (!jobs.isEmpty()) {
        runBatch(flow, route, jobs);
        return true;
      }
    }
    return false;
  }

  private <T> List<Job> claim(Flow<T> flow, Route<T> route) {
    return jobQueue.claim(
        flow.name(),
        route.from(),
        settings.node(),
        flow.settings().batchSize(),
        clock.instant(),
        settings.jobLease());
  }

  private <T> List<JobResult> runBatch(Flow<T> flow, Route<T> route, List<Job> jobs) {
    var result = batches.process(flow, route, jobs);
    jobQueue.record(flow.name(), route.from(), settings.node(), result.results(), clock.instant());
    result
        .blocked()
        .ifPresent(b -> {
          var s = flow.settings();
          var instance =
              s.instance(
                  b.problem() == FlowHealth.Problem.SOURCE_UNREADABLE ? route.from() : route.to());
          unhealthy(flow, b.problem(), instance, b.error());
        });
    return result.results();
  }

  private <T> void scanRoute(Flow<T> flow, Route<T> route, long runId, boolean backfill) {
    var side = route.from();
    var cursor = jobQueue.cursor(flow.name(), side);
    // A backfill reads from the beginning; the cursor moves on only once it is passed.
    var from = backfill ? Watermark.BEGINNING : cursor.rewound(settings.scanOverlap());
    while (true) {
      var changes = route.importer().changesAfter(from, settings.scanPageSize());
      if (changes.isEmpty()) {
        return;
      }
      var pageLast = changes.getLast().watermark();
      var atEnd = changes.size() < settings.scanPageSize();
      // Moving on only past what is certainly behind: a page that ends at the cursor's own time may
      // leave
      // records of that time unread; the end of the scan is past everything.
      var advance = atEnd || pageLast.modifiedAt().isAfter(cursor.modifiedAt()) ? pageLast : cursor;
      jobQueue.enqueue(flow.name(), side, changes, advance, runId, clock.instant(), backfill);
      cursor = advance;
      wakeWorkers();
      if (atEnd) {
        return;
      }
      from = pageLast;
    }
  }

  /** Asks the target about links it holds back (JOOR's match) and records those it accepted. */
  private <T> void checkPending(Flow<T> flow, Route<T> route) {
    var s = flow.settings();
    if (route.from() != Side.A) {
      return;
    }
    // All of them: the target learns of matches since its last look once, for every link it holds.
    List<Link> pending = links.pendingLinks(s.recordType(), s.from(), s.to(), 100_000);
    if (pending.isEmpty()) {
      return;
    }
    var byTarget = new LinkedHashMap<String, Link>();
    pending.forEach(l -> byTarget.put(l.to().id(), l));
    var states = route.exporter().pendingStates(List.copyOf(byTarget.keySet()));
    var accepted = new ArrayList<Link>();
    states.forEach((targetId, state) -> {
      if (state == RemoteState.SYNCED && byTarget.containsKey(targetId)) {
        accepted.add(byTarget.get(targetId));
      }
    });
    if (accepted.isEmpty()) {
      return;
    }
    var now = clock.instant();
    links.linksAccepted(s.to(), accepted.stream().map(Link::id).toList(), now);
    log.info("Flow {}: {} records accepted by {}", flow.name(), accepted.size(), s.to());
    route
        .statusWriter()
        .ifPresent(writer -> {
          try {
            writer.write(
                route.statusFields().orElseThrow(),
                accepted.stream()
                    .map(l -> new SyncStatus(l.from().id(), SyncStatus.State.SYNCED, "", now))
                    .toList());
          } catch (RuntimeException e) {
            log.warn("Could not write {} statuses back: {}", accepted.size(), e.getMessage());
          }
        });
  }

  private boolean enabled(String flow) {
    var state = states.get(flow);
    return state != null && state.enabled();
  }

  /** Whether the flow cannot reach a system: its jobs wait for the probe instead of failing. */
  private boolean blocked(String flow) {
    var state = states.get(flow);
    return state != null && state.health().isPresent();
  }

  private void refreshStates() {
    for (var name : flows.keySet()) {
      schedule.flowState(name).ifPresent(s -> states.put(name, s));
    }
  }

  private void wakeWorkers() {
    idleLock.lock();
    try {
      workAvailable.signalAll();
    } finally {
      idleLock.unlock();
    }
  }

  private void idle() {
    idleLock.lock();
    try {
      workAvailable.await(settings.idlePoll().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    } finally {
      idleLock.unlock();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Flow<?> required(String flowName) {
    var flow = flows.get(flowName);
    if (flow == null) {
      throw new IllegalArgumentException(
          "There is no flow '"
              + flowName
              + "'; the flows are "
              + String.join(", ", flows.keySet()));
    }
    return flow;
  }
}
