package dev.syncline.app.metrics;

import dev.syncline.core.flow.Side;
import dev.syncline.core.port.Backlog;
import dev.syncline.core.port.Change;
import dev.syncline.core.port.Job;
import dev.syncline.core.port.JobQueue;
import dev.syncline.core.port.JobResult;
import dev.syncline.core.port.JobStatus;
import dev.syncline.core.port.Outcome;
import dev.syncline.core.port.Wait;
import dev.syncline.core.port.Watermark;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The job queue as a node's engine sees it: every call goes to the queue unchanged, and the
 * outcomes the node records are counted too, per flow and outcome ({@value #RECORDS}). Every
 * outcome of this node passes through {@link #record}, whether a scheduled run, a selective sync or
 * a RESYNC made it, so this is the one place they are counted.
 */
public final class MeteredJobQueue implements JobQueue {

  static final String RECORDS = "syncline.flow.records";

  /**
   * The kinds of {@link Outcome}, shown at zero before the first one, and {@code conflict}: a value
   * a two-way merge dropped, counted beside the write that dropped it.
   */
  static final List<String> OUTCOMES =
      List.of("written", "unchanged", "filtered", "unlinked", "failed", "retrying", "conflict");

  private final JobQueue jobs;
  private final MeterRegistry meters;

  /** Counts the outcomes of these flows, each outcome shown from the start (at zero). */
  public MeteredJobQueue(JobQueue jobs, MeterRegistry meters, List<String> flows) {
    this.jobs = jobs;
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
    jobs.record(flow, side, node, results, now);
    // Counted once the queue took the batch (one that failed to record is processed again, and
    // counted then). A result whose lease ran out meanwhile is left alone by the queue, yet this
    // node
    // did process it: it counts.
    for (var result : results) {
      counter(flow, result.outcome().kind()).increment();
      // A write whose merge dropped values counts once more per value, as a conflict.
      if (result.outcome() instanceof Outcome.Written w && !w.conflicts().isEmpty()) {
        counter(flow, "conflict").increment(w.conflicts().size());
      }
    }
  }

  // The rest goes to the queue as it is.

  @Override
  public Watermark cursor(String flow, Side side) {
    return jobs.cursor(flow, side);
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
    return jobs.enqueue(flow, side, changes, advanceTo, runId, now, again);
  }

  @Override
  public long enqueueNow(String flow, Side side, String sourceId, long runId, Instant now) {
    return jobs.enqueueNow(flow, side, sourceId, runId, now);
  }

  @Override
  public List<Job> claim(
      String flow, Side side, String node, int max, Instant now, Duration lease) {
    return jobs.claim(flow, side, node, max, now, lease);
  }

  @Override
  public Optional<Job> claimOne(
      String flow,
      Side side,
      String sourceId,
      long runId,
      String node,
      Instant now,
      Duration lease) {
    return jobs.claimOne(flow, side, sourceId, runId, node, now, lease);
  }

  @Override
  public void nodeAlive(String node, Instant now) {
    jobs.nodeAlive(node, now);
  }

  @Override
  public List<Wait> waits(String flow, Instant now) {
    return jobs.waits(flow, now);
  }

  @Override
  public int activeJobs(String flow, Instant now) {
    return jobs.activeJobs(flow, now);
  }

  @Override
  public int activeJobsOfRun(long runId, Instant now) {
    return jobs.activeJobsOfRun(runId, now);
  }

  @Override
  public Backlog backlog(String flow) {
    return jobs.backlog(flow);
  }

  @Override
  public void writeIntents(List<Long> jobIds, String node, Instant now) {
    jobs.writeIntents(jobIds, node, now);
  }

  @Override
  public void stepDone(long jobId, String step, String madeId, Instant now) {
    jobs.stepDone(jobId, step, madeId, now);
  }

  @Override
  public java.util.Set<String> leftOut(
      String flow, Side side, java.util.Collection<String> sourceIds) {
    return jobs.leftOut(flow, side, sourceIds);
  }

  @Override
  public Optional<JobStatus> job(String flow, Side side, String sourceId, Instant now) {
    return jobs.job(flow, side, sourceId, now);
  }
}
