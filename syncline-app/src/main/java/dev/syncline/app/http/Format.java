package dev.syncline.app.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** How the dashboard shows times, durations and rates. Times are in UTC, as in the logs. */
public final class Format {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private Format() {}

  public static String time(Instant instant) {
    return TIME.format(instant);
  }

  public static String time(Optional<Instant> instant) {
    return instant.map(Format::time).orElse("-");
  }

  /** Like {@code 2h 5m}, {@code 3m 12s} or {@code 40s}: the two largest units. */
  public static String duration(Duration d) {
    var s = Math.max(0, d.toSeconds());
    if (s >= 86_400) {
      return s / 86_400 + "d " + (s % 86_400) / 3600 + "h";
    }
    if (s >= 3600) {
      return s / 3600 + "h " + (s % 3600) / 60 + "m";
    }
    if (s >= 60) {
      return s / 60 + "m " + s % 60 + "s";
    }
    return s + "s";
  }

  /** How long a run took, or "running". */
  public static String took(Instant started, Optional<Instant> finished) {
    return finished.map(f -> duration(Duration.between(started, f))).orElse("running");
  }

  /** htmx's extra values for a request, as JSON: {"key": "value"}. */
  public static String vals(String key, Object value) {
    return tools.jackson.databind.json.JsonMapper.shared()
        .writeValueAsString(java.util.Map.of(key, String.valueOf(value)));
  }

  public static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%.1f/s", perSecond);
  }
}
