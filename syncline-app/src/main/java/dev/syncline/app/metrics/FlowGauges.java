package dev.syncline.app.metrics;

import dev.syncline.core.port.Backlog;
import dev.syncline.core.port.CauseCount;
import dev.syncline.core.port.Conflicts;
import dev.syncline.core.port.FailedFilter;
import dev.syncline.core.port.FailedQueue;
import dev.syncline.core.port.FlowHealth;
import dev.syncline.core.port.FlowSchedule;
import dev.syncline.core.port.FlowState;
import dev.syncline.core.port.JobQueue;
import dev.syncline.core.port.Run;
import dev.syncline.core.port.RunLog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each flow's state as gauges, read from the database that every node shares, so every node reports
 * the same values: the backlog and its freshness, the failed record queue, the open conflicts, the
 * switch, the time since the last finished run, and whether the flow can reach its systems.
 *
 * <p>A flow's values are read together, at most once per {@code maxAge}: one set of queries per
 * flow however many gauges, scrapes and Prometheus servers ask within it. Ages (freshness, time
 * since the last run) are measured against the clock when read, so they keep growing between reads.
 * When the database does not answer, the flow's gauges show NaN until it does, and the rest of the
 * scrape answers as usual.
 */
public final class FlowGauges implements MeterBinder {

  private static final Logger log = LoggerFactory.getLogger(FlowGauges.class);

  /** Long enough to serve every gauge of one scrape, short against a 15 s scrape interval. */
  public static final Duration MAX_AGE = Duration.ofSeconds(5);

  /** A flow's values as read at one time. */
  record Reading(
      Backlog backlog,
      int failedRecords,
      int openConflicts,
      boolean enabled,
      Optional<Run> lastRun,
      Optional<FlowHealth> health) {

    Optional<Instant> lastRunFinishedAt() {
      return lastRun.flatMap(Run::finishedAt);
    }
  }

  private final FlowSchedule schedule;
  private final JobQueue jobQueue;
  private final RunLog runLog;
  private final FailedQueue failedQueue;
  private final Conflicts conflicts;
  private final List<String> flows;
  private final InstantSource clock;
  private final Duration maxAge;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public FlowGauges(
      FlowSchedule schedule,
      JobQueue jobQueue,
      RunLog runLog,
      FailedQueue failedQueue,
      Conflicts conflicts,
      List<String> flows,
      InstantSource clock,
      Duration maxAge) {
    this.schedule = schedule;
    this.jobQueue = jobQueue;
    this.runLog = runLog;
    this.failedQueue = failedQueue;
    this.conflicts = conflicts;
    this.flows = List.copyOf(flows);
    this.clock = clock;
    this.maxAge = maxAge;
  }

  @Override
  public void bindTo(MeterRegistry meters) {
    for (var flow : flows) {
      gauge(
          meters,
          flow,
          "syncline.flow.backlog",
          "records",
          "Changes found and not yet in the target: records waiting for a worker or being synced",
          r -> r.backlog().records());
      gauge(
          meters,
          flow,
          "syncline.flow.freshness",
          "seconds",
          "Age of the oldest change not yet in the target; 0 when none waits",
          r -> seconds(r.backlog().freshness(clock.instant())));
      gauge(
          meters,
          flow,
          "syncline.flow.failed.queue",
          "records",
          "Records in the failed record queue, waiting for a person",
          r -> r.failedRecords());
      gauge(
          meters,
          flow,
          "syncline.flow.conflicts.open",
          null,
          "Values a two-way merge dropped (a field changed on both sides) that no one has"
              + " acknowledged yet; the conflict list shows them",
          r -> r.openConflicts());
      gauge(
          meters,
          flow,
          "syncline.flow.enabled",
          null,
          "1 while the flow is switched on, 0 while it is off",
          r -> r.enabled() ? 1 : 0);
      gauge(
          meters,
          flow,
          "syncline.flow.last.run.age",
          "seconds",
          "Seconds since the flow's last finished run finished; NaN before its first",
          r ->
              r.lastRunFinishedAt()
                  .map(t -> seconds(Duration.between(t, clock.instant())))
                  .map(s -> Math.max(0, s))
                  .orElse(Double.NaN));
      // A scan that fails still finishes its run, and finds nothing: the backlog and freshness of a
      // flow that cannot read its source look healthy. This shows it.
      gauge(
          meters,
          flow,
          "syncline.flow.last.run.failed",
          null,
          "1 when the flow's last finished run failed (its scan could not read the source), else 0;"
              + " NaN before its first",
          r -> r.lastRun().map(run -> run.error().isPresent() ? 1.0 : 0.0).orElse(Double.NaN));
      gauge(
          meters,
          flow,
          "syncline.flow.healthy",
          null,
          "1 while the flow can read its source and write its target; 0 while it is blocked"
              + " (credentials refused, system not reachable) and waits for a probe to get through",
          r -> r.health().isPresent() ? 0 : 1);
    }
  }

  private void gauge(
      MeterRegistry meters,
      String flow,
      String name,
      String unit,
      String help,
      ToDoubleFunction<Reading> value) {
    Gauge.builder(name, () -> reading(flow).map(value::applyAsDouble).orElse(Double.NaN))
        .description(help)
        .baseUnit(unit)
        .tag("flow", flow)
        .register(meters);
  }

  /**
   * The flow's values, read again when older than {@code maxAge}; empty while the database fails.
   */
  Optional<Reading> reading(String flow) {
    return cache.computeIfAbsent(flow, f -> new Cached()).get(flow);
  }

  private Reading read(String flow) {
    var backlog = jobQueue.backlog(flow);
    var failed =
        failedQueue.failedCauses(FailedFilter.ofFlow(flow)).stream()
            .mapToInt(CauseCount::count)
            .sum();
    var state = schedule.flowState(flow);
    return new Reading(
        backlog,
        failed,
        conflicts.openByFlow().getOrDefault(flow, 0),
        state.map(FlowState::enabled).orElse(false),
        runLog.lastFinishedRun(flow),
        state.flatMap(FlowState::health));
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  /** One flow's last reading; the lock makes gauges and scrapes that ask at once share one read. */
  private final class Cached {
    private Instant readAt = Instant.MIN;
    private Optional<Reading> reading = Optional.empty();
    private boolean failing;

    synchronized Optional<Reading> get(String flow) {
      var now = clock.instant();
      // A clock set back counts as stale too, or the reading would be kept until it caught up.
      if (now.isBefore(readAt) || !now.isBefore(readAt.plus(maxAge))) {
        readAt = now;
        try {
          reading = Optional.of(read(flow));
          if (failing) {
            log.info("The metrics of flow {} are read from the database again", flow);
          }
          failing = false;
        } catch (RuntimeException e) {
          reading = Optional.empty();
          if (!failing) {
            log.warn(
                "The metrics of flow {} could not be read from the database, so they show NaN"
                    + " until it answers: {}",
                flow,
                e.getMessage());
          }
          failing = true;
        }
      }
      return reading;
    }
  }
}
