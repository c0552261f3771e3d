package dev.syncline.app.metrics;

import dev.syncline.core.flow.FlowSettings;
import dev.syncline.core.flow.Side;
import dev.syncline.core.port.Activity;
import dev.syncline.core.port.Backlog;
import dev.syncline.core.port.CauseCount;
import dev.syncline.core.port.Change;
import dev.syncline.core.port.DueScan;
import dev.syncline.core.port.FailedFilter;
import dev.syncline.core.port.FailedRecord;
import dev.syncline.core.port.FlowHealth;
import dev.syncline.core.port.FlowState;
import dev.syncline.core.port.Job;
import dev.syncline.core.port.JobResult;
import dev.syncline.core.port.JobStatus;
import dev.syncline.core.port.Run;
import dev.syncline.core.port.SyncEvent;
import dev.syncline.core.port.SyncStore;
import dev.syncline.core.port.Watermark;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The store as a node's engine sees it: every call goes to the store unchanged, and the outcomes
 * the node records are counted too, per flow and outcome ({@value #RECORDS}). Every outcome of this
 * node passes through {@link #record}, whether a scheduled run, a selective sync or a RESYNC made
 * it, so this is the one place they are counted.
 */
public final class MeteredSyncStore implements SyncStore {

  static final String RECORDS = "syncline.flow.records";

  /** The kinds of {@link dev.syncline.core.port.Outcome}, shown at zero before the first one. */
  static final List<String> OUTCOMES =
      List.of("written", "unchanged", "filtered", "unlinked", "failed", "retrying", "conflict");

  private final SyncStore store;
  private final MeterRegistry meters;

  /** Counts the outcomes of these flows, each outcome shown from the start (at zero). */
  public MeteredSyncStore(SyncStore store, MeterRegistry meters, List<String> flows) {
    this.store = store;
    this.meters = meters;
    for (var flow : flows) {
      OUTCOMES.forEach(outcome -> counter(flow, outcome));
    }
  }

  private Counter counter(String flow, String outcome) {
    return Counter.builder(RECORDS)
        .description("Records processed by this node, by flow and outcome")
        .tag("flow", flow)
        .tag("outcome", outcome)
        .register(meters);
  }

  @Override
  public void record(String flow, Side side, String node, List<JobResult> results, Instant now) {
    store.record(flow, side, node, results, now);
    // Counted once the store took the batch (one that failed to record is processed again, and
    // counted then). A result whose lease ran out meanwhile is left alone by the store, yet this
    // node
    // did process it: it counts.
    for (var result : results) {
      counter(flow, result.outcome().kind()).increment();
    }
  }

  // The rest goes to the store as it is.

  @Override
  public void registerFlows(List<FlowSettings> flows, Instant now) {
    store.registerFlows(flows, now);
  }

  @Override
  public Optional<FlowState> flowState(String flow) {
    return store.flowState(flow);
  }

  @Override
  public List<DueScan> claimDueScans(String node, Instant now, Duration lease) {
    return store.claimDueScans(node, now, lease);
  }

  @Override
  public void scanFinished(String flow, String node, Instant now, Instant nextScanAt) {
    store.scanFinished(flow, node, now, nextScanAt);
  }

  @Override
  public void setEnabled(String flow, boolean enabled, Instant now) {
    store.setEnabled(flow, enabled, now);
  }

  @Override
  public FlowHealth flowUnhealthy(
      String flow,
      FlowHealth.Problem problem,
      String instance,
      String reason,
      String fix,
      Instant now) {
    return store.flowUnhealthy(flow, problem, instance, reason, fix, now);
  }

  @Override
  public boolean flowHealthy(String flow, Instant now) {
    return store.flowHealthy(flow, now);
  }

  @Override
  public void setSchedule(String flow, Duration every, Instant now) {
    store.setSchedule(flow, every, now);
  }

  @Override
  public void requestScan(String flow, Instant now) {
    store.requestScan(flow, now);
  }

  @Override
  public void requestBackfill(String flow, Instant now) {
    store.requestBackfill(flow, now);
  }

  @Override
  public boolean deletionCheckDue(String flow, Instant now, Duration every) {
    return store.deletionCheckDue(flow, now, every);
  }

  @Override
  public long startRun(String flow, String trigger, String node, Instant now) {
    return store.startRun(flow, trigger, node, now);
  }

  @Override
  public void finishRun(long runId, Instant now, Optional<String> error) {
    store.finishRun(runId, now, error);
  }

  @Override
  public Optional<Run> run(long runId) {
    return store.run(runId);
  }

  @Override
  public List<Run> runs(String flow, int limit) {
    return store.runs(flow, limit);
  }

  @Override
  public List<Run> runsBefore(String flow, long beforeRunId, int limit) {
    return store.runsBefore(flow, beforeRunId, limit);
  }

  @Override
  public List<Run> runsAfter(String flow, long afterRunId, int limit) {
    return store.runsAfter(flow, afterRunId, limit);
  }

  @Override
  public List<dev.syncline.core.port.RunError> runErrors(String flow, int limit) {
    return store.runErrors(flow, limit);
  }

  @Override
  public List<dev.syncline.core.port.RecordMatch> findRecords(String text, int limit) {
    return store.findRecords(text, limit);
  }

  @Override
  public List<Run> openRuns(String flow) {
    return store.openRuns(flow);
  }

  @Override
  public int finishIdleRuns(Instant startedBefore, Instant now) {
    return store.finishIdleRuns(startedBefore, now);
  }

  @Override
  public Watermark cursor(String flow, Side side) {
    return store.cursor(flow, side);
  }

  @Override
  public int enqueue(
      String flow,
      Side side,
      List<Change> changes,
      Watermark advanceTo,
      long runId,
      Instant now,
      boolean again) {
    return store.enqueue(flow, side, changes, advanceTo, runId, now, again);
  }

  @Override
  public long enqueueNow(String flow, Side side, String sourceId, long runId, Instant now) {
    return store.enqueueNow(flow, side, sourceId, runId, now);
  }

  @Override
  public List<Job> claim(
      String flow, Side side, String node, int max, Instant now, Duration lease) {
    return store.claim(flow, side, node, max, now, lease);
  }

  @Override
  public void writeIntents(List<Long> jobIds, String node, Instant now) {
    store.writeIntents(jobIds, node, now);
  }

  @Override
  public void stepDone(long jobId, String step, String madeId, Instant now) {
    store.stepDone(jobId, step, madeId, now);
  }

  @Override
  public Optional<Job> claimOne(
      String flow, Side side, String sourceId, String node, Instant now, Duration lease) {
    return store.claimOne(flow, side, sourceId, node, now, lease);
  }

  @Override
  public void nodeAlive(String node, Instant now) {
    store.nodeAlive(node, now);
  }

  @Override
  public List<dev.syncline.core.port.Wait> waits(String flow, Instant now) {
    return store.waits(flow, now);
  }

  @Override
  public int activeJobs(String flow, Instant now) {
    return store.activeJobs(flow, now);
  }

  @Override
  public int activeJobsOfRun(long runId, Instant now) {
    return store.activeJobsOfRun(runId, now);
  }

  @Override
  public Backlog backlog(String flow) {
    return store.backlog(flow);
  }

  @Override
  public void conflictLost(String flow, Side side, String sourceId, String message, Instant now) {
    store.conflictLost(flow, side, sourceId, message, now);
  }

  @Override
  public List<FailedRecord> failed(FailedFilter filter) {
    return store.failed(filter);
  }

  @Override
  public int resync(List<Long> jobIds, Instant now) {
    return store.resync(jobIds, now);
  }

  @Override
  public int resync(FailedFilter filter, Instant now) {
    return store.resync(filter, now);
  }

  @Override
  public List<CauseCount> failedCauses(FailedFilter filter) {
    return store.failedCauses(filter);
  }

  @Override
  public int dismiss(List<Long> jobIds, String reason, Instant now) {
    return store.dismiss(jobIds, reason, now);
  }

  @Override
  public Optional<Run> lastFinishedRun(String flow) {
    return store.lastFinishedRun(flow);
  }

  @Override
  public List<Activity> activity(Optional<String> flow, Instant since) {
    return store.activity(flow, since);
  }

  @Override
  public Optional<JobStatus> job(String flow, Side side, String sourceId, Instant now) {
    return store.job(flow, side, sourceId, now);
  }

  @Override
  public List<SyncEvent> events(String flow, Side side, String sourceId, int limit) {
    return store.events(flow, side, sourceId, limit);
  }

  @Override
  public int prune(Instant before) {
    return store.prune(before);
  }
}
