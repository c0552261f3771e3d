package dev.syncline.app.config;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Durations as people write them in the configuration: {@code 500ms}, {@code 30s}, {@code 5m},
 * {@code 1h}, {@code 30d}.
 */
public final class Durations {

  private static final Pattern TEXT = Pattern.compile("([0-9]+)(ms|s|m|h|d)");

  private Durations() {}

  /**
   * @throws IllegalArgumentException when the text is not such a duration
   */
  public static Duration parse(String text) {
    var m = TEXT.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected a duration like 30s or 5m, got \"" + text + "\"");
    }
    var n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  /** The shortest of these forms that says the duration exactly. */
  public static String format(Duration d) {
    var ms = d.toMillis();
    if (ms % 86_400_000 == 0) {
      return ms / 86_400_000 + "d";
    }
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
