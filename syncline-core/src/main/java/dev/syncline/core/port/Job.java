package dev.syncline.core.port;

import dev.syncline.core.flow.Side;
import java.util.Optional;

/**
 * One record for one flow to sync, as claimed by a worker.
 *
 * @param attempts how many times it was tried before this claim
 * @param runId the run whose scan (or person) asked for it
 * @param recovering true when an earlier claim's lease ran out (its worker died): the write may
 *     have happened
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
    boolean recovering,
    Optional<String> lastOutcome,
    Optional<String> lastMessage) {

  /** A job that was never tried, for dry runs. */
  public static Job fresh(String flow, Side side, String sourceId) {
    return new Job(0, flow, side, sourceId, 0, 0, false, Optional.empty(), Optional.empty());
  }
}
