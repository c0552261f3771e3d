package dev.syncline.sandbox.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Failures to inject: the next {@code times} requests whose method and path match fail as
 * described, or each matching request fails with a probability. The first matching rule with uses
 * left applies. A fault strikes either before the request is handled, so nothing changed, or after
 * it was handled and its change committed, so only the answer is lost: the case where a client that
 * retries blindly writes twice.
 */
public final class Faults {

  /**
   * One kind of failure.
   *
   * @param status the HTTP status to answer with, or 0 to answer normally after {@code delay}
   * @param body the response body (JSON text), empty for none
   * @param headers extra response headers
   * @param delay a pause before answering (or before serving normally), to provoke client timeouts
   * @param dropConnection after the delay, drop the connection without answering, as a crashed
   *     proxy would
   * @param afterHandling strike once the request was handled (its change applied) instead of
   *     before: a status replaces the answer, and a delay holds the answer back, past a client's
   *     timeout, before it is sent or the connection dropped
   */
  public record Fault(
      int status,
      String body,
      Map<String, String> headers,
      Duration delay,
      boolean dropConnection,
      boolean afterHandling) {
    public Fault {
      headers = Map.copyOf(headers);
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delayMillis must not be negative, not " + delay);
      }
      if (afterHandling && status != 0 && (status < 500 || status > 599)) {
        throw new IllegalArgumentException(
            "a fault after handling answers a 5xx (the request was applied), not "
                + status
                + "; use a 500, 502 or 503, or leave afterHandling out to refuse the request");
      }
      if (afterHandling && status == 0 && !dropConnection && !delay.isPositive()) {
        throw new IllegalArgumentException(
            "a fault after handling needs a status (5xx), \"reset\": true or a delayMillis past"
                + " the client's timeout; without one the answer would not be lost");
      }
    }

    public Fault(
        int status,
        String body,
        Map<String, String> headers,
        Duration delay,
        boolean dropConnection) {
      this(status, body, headers, delay, dropConnection, false);
    }

    public Fault(int status, String body, Map<String, String> headers, Duration delay) {
      this(status, body, headers, delay, false);
    }

    public static Fault status(int status, String body) {
      return new Fault(status, body, Map.of(), Duration.ZERO);
    }

    public static Fault delay(Duration delay) {
      return new Fault(0, "", Map.of(), delay);
    }

    public static Fault connectionReset() {
      return new Fault(0, "", Map.of(), Duration.ZERO, true);
    }

    /**
     * The same fault, striking after the request was handled: the change stays, the answer is lost.
     */
    public Fault onceHandled() {
      return new Fault(status, body, headers, delay, dropConnection, true);
    }
  }

  /**
   * @param method an HTTP method, or {@code *} for any
   * @param path a regular expression the whole request path must match
   * @param times how many matching requests fail; -1 for no limit
   * @param probability the chance (0..1] that a matching request fails
   */
  public record Rule(String method, Pattern path, int times, double probability, Fault fault) {
    boolean matches(String requestMethod, String requestPath) {
      return (method.equals("*") || method.equalsIgnoreCase(requestMethod))
          && path.matcher(requestPath).matches();
    }
  }

  private final List<MutableRule> rules = new ArrayList<>();
  private Random randomBefore = new Random();
  private Random randomAfter = new Random();

  private static final class MutableRule {
    final Rule rule;
    int remaining;

    MutableRule(Rule rule) {
      this.rule = rule;
      this.remaining = rule.times();
    }
  }

  /**
   * The next {@code times} requests matching {@code method} and {@code pathRegex} fail with {@code
   * fault}.
   */
  public synchronized void failNext(String method, String pathRegex, int times, Fault fault) {
    rules.add(new MutableRule(new Rule(method, Pattern.compile(pathRegex), times, 1.0, fault)));
  }

  /** Each request matching fails with {@code fault} with the given probability, until cleared. */
  public synchronized void failRandomly(
      String method, String pathRegex, double probability, Fault fault) {
    rules.add(
        new MutableRule(new Rule(method, Pattern.compile(pathRegex), -1, probability, fault)));
  }

  public synchronized void clear() {
    rules.clear();
  }

  /**
   * Makes the random share of failures repeatable: the same seed fails the same requests. Faults
   * before and after handling draw from sequences of their own, so adding one kind leaves the
   * requests the other strikes as they were.
   */
  public synchronized void seed(long seed) {
    randomBefore = new Random(seed);
    randomAfter = new Random(seed);
  }

  public synchronized List<Rule> rules() {
    return rules.stream().map(r -> r.rule).toList();
  }

  /** The fault for this request at this point of its handling, if one applies; uses it up. */
  synchronized Optional<Fault> take(String method, String path, boolean afterHandling) {
    for (var iterator = rules.iterator(); iterator.hasNext(); ) {
      var rule = iterator.next();
      if (rule.rule.fault().afterHandling() != afterHandling || !rule.rule.matches(method, path)) {
        continue;
      }
      var random = afterHandling ? randomAfter : randomBefore;
      if (rule.rule.probability() < 1.0 && random.nextDouble() >= rule.rule.probability()) {
        continue;
      }
      if (rule.remaining > 0 && --rule.remaining == 0) {
        iterator.remove();
      }
      return Optional.of(rule.rule.fault());
    }
    return Optional.empty();
  }
}
