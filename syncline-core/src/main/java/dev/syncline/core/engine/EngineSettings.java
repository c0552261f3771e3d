package dev.syncline.core.engine;

import java.time.Duration;

/**
 * How one node's engine runs.
 *
 * @param node this process's name among the nodes sharing the database
 * @param workers how many batches this node processes at once
 * @param idlePoll how long an idle worker waits before looking for jobs again (a scan on this node
 *     wakes it)
 * @param tick how often the scheduler looks for flows due for a scan
 * @param scanLease how long a node may hold a flow's scan before another may take it over
 * @param jobLease how long a worker may hold a batch before another may take it over
 * @param scanOverlap how far back each scan re-reads, so that late-committed changes are not missed
 * @param scanPageSize how many changes a scan reads per call
 * @param retention how long runs, history and finished jobs are kept
 * @param deletionCheck how often each flow asks its sources which of its linked records still exist
 *     (a deletion appears in no list of changes)
 * @param maxProbeInterval the longest wait between two probes of a flow that cannot reach its
 *     source or target: the waits start at the flow's schedule and double up to this
 * @param referenceDeadline how long a record may wait for the records it refers to (an order's
 *     customer) to be linked before it goes to the failed record queue
 */
public record EngineSettings(
    String node,
    int workers,
    Duration idlePoll,
    Duration tick,
    Duration scanLease,
    Duration jobLease,
    Duration scanOverlap,
    int scanPageSize,
    RetryPolicy retry,
    Duration retention,
    Duration deletionCheck,
    Duration maxProbeInterval,
    Duration referenceDeadline) {

  public static EngineSettings defaults(String node) {
    return new EngineSettings(
        node,
        4,
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMinutes(10),
        Duration.ofMinutes(5),
        Duration.ofMinutes(2),
        1000,
        RetryPolicy.DEFAULT,
        Duration.ofDays(30),
        Duration.ofHours(1),
        Duration.ofMinutes(15),
        Duration.ofHours(1));
  }

  public EngineSettings withRetry(RetryPolicy newRetry) {
    return new EngineSettings(
        node,
        workers,
        idlePoll,
        tick,
        scanLease,
        jobLease,
        scanOverlap,
        scanPageSize,
        newRetry,
        retention,
        deletionCheck,
        maxProbeInterval,
        referenceDeadline);
  }

  public EngineSettings withRetention(Duration newRetention) {
    return new EngineSettings(
        node,
        workers,
        idlePoll,
        tick,
        scanLease,
        jobLease,
        scanOverlap,
        scanPageSize,
        retry,
        newRetention,
        deletionCheck,
        maxProbeInterval,
        referenceDeadline);
  }

  public EngineSettings withWorkers(int newWorkers) {
    return new EngineSettings(
        node,
        newWorkers,
        idlePoll,
        tick,
        scanLease,
        jobLease,
        scanOverlap,
        scanPageSize,
        retry,
        retention,
        deletionCheck,
        maxProbeInterval,
        referenceDeadline);
  }

  /** How often the scheduler looks for due flows, and how long an idle worker waits. */
  public EngineSettings withTick(Duration newTick) {
    return new EngineSettings(
        node,
        workers,
        newTick.compareTo(idlePoll) < 0 ? newTick : idlePoll,
        newTick,
        scanLease,
        jobLease,
        scanOverlap,
        scanPageSize,
        retry,
        retention,
        deletionCheck,
        maxProbeInterval,
        referenceDeadline);
  }

  /** How long a node may hold a batch, or a flow's scan, before another node takes over from it. */
  public EngineSettings withLease(Duration lease) {
    return new EngineSettings(
        node,
        workers,
        idlePoll,
        tick,
        lease.multipliedBy(2),
        lease,
        scanOverlap,
        scanPageSize,
        retry,
        retention,
        deletionCheck,
        maxProbeInterval,
        referenceDeadline);
  }

  public EngineSettings withScanPageSize(int newPageSize) {
    return new EngineSettings(
        node,
        workers,
        idlePoll,
        tick,
        scanLease,
        jobLease,
        scanOverlap,
        newPageSize,
        retry,
        retention,
        deletionCheck,
        maxProbeInterval,
        referenceDeadline);
  }

  public EngineSettings withDeletionCheck(Duration every) {
    return new EngineSettings(
        node,
        workers,
        idlePoll,
        tick,
        scanLease,
        jobLease,
        scanOverlap,
        scanPageSize,
        retry,
        retention,
        every,
        maxProbeInterval,
        referenceDeadline);
  }

  public EngineSettings withMaxProbeInterval(Duration longest) {
    return new EngineSettings(
        node,
        workers,
        idlePoll,
        tick,
        scanLease,
        jobLease,
        scanOverlap,
        scanPageSize,
        retry,
        retention,
        deletionCheck,
        longest,
        referenceDeadline);
  }

  public EngineSettings withReferenceDeadline(Duration deadline) {
    return new EngineSettings(
        node,
        workers,
        idlePoll,
        tick,
        scanLease,
        jobLease,
        scanOverlap,
        scanPageSize,
        retry,
        retention,
        deletionCheck,
        maxProbeInterval,
        deadline);
  }
}
