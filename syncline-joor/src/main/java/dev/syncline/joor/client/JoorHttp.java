package dev.syncline.joor.client;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.PermanentSyncException.ConfigurationProblem;
import dev.syncline.core.PermanentSyncException.CredentialsRefused;
import dev.syncline.core.PermanentSyncException.MissingInRemote;
import dev.syncline.core.PermanentSyncException.RemoteRejected;
import dev.syncline.core.RetryableSyncException;
import dev.syncline.core.RetryableSyncException.RateLimited;
import dev.syncline.core.RetryableSyncException.RemoteUnavailable;
import dev.syncline.core.SyncException;
import dev.syncline.core.WireText;
import dev.syncline.core.limit.Limiter;
import dev.syncline.core.port.ConnectionState;
import dev.syncline.core.port.ConnectionWatch;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place that talks HTTP to JOOR and sees status codes. Each attempt takes its credits from
 * the account's limiter, signs the request, and classifies what comes back once, into the two roots
 * of {@link SyncException}. Transient failures are retried a few times here with backoff and
 * jitter, honouring Retry-After; a write whose answer was lost is retried only when JOOR cannot
 * have seen it.
 */
final class JoorHttp {

  private static final Logger LOG = LoggerFactory.getLogger(JoorHttp.class);

  /** What JOOR answered to a call, and how to read it. */
  record Answer(JsonNode body, Wire wire) {}

  private final JoorConfig config;
  private final Limiter limiter;
  private final HttpClient http;
  private final JsonMapper json;
  private final Optional<TokenSource> tokens;
  private final MeterRegistry meters;
  private final Counter credits;
  private final Counter retries;
  private final AtomicInteger remaining = new AtomicInteger(-1);
  private final ConnectionWatch watch = new ConnectionWatch();
  private final java.time.InstantSource clock;
  private final Retry idempotentRetry;
  private final Retry writeRetry;

  JoorHttp(
      JoorConfig config,
      Limiter limiter,
      MeterRegistry meters,
      java.time.InstantSource clock,
      HttpClient http,
      JsonMapper json) {
    this.config = config;
    this.clock = clock;
    this.limiter = limiter;
    this.http = http;
    this.json = json;
    this.meters = meters;
    this.tokens =
        config
            .credentials()
            .passwordGrant()
            .map(g ->
                new TokenSource(
                    g,
                    config.endpoints().auth(),
                    http,
                    clock,
                    config.requestTimeout(),
                    config.account(),
                    json));
    this.credits =
        Counter.builder("joor.client.credits")
            .description("JOOR credits taken")
            .tag("account", config.account())
            .register(meters);
    this.retries =
        Counter.builder("joor.client.retries")
            .description("JOOR calls tried again")
            .tag("account", config.account())
            .register(meters);
    Gauge.builder("joor.client.credits.remaining", remaining, AtomicInteger::get)
        .description("Credits JOOR said were left in its window; -1 before the first answer")
        .tag("account", config.account())
        .register(meters);
    this.idempotentRetry = retry("joor-" + config.account(), true);
    this.writeRetry = retry("joor-" + config.account() + "-writes", false);
  }

  private Retry retry(String name, boolean idempotent) {
    var limits = config.retries();
    IntervalBiFunction<Object> interval =
        (attempt, outcome) -> {
          if (outcome.isLeft()
              && outcome.getLeft() instanceof RetryableSyncException e
              && e.retryAfter().isPresent()) {
            var wait = e.retryAfter().get().toMillis();
            return wait + ThreadLocalRandom.current().nextLong(wait / 10 + 1);
          }
          var backoff = limits.firstBackoff().toMillis() << Math.min(attempt - 1, 10);
          return (long) (backoff * ThreadLocalRandom.current().nextDouble(0.5, 1.5));
        };
    var retry =
        Retry.of(
            name,
            RetryConfig.custom()
                .maxAttempts(limits.maxAttempts())
                .intervalBiFunction(interval)
                .retryOnException(e -> retryable(e, idempotent))
                .build());
    retry
        .getEventPublisher()
        .onRetry(event -> {
          retries.increment();
          LOG.info(
              "JOOR account {}: attempt {} failed ({}); trying again in {} ms",
              config.account(),
              event.getNumberOfRetryAttempts(),
              event.getLastThrowable().getMessage(),
              event.getWaitInterval().toMillis());
        });
    return retry;
  }

  private boolean retryable(Throwable e, boolean idempotent) {
    return switch (e) {
      case RateLimited limited ->
          limited
              .retryAfter()
              .map(wait -> wait.compareTo(config.retries().longestWait()) <= 0)
              .orElse(true);
      // A write JOOR may have received is not sent twice; one it cannot have seen is.
      case RemoteUnavailable unavailable ->
          idempotent || unavailable.getCause() instanceof ConnectException;
      default -> false;
    };
  }

  Answer send(Call call) {
    return exchange(call, false).orElseThrow();
  }

  /** Like {@link #send}, but a 404 is an empty answer rather than an error. */
  Optional<Answer> find(Call call) {
    return exchange(call, true);
  }

  private Optional<Answer> exchange(Call call, boolean notFoundIsEmpty) {
    var retry = call.idempotent() ? idempotentRetry : writeRetry;
    try {
      var answer = retry.executeSupplier(() -> attempt(call, notFoundIsEmpty, true));
      watch.answered(clock.instant());
      return answer;
    } catch (SyncException e) {
      watch.failed(e, clock.instant());
      meters
          .counter("joor.client.errors", "account", config.account(), "cause", e.cause())
          .increment();
      throw e;
    }
  }

  /** The connection as this client's calls found it, with the credits JOOR said were left. */
  ConnectionState connection() {
    var left = remaining.get();
    return watch
        .status()
        .withLimits(
            java.util.Map.of(
                "credits left in JOOR's window",
                left < 0
                    ? "not known yet"
                    : left
                        + " of "
                        + config.rateLimit().budget()
                        + " per "
                        + config.rateLimit().window().toSeconds()
                        + " s"));
  }

  private String describe(Call call) {
    return call.endpoint() + " for account " + config.account();
  }

  private Optional<Answer> attempt(Call call, boolean notFoundIsEmpty, boolean mayRenewToken) {
    takeCredits(call);
    var bearer =
        call.api() == Call.Api.V4 || config.credentials().v2Token().isEmpty()
            ? Optional.of(bearer(call))
            : Optional.<String>empty();
    var authorization =
        bearer
            .map(token -> "Bearer " + token)
            .orElseGet(
                // joor.md §1.3: v2's custom scheme carries the base64-encoded token.
                () ->
                    "OAuth2 "
                        + Base64.getEncoder()
                            .encodeToString(
                                config
                                    .credentials()
                                    .v2Token()
                                    .orElseThrow()
                                    .reveal()
                                    .getBytes(StandardCharsets.UTF_8)));
    var root = call.api() == Call.Api.V2 ? config.endpoints().v2() : config.endpoints().v4();
    var request =
        HttpRequest.newBuilder(call.uri(root, config.account()))
            .timeout(config.requestTimeout())
            .header("Authorization", authorization)
            .header("Accept", "application/json")
            .header("Content-Type", WireText.JSON)
            .method(
                call.method(),
                call.json()
                    .map(j -> HttpRequest.BodyPublishers.ofString(j, StandardCharsets.UTF_8))
                    .orElseGet(HttpRequest.BodyPublishers::noBody))
            .build();
    var started = System.nanoTime();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      time(call, "io-error", started);
      // A write that reached JOOR before the connection broke may have been applied; one refused
      // before it was sent, or a read, cannot have changed anything.
      throw new RemoteUnavailable(
          "joor",
          "JOOR did not answer " + describe(call) + ": " + e,
          Optional.empty(),
          e,
          writes(call) && !(e instanceof ConnectException));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteUnavailable(
          "joor", "Interrupted while calling JOOR: " + describe(call), Optional.empty(), e);
    }
    var status = response.statusCode();
    time(call, Integer.toString(status), started);
    response
        .headers()
        .firstValue(config.rateLimit().remainingHeader())
        .flatMap(JoorHttp::integer)
        .ifPresent(remaining::set);
    var text = text(describe(call), response);
    var body = parse(text);
    var logId = body.flatMap(JoorHttp::logId);
    var wire = new Wire(describe(call), logId);
    if (status >= 200 && status < 300) {
      return Optional.of(
          new Answer(
              body.orElseThrow(() -> wire.surprise("is not JSON: " + abbreviate(text))), wire));
    }
    if (status == 404 && notFoundIsEmpty) {
      return Optional.empty();
    }
    if (status == 401 && bearer.isPresent() && mayRenewToken) {
      tokens.orElseThrow().refused(bearer.get());
      return attempt(call, notFoundIsEmpty, false);
    }
    throw classify(call, response, text, body, logId);
  }

  private void takeCredits(Call call) {
    try {
      limiter.acquire(call.cost()).close();
      credits.increment(call.cost());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableSyncException(
          "joor", "Interrupted while waiting for JOOR credits for " + describe(call));
    }
  }

  private String bearer(Call call) {
    return tokens
        .orElseThrow(() ->
            new ConfigurationProblem(
                "joor",
                call.endpoint()
                    + " is a v4 call and needs JOOR's v4 credentials (client id and secret, username and password); only a v2 token is configured for account "
                    + config.account()
                    + ".",
                Optional.empty(),
                null))
        .token();
  }

  private void time(Call call, String status, long startedNanos) {
    Timer.builder("joor.client.requests")
        .description("Calls to JOOR")
        .tag("account", config.account())
        .tag("endpoint", call.endpoint())
        .tag("status", status)
        .register(meters)
        .record(Duration.ofNanos(System.nanoTime() - startedNanos));
  }

  /**
   * The body in the charset JOOR named, UTF-8 when it named none; bytes that are not text in it
   * fail the call rather than reach a record as replacement characters.
   */
  static String text(String answer, HttpResponse<byte[]> response) {
    try {
      return WireText.decode(response.headers().firstValue("Content-Type"), response.body());
    } catch (WireText.NotText e) {
      throw new PermanentSyncException(
          "joor",
          "JOOR's answer to "
              + answer
              + " (HTTP "
              + response.statusCode()
              + ") cannot be read: "
              + e.getMessage()
              + ". Syncline does not guess at text, so that no name is stored garbled. If a proxy"
              + " stands between Syncline and JOOR, check that it passes bodies unchanged.",
          Optional.empty(),
          e);
    }
  }

  private Optional<JsonNode> parse(String body) {
    if (body == null || body.isBlank()) {
      return Optional.of(json.nullNode());
    }
    try {
      return Optional.of(json.readTree(body));
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  /**
   * v2's {@code response.log_id}, at the top of the answer or inside its one wrapper, as in {@code
   * connections.response} (joor.md §1.5, §2.1).
   */
  private static Optional<String> logId(JsonNode body) {
    var candidates = new java.util.ArrayList<JsonNode>();
    candidates.add(body);
    if (body.isObject()) {
      body.valueStream().forEach(candidates::add);
    }
    return candidates.stream()
        .map(node -> node.path("response").path("log_id"))
        .filter(id -> id.isString() && !id.asString().isBlank())
        .map(JsonNode::asString)
        .findFirst();
  }

  private static Optional<Integer> integer(String value) {
    try {
      return Optional.of(Integer.parseInt(value.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  /** JOOR's own words: v2's response.comment, v4's errors[].message, or OAuth's description. */
  private static String remoteMessage(Optional<JsonNode> body, String raw) {
    return body.flatMap(
            b -> {
              for (var candidate :
                  new JsonNode[] {
                    b.path("response").path("comment"),
                    b.path("errors").path(0).path("message"),
                    b.path("error_description")
                  }) {
                if (candidate.isString() && !candidate.asString().isBlank()) {
                  return Optional.of(candidate.asString());
                }
              }
              return Optional.empty();
            })
        .orElseGet(() -> raw.isBlank() ? "no message" : abbreviate(raw));
  }

  private static boolean writes(Call call) {
    return !call.method().equals("GET");
  }

  private SyncException classify(
      Call call,
      HttpResponse<byte[]> response,
      String text,
      Optional<JsonNode> body,
      Optional<String> logId) {
    var status = response.statusCode();
    // JOOR's message ends a sentence of ours, so without its own full stop.
    var said =
        "JOOR answered "
            + describe(call)
            + " with HTTP "
            + status
            + ": "
            + remoteMessage(body, text).replaceAll("\\.+$", "");
    return switch (status) {
      case 401 ->
          new CredentialsRefused(
              "joor",
              said + ".",
              "Check that the JOOR API token or v4 credentials are valid and may use account "
                  + config.account()
                  + ".",
              logId,
              null);
      case 403 ->
          new ConfigurationProblem(
              "joor",
              said + ".",
              "Check that the JOOR API token or v4 credentials are valid and may use account "
                  + config.account()
                  + ".",
              logId,
              null);
      case 404 -> new MissingInRemote("joor", said + ".", logId);
      case 429 ->
          new RateLimited(
              "joor", said + ". Syncline will wait and try again.", retryAfter(response), logId);
      default ->
          status >= 500
              ? new RemoteUnavailable(
                  "joor", said + ". Syncline will try again.", logId, null, writes(call))
              : new RemoteRejected("joor", status, said + ".", logId);
    };
  }

  /** Retry-After, else the seconds until JOOR's window refills (joor.md §1.6). */
  private Optional<Duration> retryAfter(HttpResponse<byte[]> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .or(() -> response.headers().firstValue(config.rateLimit().resetHeader()))
        .flatMap(JoorHttp::integer)
        .map(Duration::ofSeconds);
  }
}
