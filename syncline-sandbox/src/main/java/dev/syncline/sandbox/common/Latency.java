package dev.syncline.sandbox.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * How long requests take, as the real system would: the first rule whose method and path match
 * gives the delay. A simulator sets its defaults from research (or from a benchmark's settings);
 * zero by default.
 */
public final class Latency {

  /** The z-score of the 95th percentile of a normal distribution. */
  private static final double Z95 = 1.6449;

  /**
   * {@code method} is an HTTP method or {@code *}; {@code path} a regular expression the path must
   * match. Each delay is drawn from a log-normal distribution with median {@code delay} and 95th
   * percentile {@code p95}, the usual shape of service latency; when {@code p95} is not above
   * {@code delay}, every request takes exactly {@code delay}.
   */
  public record Rule(String method, Pattern path, Duration delay, Duration p95) {
    public Rule(String method, Pattern path, Duration delay) {
      this(method, path, delay, delay);
    }

    Duration draw(Random random) {
      if (p95.compareTo(delay) <= 0 || delay.isZero()) {
        return delay;
      }
      var sigma = Math.log((double) p95.toNanos() / delay.toNanos()) / Z95;
      return Duration.ofNanos((long) (delay.toNanos() * Math.exp(sigma * random.nextGaussian())));
    }
  }

  private final List<Rule> rules = new ArrayList<>();
  private Random random = new Random();

  public synchronized void set(String method, String pathRegex, Duration delay) {
    set(method, pathRegex, delay, delay);
  }

  /**
   * Delays matching requests by a median of {@code median}, one in twenty by {@code p95} or more.
   */
  public synchronized void set(String method, String pathRegex, Duration median, Duration p95) {
    rules.removeIf(r -> r.method().equals(method) && r.path().pattern().equals(pathRegex));
    rules.add(new Rule(method, Pattern.compile(pathRegex), median, p95));
  }

  /** Makes the drawn delays repeatable. */
  public synchronized void seed(long seed) {
    random = new Random(seed);
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
        return rule.draw(random);
      }
    }
    return Duration.ZERO;
  }
}
