package dev.syncline.core.port;

import java.time.Instant;
import java.util.Optional;

/**
 * One change scan of a flow and what became of the records it found (counts keep rising while
 * workers finish its jobs).
 *
 * @param trigger {@code schedule}, {@code manual}, {@code selective} or {@code resync}
 * @param seen changes found and queued
 * @param conflicts changes that lost to the other side's in a two-way flow
 */
public record Run(
    long id,
    String flow,
    String trigger,
    String node,
    Instant startedAt,
    Optional<Instant> finishedAt,
    int seen,
    int written,
    int unchanged,
    int filtered,
    int unlinked,
    int failed,
    int retried,
    int conflicts,
    Optional<String> error) {

  /** Records that needed no write: unchanged or not for this flow. */
  public int skipped() {
    return unchanged + filtered;
  }
}
