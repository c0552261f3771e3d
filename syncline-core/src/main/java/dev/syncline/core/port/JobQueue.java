package dev.syncline.core.port;

import dev.syncline.core.flow.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable jobs, one per record to sync for a flow, and the cursors their scans move: queueing,
 * claiming in leased batches, why they wait, write intents and steps, and the outcomes of a batch
 * (each job's new state, its link, its history, the counts of its run). Implemented on PostgreSQL
 * by the store module.
 *
 * <p>Each method is one transaction. Times come from the caller's clock, never the database's, so
 * that tests drive time. Methods are safe to call from many threads and many nodes at once.
 */
public interface JobQueue {

  /** How far the flow has read side's changes. */
  Watermark cursor(String flow, Side side);

  /**
   * Queues a job per change (one per record: a record already queued is not queued twice, one
   * already synced at that version is not queued again, a failed one is reopened by a newer
   * version) and moves the cursor to {@code advanceTo}, all in one transaction. With {@code again}
   * (a backfill), records already synced at their version are queued too. Returns how many jobs
   * were made ready.
   */
  int enqueue(
      String flow,
      Side side,
      List<Change> changes,
      Watermark advanceTo,
      long runId,
      Instant now,
      boolean again);

  /** Queues one record now, whatever its state (selective sync, RESYNC); returns its job id. */
  long enqueueNow(String flow, Side side, String sourceId, long runId, Instant now);

  /**
   * Claims up to {@code max} jobs of the flow that are due, leased to {@code node} until {@code now
   * + lease}. A job whose earlier lease ran out with its write intent set is claimed {@link
   * Job#maybeWritten() maybe written}.
   */
  List<Job> claim(String flow, Side side, String node, int max, Instant now, Duration lease);

  /**
   * Queues and claims one record's job, in one transaction, for a person who asked to sync it now
   * (selective sync), whatever its state: no worker can take it between the two and leave the
   * person a report of nothing to do. Empty while another worker holds it.
   */
  Optional<Job> claimOne(
      String flow,
      Side side,
      String sourceId,
      long runId,
      String node,
      Instant now,
      Duration lease);

  /**
   * Says that {@code node} is alive now, so that its batches are not shown as held by a node that
   * stopped answering ({@link Wait#NODE_SILENCE}). Claiming says so too.
   */
  void nodeAlive(String node, Instant now);

  /**
   * Why the flow's records that nobody works on now wait, by reason (and by node, for leases), each
   * with how many and the earliest time one may go on; empty when none waits.
   */
  List<Wait> waits(String flow, Instant now);

  /** How many of the flow's jobs are due now or held by a worker. */
  int activeJobs(String flow, Instant now);

  /** How many of the run's jobs are ready or held by a worker. */
  int activeJobsOfRun(long runId, Instant now);

  /**
   * The flow's changes not yet in the target (jobs ready or running, whenever due), and the oldest
   * of them: what the flow's freshness is measured by.
   */
  Backlog backlog(String flow);

  /**
   * Commits the write intents of these jobs, held by {@code node}, in one statement, before their
   * creates are sent: should the answer never come, the next attempt knows to look them up.
   */
  void writeIntents(List<Long> jobIds, String node, Instant now);

  /**
   * Keeps one step of a multi-step write done, with the id it made, at once: the step happened on
   * the target, whoever holds the job now, and no retry may repeat it.
   */
  void stepDone(long jobId, String step, String madeId, Instant now);

  /**
   * Records a batch of outcomes in one transaction: each job's new state, its link (see {@link
   * Links}), its history entry, and the counts of the runs. A job whose lease {@code node} no
   * longer holds is left alone (another worker has it now).
   */
  void record(String flow, Side side, String node, List<JobResult> results, Instant now);

  /**
   * Which of these records the flow leaves out, as their jobs' last outcomes say: its filter, their
   * source's word that they left (an inactive customer), or their deletion there.
   */
  java.util.Set<String> leftOut(String flow, Side side, java.util.Collection<String> sourceIds);

  /** One record's job in a flow, on the side it is read from, with why it waits at {@code now}. */
  Optional<JobStatus> job(String flow, Side side, String sourceId, Instant now);
}
