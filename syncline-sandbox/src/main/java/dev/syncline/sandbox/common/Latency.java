package dev.syncline.sandbox.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How long requests take, as the real system would: the first rule whose method and path match
 * gives the delay. A simulator sets its defaults from research (or from a benchmark's settings);
 * zero by default.
 */
public final class Latency {

  /**
   * {@code method} is an HTTP method or {@code *}; {@code path} a regular expression the path must
   * match.
   */
  public record Rule(String method, Pattern path, Duration delay) {}

  private final List<Rule> rules = new ArrayList<>();

  public synchronized void set(String method, String pathRegex, Duration delay) {
    rules.removeIf(r -> r.method().equals(method) && r.path().pattern().equals(pathRegex));
    rules.add(new Rule(method, Pattern.compile(pathRegex), delay));
  }

  public synchronized void clear() {
    rules.clear();
  }

  public synchronized List<Rule> rules() {
    return List.copyOf(rules);
  }

  synchronized Duration of(String method, String path) {
    for (var rule : rules) {
      if ((rule.method().equals("*") || rule.method().equalsIgnoreCase(method))
          && rule.path().matcher(path).matches()) {
        return rule.delay();
      }
    }
    return Duration.ZERO;
  }
}
