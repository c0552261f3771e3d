package dev.syncline.core.port;

import java.time.Instant;
import java.util.List;

/**
 * The failed record queue: the jobs that need a person, why they failed, and what a person does
 * with them (RESYNC puts them back in the job queue, dismiss sets them aside). Implemented on
 * PostgreSQL by the store module.
 *
 * <p>Each method is one transaction. Times come from the caller's clock, never the database's.
 */
public interface FailedQueue {

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
}
