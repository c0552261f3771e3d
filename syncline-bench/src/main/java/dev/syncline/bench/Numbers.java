package dev.syncline.bench;

import dev.syncline.app.config.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** How the report shows figures, and the statistics it needs. */
final class Numbers {

  private Numbers() {}

  /** A setting's duration as the options take it: {@code 150ms}, {@code 5m}, {@code 0ms}. */
  static String setting(Duration d) {
    return d.isZero() ? "0ms" : Durations.format(d);
  }

  /** Seconds with one decimal: {@code 12.3 s}. */
  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  static String ratio(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  static String decimal(double value, int places) {
    return String.format(Locale.ROOT, "%." + places + "f", value);
  }

  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.0f MB", bytes / 1_048_576.0);
  }

  /** The nearest-rank percentile of durations sorted ascending; {@code p} from 0 to 100. */
  static Duration percentile(List<Duration> sorted, double p) {
    if (sorted.isEmpty()) {
      throw new IllegalArgumentException("No values to take a percentile of");
    }
    var rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.clamp(rank - 1, 0, sorted.size() - 1));
  }

  /** A duration in seconds, as a number to divide by. */
  static double inSeconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
