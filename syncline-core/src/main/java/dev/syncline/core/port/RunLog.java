package dev.syncline.core.port;

import dev.syncline.core.flow.Side;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The runs (each change scan of a flow, and each selective sync or RESYNC), each record's history,
 * and what the dashboard reads of them: the hourly activity and the errors that ended runs; and the
 * pruning of what is old. Implemented on PostgreSQL by the store module.
 *
 * <p>Each method is one transaction. Times come from the caller's clock, never the database's, so
 * that tests drive time. Methods are safe to call from many threads and many nodes at once.
 */
public interface RunLog {

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

  /** One record's history in a flow, newest first. */
  List<SyncEvent> events(String flow, Side side, String sourceId, int limit);

  /**
   * Deletes finished runs, history, done jobs and conflicts acknowledged before {@code before};
   * returns rows deleted. Open conflicts stay until a person acknowledges them.
   */
  int prune(Instant before);
}
