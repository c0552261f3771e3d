package dev.syncline.netsuite.client;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.RetryableSyncException;
import dev.syncline.core.SyncException;
import dev.syncline.core.WireText;
import dev.syncline.core.limit.Limiter;
import dev.syncline.core.port.ConnectionState;
import dev.syncline.core.port.ConnectionWatch;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The only place that talks HTTP to NetSuite: signs each call, takes a permit from the account's
 * limiter for each attempt, retries what time may fix (few, short, with jittered backoff), records
 * metrics, and classifies failures into Syncline's two error roots.
 */
final class NetSuiteHttp {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * One call.
   *
   * @param operation a short name for metrics ({@code record.get}, {@code suiteql})
   * @param what the call in words, for error messages ("get customer 107")
   * @param idempotent whether repeating it after an unclear failure (a timeout, a reset, a 5xx)
   *     cannot write twice; other calls are repeated only when NetSuite surely did not run them
   */
  record Call(
      String operation,
      String what,
      String method,
      URI uri,
      Optional<String> body,
      Map<String, String> headers,
      boolean idempotent) {}

  /** What NetSuite answered. */
  record Answer(int status, HttpHeaders headers, String body) {
    Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    /** The body as JSON, or a permanent error naming what came instead. */
    JsonNode json() {
      try {
        return JSON.readTree(body.isBlank() ? "{}" : body);
      } catch (JacksonException e) {
        throw new PermanentSyncException(
            NetSuiteErrors.SYSTEM,
            "NetSuite answered with a body that is not JSON (HTTP "
                + status
                + "): "
                + (body.length() > 200 ? body.substring(0, 200) + "..." : body)
                + ". If a proxy stands between Syncline and NetSuite, check it.");
      }
    }

    JsonNode jsonOrEmpty() {
      try {
        return JSON.readTree(body.isBlank() ? "{}" : body);
      } catch (JacksonException e) {
        return JSON.createObjectNode();
      }
    }
  }

  private final NetSuiteConfig config;
  private final Limiter limiter;
  private final MeterRegistry meters;
  private final InstantSource clock;
  private final HttpClient http;
  private final Optional<OAuth1Signer> signer;
  private final Optional<OAuth2Tokens> tokens;
  private final AtomicInteger permitsInUse = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicLong refused =
      new java.util.concurrent.atomic.AtomicLong();
  private final ConnectionWatch watch = new ConnectionWatch();
  private final SecureRandom random = new SecureRandom();

  NetSuiteHttp(NetSuiteConfig config, Limiter limiter, MeterRegistry meters, InstantSource clock) {
    this.config = config;
    this.limiter = limiter;
    this.meters = meters;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.signer =
        config.auth() instanceof NetSuiteAuth.TokenBased tba
            ? Optional.of(new OAuth1Signer(config.realm(), tba))
            : Optional.empty();
    this.tokens =
        config.auth() instanceof NetSuiteAuth.ClientCredentials cc
            ? Optional.of(new OAuth2Tokens(cc, config.restRoot(), clock))
            : Optional.empty();
    meters.gauge(
        "netsuite.client.permits.in.use",
        io.micrometer.core.instrument.Tags.of("account", config.accountId()),
        permitsInUse);
  }

  /** Sends a call, retrying as its kind allows; a 2xx answer, or a classified error. */
  Answer send(Call call) {
    var retry = Retry.of(call.operation(), retryConfig(call));
    retry
        .getEventPublisher()
        .onRetry(e ->
            counter(
                    "netsuite.client.retries",
                    call.operation(),
                    "cause",
                    e.getLastThrowable().getClass().getSimpleName())
                .increment());
    try {
      var answer = retry.executeSupplier(() -> attempt(call));
      watch.answered(clock.instant());
      return answer;
    } catch (SyncException e) {
      watch.failed(e, clock.instant());
      throw e;
    }
  }

  /** The connection as this client's calls found it, with the account's concurrency in use. */
  ConnectionState connection() {
    return watch
        .status()
        .withLimits(
            Map.of(
                "requests in flight",
                permitsInUse.get() + " of " + config.concurrency(),
                "requests refused at the concurrency limit",
                Long.toString(refused.get())));
  }

  private RetryConfig retryConfig(Call call) {
    var settings = config.retry();
    return RetryConfig.<Answer>custom()
        .maxAttempts(settings.maxAttempts())
        .retryOnException(e -> retryable(e, call, settings))
        .intervalBiFunction(
            (Integer attempt, Either<Throwable, Answer> outcome) -> backoff(attempt, outcome))
        .failAfterMaxAttempts(false)
        .build();
  }

  /**
   * What time may fix, when repeating the call cannot write twice, and when NetSuite did not ask
   * for a longer wait than a call should take (that wait is the engine's).
   */
  private static boolean retryable(Throwable e, Call call, NetSuiteConfig.Retry settings) {
    return e instanceof RetryableSyncException r
        && (call.idempotent() || NetSuiteErrors.neverArrived(e))
        && r.retryAfter().map(a -> a.compareTo(settings.maxBackoff()) <= 0).orElse(true);
  }

  /** Exponential backoff with full jitter, or what Retry-After asked for. */
  private long backoff(int attempt, Either<Throwable, Answer> outcome) {
    if (outcome.isLeft()
        && outcome.getLeft() instanceof RetryableSyncException r
        && r.retryAfter().isPresent()) {
      return r.retryAfter().get().toMillis();
    }
    var settings = config.retry();
    var ceiling =
        Math.min(
            settings.maxBackoff().toMillis(),
            settings.initialBackoff().toMillis() * (1L << Math.min(attempt - 1, 20)));
    return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
  }

  private Answer attempt(Call call) {
    for (var authAttempt = 1; ; authAttempt++) {
      var bearer = tokens.map(t -> t.bearer(this::postToken));
      var answer = exchange(call, bearer);
      if (answer.status() / 100 == 2) {
        return answer;
      }
      if (answer.status() == 401 && authAttempt == 1) {
        // netsuite-api.md §5.2: a 401 can come from overload; once more with a fresh nonce or
        // token.
        bearer.ifPresent(b -> tokens.get().refused(b));
        continue;
      }
      var error = NetSuiteErrors.fromAnswer(call.what(), answer, config.accountId());
      if (error instanceof RetryableSyncException.RateLimited) {
        refused.incrementAndGet();
      }
      counter("netsuite.client.errors", call.operation(), "code", errorCode(answer)).increment();
      throw error;
    }
  }

  private Answer exchange(Call call, Optional<String> bearer) {
    var builder = HttpRequest.newBuilder(call.uri()).timeout(config.requestTimeout());
    builder.method(
        call.method(),
        call.body()
            .map(b -> HttpRequest.BodyPublishers.ofString(b, StandardCharsets.UTF_8))
            .orElse(HttpRequest.BodyPublishers.noBody()));
    call.headers().forEach(builder::header);
    builder.header(
        "Authorization", bearer.map(b -> "Bearer " + b).orElseGet(() -> tbaHeader(call)));
    return timed(call.operation(), call.what(), builder.build());
  }

  private String tbaHeader(Call call) {
    var nonce = new byte[12];
    random.nextBytes(nonce);
    // netsuite-api.md §2.1: a fresh nonce of plain characters and the time in seconds, per request.
    return signer
        .orElseThrow()
        .authorization(
            call.method(),
            call.uri(),
            HexFormat.of().formatHex(nonce),
            clock.instant().getEpochSecond());
  }

  private Answer postToken(URI uri, String form) {
    var request =
        HttpRequest.newBuilder(uri)
            .timeout(config.requestTimeout())
            .header("Content-Type", WireText.FORM)
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    return timed("token", "get an OAuth 2.0 access token", request);
  }

  /** One HTTP exchange under one permit of the account's limiter, timed. */
  private Answer timed(String operation, String what, HttpRequest request) {
    Limiter.Permit permit;
    try {
      permit = limiter.acquire(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableSyncException(
          NetSuiteErrors.SYSTEM, "Interrupted while waiting to " + what, e);
    }
    var started = System.nanoTime();
    var outcome = "io_error";
    permitsInUse.incrementAndGet();
    try (permit) {
      var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      outcome = Integer.toString(response.statusCode());
      return new Answer(response.statusCode(), response.headers(), text(what, response));
    } catch (IOException e) {
      counter("netsuite.client.errors", operation, "code", e.getClass().getSimpleName())
          .increment();
      throw NetSuiteErrors.fromFailure(what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableSyncException(
          NetSuiteErrors.SYSTEM, "Interrupted while trying to " + what, e);
    } finally {
      permitsInUse.decrementAndGet();
      Timer.builder("netsuite.client.calls")
          .description("Calls to NetSuite, by operation and HTTP status")
          .tags("account", config.accountId(), "operation", operation, "status", outcome)
          .register(meters)
          .record(Duration.ofNanos(System.nanoTime() - started));
    }
  }

  /**
   * The body in the charset NetSuite named, UTF-8 when it named none; bytes that are not text in it
   * fail the call rather than reach a record as replacement characters.
   */
  private static String text(String what, HttpResponse<byte[]> response) {
    try {
      return WireText.decode(response.headers().firstValue("Content-Type"), response.body());
    } catch (WireText.NotText e) {
      throw new PermanentSyncException(
          NetSuiteErrors.SYSTEM,
          "NetSuite's answer to "
              + what
              + " (HTTP "
              + response.statusCode()
              + ") cannot be read: "
              + e.getMessage()
              + ". Syncline does not guess at text, so that no name is stored garbled. If a proxy"
              + " stands between Syncline and NetSuite, check that it passes bodies unchanged.",
          Optional.empty(),
          e);
    }
  }

  private Counter counter(String name, String operation, String tag, String value) {
    return Counter.builder(name)
        .tags("account", config.accountId(), "operation", operation, tag, value)
        .register(meters);
  }

  private static String errorCode(Answer answer) {
    var details = answer.jsonOrEmpty().path("o:errorDetails");
    return details.isEmpty()
        ? "HTTP_" + answer.status()
        : details.get(0).path("o:errorCode").asString("HTTP_" + answer.status());
  }
}
