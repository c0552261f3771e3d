package dev.syncline.core.port;

import dev.syncline.core.flow.FlowSettings;
import dev.syncline.core.flow.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the engine keeps, in one store shared by every node: flow switches and schedules,
 * cursors, durable jobs, runs and the failed record queue; the links are read through {@link
 * Links}. Implemented on PostgreSQL by the store module.
 *
 * <p>Each method is one transaction. Times come from the caller's clock, never the database's, so
 * that tests drive time. Methods are safe to call from many threads and many nodes at once.
 */
public interface SyncStore {

  // Flows and their schedules.

  /**
   * Makes sure each configured flow has its state, and applies the configuration's switch and
   * schedule where they changed since they were last applied (a change in the dashboard stays until
   * the file changes). A blocked flow's probe is made due now: a node that starts may have had its
   * setup fixed.
   */
  void registerFlows(List<FlowSettings> flows, Instant now);

  Optional<FlowState> flowState(String flow);

  /**
   * The flows due for a scan, leased to {@code node} until {@code now + lease}; no other node gets
   * them.
   */
  List<DueScan> claimDueScans(String node, Instant now, Duration lease);

  /** Ends {@code node}'s lease on the flow's scan and sets when the next one is due. */
  void scanFinished(String flow, String node, Instant now, Instant nextScanAt);

  /** Switches the flow on or off; switching it on is a person's restart, and clears its health. */
  void setEnabled(String flow, boolean enabled, Instant now);

  /**
   * Records that the flow cannot read its source or write its target, and returns its health now:
   * the first failure starts it, later ones count on and keep when it began.
   */
  FlowHealth flowUnhealthy(
      String flow,
      FlowHealth.Problem problem,
      String instance,
      String reason,
      String fix,
      Instant now);

  /** Clears the flow's health problem; returns whether it had one. */
  boolean flowHealthy(String flow, Instant now);

  void setSchedule(String flow, Duration every, Instant now);

  /** Makes the flow's next scan due now; a person asking is a restart, and clears its health. */
  void requestScan(String flow, Instant now);

  /**
   * Makes the flow's next scan due now as a backfill: it lists every record from the beginning and
   * queues each again, whatever was synced before (after a change of mapping, say). Clears its
   * health, as {@link #requestScan} does.
   */
  void requestBackfill(String flow, Instant now);

  /**
   * Whether the flow's check for records deleted at their source is due ({@code every} has passed
   * since the last one); when it is, marks it done now, so that one node runs it.
   */
  boolean deletionCheckDue(String flow, Instant now, Duration every);

  // Runs.

  long startRun(String flow, String trigger, String node, Instant now);

  void finishRun(long runId, Instant now, Optional<String> error);

  Optional<Run> run(long runId);

  /** The newest runs of a flow first. */
  List<Run> runs(String flow, int limit);

  /**
   * The runs of a flow started before run {@code beforeRunId}, newest first: the page of runs after
   * one a person has seen.
   */
  List<Run> runsBefore(String flow, long beforeRunId, int limit);

  /**
   * The runs of a flow started after run {@code afterRunId}, oldest first: the way back to newer
   * runs from a page of older ones.
   */
  List<Run> runsAfter(String flow, long afterRunId, int limit);

  /** The distinct errors that ended the flow's runs, the latest first, with their counts. */
  List<RunError> runErrors(String flow, int limit);

  /** The flow's runs not yet finished, newest first. */
  List<Run> openRuns(String flow);

  /**
   * Finishes the runs begun before {@code startedBefore} that have no job left to do, whichever
   * node began them (one that died leaves its runs open); returns how many.
   */
  int finishIdleRuns(Instant startedBefore, Instant now);

  // Cursors and jobs.

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
   * Claims one record's job for a person who asked to sync it now, whatever its state, unless
   * another worker holds it.
   */
  Optional<Job> claimOne(
      String flow, Side side, String sourceId, String node, Instant now, Duration lease);

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

  // Outcomes.

  /**
   * Records a batch of outcomes in one transaction: each job's new state, its link (see {@link
   * Links}), its history entry, and the counts of the runs. A job whose lease {@code node} no
   * longer holds is left alone (another worker has it now).
   */
  void record(String flow, Side side, String node, List<JobResult> results, Instant now);

  /**
   * Keeps a value a two-way merge dropped in the history of the record on the side that lost it
   * ({@code sourceId} is its id there), where the record page and the conflict list show it.
   */
  void conflictLost(String flow, Side side, String sourceId, String message, Instant now);

  // The failed record queue.

  List<FailedRecord> failed(FailedFilter filter);

  /** Puts the chosen failed records back in the queue, due now; returns how many. */
  int resync(List<Long> jobIds, Instant now);

  /** Puts every failed record the filter matches back in the queue; returns how many. */
  int resync(FailedFilter filter, Instant now);

  /** How many failed records the filter matches, by cause, the most common first. */
  List<CauseCount> failedCauses(FailedFilter filter);

  /**
   * Sets the chosen failed records aside: they leave the queue, with the reason kept in their
   * history, until their source changes again or someone resyncs them. Returns how many.
   */
  int dismiss(List<Long> jobIds, String reason, Instant now);

  // Reading for people: the dashboard and the API.

  /**
   * The flow's newest run that has finished (its jobs all done, or its scan failed); empty when
   * none has.
   */
  Optional<Run> lastFinishedRun(String flow);

  /**
   * Records written and failed per hour from {@code since} on, oldest first, for one flow or all;
   * hours in which nothing happened are left out.
   */
  List<Activity> activity(Optional<String> flow, Instant since);

  /** One record's job in a flow, on the side it is read from, with why it waits at {@code now}. */
  Optional<JobStatus> job(String flow, Side side, String sourceId, Instant now);

  /** One record's history in a flow, newest first. */
  List<SyncEvent> events(String flow, Side side, String sourceId, int limit);

  /**
   * Records of every flow whose id in either system is {@code text}, or whose name, email or other
   * text last written contains it, ignoring case and the commonest accents; at most {@code limit},
   * linked ones first.
   */
  List<RecordMatch> findRecords(String text, int limit);

  // Housekeeping.

  /**
   * Deletes finished runs, history and done jobs older than {@code before}; returns rows deleted.
   */
  int prune(Instant before);
}
