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

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private Format() {}

  /** Like {@code 02:51:53}: a time of day in UTC, where the day is shown apart. */
  public static String clock(Instant instant) {
    return CLOCK.format(instant);
  }

  /** Like {@code 2026-03-02}. */
  public static String day(Instant instant) {
    return DAY.format(instant);
  }

  /**
   * From one time to another, the day said once when both fall on it: {@code 02:10:05–02:20:35}.
   */
  public static String span(Instant from, Instant to) {
    return day(from).equals(day(to))
        ? day(from) + " " + clock(from) + "–" + clock(to)
        : time(from) + " – " + time(to);
  }

  /** The first 8 characters of a hash, which tell hashes apart for a person; the whole on hover. */
  public static String shortHash(String hash) {
    return hash.length() > 8 ? hash.substring(0, 8) : hash;
  }

  /** A field's value as a person reads it: text as it is, lists and maps as compact JSON. */
  public static String value(java.util.Optional<Object> value) {
    return value
        .map(v ->
            v instanceof String s
                ? s
                : tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(v))
        .orElse("(none)");
  }

  /**
   * One entry of a record's history as a sentence: {@code Updated on JOOR (joor_us) as 4}. {@code
   * target} names the system the entry's side writes to.
   */
  public static String event(dev.syncline.core.port.SyncEvent e, String target) {
    var message = e.message();
    return switch (e.kind()) {
      case "written" -> {
        var created = message.startsWith("Created ");
        var rest = message.replaceFirst("^(Created|Updated) [^;]*", "");
        yield (created ? "Created on " : "Updated on ")
            + target
            + e.targetId().map(id -> " as " + id).orElse("")
            + rest
            + ".";
      }
      case "failed" -> "Failed: " + message;
      case "retrying", "retried" -> "Could not be written to " + target + " for now: " + message;
      case "waiting" -> message + ".";
      case "unlinked" -> "Unlinked: " + message;
      case "conflict" -> "Changed on both sides: " + message;
      case "dismissed" -> "Set aside by a person: " + message;
      case "unchanged" -> "Already up to date on " + target + ".";
      default -> e.kind() + (message.isBlank() ? "" : ": " + message);
    };
  }

  public static String time(Instant instant) {
    return TIME.format(instant);
  }

  public static String time(Optional<Instant> instant) {
    return instant.map(Format::time).orElse("-");
  }

  /**
   * A flow's freshness in words. A blocked flow's scans find nothing, so its backlog looks empty:
   * it says blocked, never up to date.
   */
  public static String freshness(dev.syncline.app.sync.FlowView flow) {
    if (flow.health().isPresent()) {
      return "blocked";
    }
    return flow.freshness().map(Format::duration).orElse("up to date");
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
