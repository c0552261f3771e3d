package dev.syncline.core.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a record again after a failure time may fix: exponential backoff from {@code base},
 * doubled per attempt up to {@code max}, with up to a fifth of jitter so that retries of many
 * records spread out, and never sooner than the remote asked (Retry-After). After {@code
 * maxAttempts} the record goes to the failed record queue for a person.
 */
public record RetryPolicy(Duration base, Duration max, int maxAttempts) {

  public static final RetryPolicy DEFAULT =
      new RetryPolicy(Duration.ofSeconds(30), Duration.ofHours(1), 10);

  /** Whether a record tried {@code attempts} times already may be tried again. */
  public boolean mayRetry(int attempts) {
    return attempts + 1 < maxAttempts;
  }

  public Instant nextAttempt(
      int attempts, Optional<Duration> retryAfter, Instant now, RandomGenerator random) {
    var backoff = base.multipliedBy(1L << Math.min(attempts, 20));
    if (backoff.compareTo(max) > 0) {
      backoff = max;
    }
    var jitter = (long) (backoff.toMillis() * 0.2 * random.nextDouble());
    var wait = backoff.plusMillis(jitter);
    if (retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0) {
      wait = retryAfter.get();
    }
    return now.plus(wait);
  }
}
