package dev.syncline.core.port;

import dev.syncline.core.flow.Side;
import java.util.Optional;

/**
 * One record for one flow to sync, as claimed by a worker.
 *
 * @param attempts how many times it was tried before this claim
 * @param runId the run whose scan (or person) asked for it
 * @param recoveringSince when an earlier claim, whose lease ran out (its worker died), began: the
 *     write may have happened since
 * @param lastOutcome the kind of the previous outcome ({@code written}, {@code failed}, ...), if
 *     any
 * @param lastMessage the previous outcome's message, if any
 */
public record Job(
    long id,
    String flow,
    Side side,
    String sourceId,
    int attempts,
    long runId,
    Optional<java.time.Instant> recoveringSince,
    Optional<String> lastOutcome,
    Optional<String> lastMessage) {

  /** A job that was never tried, for dry runs. */
  public static Job fresh(String flow, Side side, String sourceId) {
    return new Job(
        0, flow, side, sourceId, 0, 0, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Whether an earlier claim may have written it before its worker died. */
  public boolean recovering() {
    return recoveringSince.isPresent();
  }
}
