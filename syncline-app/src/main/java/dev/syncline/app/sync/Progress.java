package dev.syncline.app.sync;

import dev.syncline.core.port.Run;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How far a run that is still going has come: records done of records found, at what rate, and
 * about how long the rest takes at that rate.
 */
public record Progress(
    long runId,
    String trigger,
    Instant startedAt,
    int done,
    int total,
    double perSecond,
    Optional<Duration> timeLeft) {

  static Progress of(Run run, Instant now) {
    var done =
        run.written()
            + run.unchanged()
            + run.filtered()
            + run.unlinked()
            + run.failed()
            + run.conflicts();
    var total = Math.max(run.seen(), done);
    var elapsed = Math.max(1, Duration.between(run.startedAt(), now).toMillis()) / 1000.0;
    var rate = done / elapsed;
    Optional<Duration> left =
        rate > 0
            ? Optional.of(Duration.ofSeconds(Math.round((total - done) / rate)))
            : Optional.empty();
    return new Progress(run.id(), run.trigger(), run.startedAt(), done, total, rate, left);
  }

  /** Whole percent done, for the progress bar. */
  public int percent() {
    return total == 0 ? 0 : (int) (100L * done / total);
  }
}
