package dev.syncline.core.port;

import dev.syncline.core.flow.Side;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One record for one flow to sync, as claimed by a worker.
 *
 * @param attempts how many times it was tried before this claim
 * @param runId the run whose scan (or person) asked for it
 * @param maybeWrittenSince when the write intent of an earlier attempt, whose outcome is unknown,
 *     was committed: the answer was lost, or its worker died with the intent set
 * @param doneSteps the steps of a multi-step write that earlier attempts did, with the ids they
 *     made
 * @param lastOutcome the kind of the previous outcome ({@code written}, {@code failed}, ...), if
 *     any
 * @param lastMessage the previous outcome's message, if any
 * @param waitingUntil the deadline of the wait for its references, while it waits for them: past
 *     it, a reference still missing sends it to the failed record queue
 */
public record Job(
    long id,
    String flow,
    Side side,
    String sourceId,
    int attempts,
    long runId,
    Optional<Instant> maybeWrittenSince,
    Map<String, String> doneSteps,
    Optional<String> lastOutcome,
    Optional<String> lastMessage,
    Optional<Instant> waitingUntil) {

  public Job {
    doneSteps = Map.copyOf(doneSteps);
  }

  /** A job that was never tried, for dry runs. */
  public static Job fresh(String flow, Side side, String sourceId) {
    return new Job(
        0,
        flow,
        side,
        sourceId,
        0,
        0,
        Optional.empty(),
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** Whether an earlier attempt may have written it without Syncline learning so. */
  public boolean maybeWritten() {
    return maybeWrittenSince.isPresent();
  }
}
