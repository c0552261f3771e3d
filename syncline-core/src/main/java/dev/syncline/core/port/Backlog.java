package dev.syncline.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The changes of a flow that have not reached their target yet: records waiting for a worker or
 * being synced, and when the oldest of those changes was made at its source.
 *
 * @param records jobs ready or running (failed records are in the failed record queue, not here)
 * @param oldestChange the source's modification time of the oldest waiting change; empty when
 *     nothing waits
 */
public record Backlog(int records, Optional<Instant> oldestChange) {

  /**
   * How far the target is behind its source: the age of the oldest change still waiting, zero when
   * nothing waits.
   */
  public Duration freshness(Instant now) {
    return oldestChange
        .map(t -> Duration.between(t, now))
        .filter(d -> !d.isNegative())
        .orElse(Duration.ZERO);
  }
}
