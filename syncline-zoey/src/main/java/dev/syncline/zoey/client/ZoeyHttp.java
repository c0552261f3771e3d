package dev.syncline.zoey.client;

import dev.syncline.core.RetryableSyncException;
import dev.syncline.core.RetryableSyncException.RateLimited;
import dev.syncline.core.RetryableSyncException.RemoteUnavailable;
import dev.syncline.core.Secret;
import dev.syncline.core.SyncException;
import dev.syncline.core.WireText;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every call to Zoey's REST API goes through here: the bearer token, one renewal of the token when
 * Zoey refuses it, short retries of what time may fix, and the classification of failures into
 * Syncline's error roots. With {@link ZoeyAuth}, the only code that sees status codes.
 */
final class ZoeyHttp {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** A successful answer: its status, its JSON body if it had one, its Location header if any. */
  record Answer(int status, Optional<JsonNode> body, Optional<String> location) {}

  private final ZoeyConfig config;
  private final ZoeyTransport transport;
  private final ZoeyAuth auth;
  private final MeterRegistry meters;
  private final InstantSource clock;
  private final Retry idempotentRetry;
  private final Retry createRetry;

  ZoeyHttp(
      ZoeyConfig config,
      ZoeyTransport transport,
      ZoeyAuth auth,
      MeterRegistry meters,
      InstantSource clock) {
    this.config = config;
    this.transport = transport;
    this.auth = auth;
    this.meters = meters;
    this.clock = clock;
    // Reads, updates and deletes are safe to repeat. A create is repeated only when Zoey surely did
    // not act on it (refused for the rate, or never connected); otherwise it could be made twice.
    this.idempotentRetry = retry("zoey-idempotent", e -> true);
    this.createRetry =
        retry(
            "zoey-create",
            e ->
                e instanceof RateLimited
                    || (e instanceof RemoteUnavailable
                        && e.getCause() instanceof ConnectException));
  }

  JsonNode get(String path, List<Map.Entry<String, String>> query) {
    return call("GET", path, query, Optional.empty())
        .body()
        .orElseThrow(() -> ZoeyErrors.unexpectedBody("GET " + path, "an empty body"));
  }

  Answer post(String path, JsonNode body) {
    return call("POST", path, List.of(), Optional.of(body));
  }

  Answer put(String path, JsonNode body) {
    return call("PUT", path, List.of(), Optional.of(body));
  }

  Answer delete(String path) {
    return call("DELETE", path, List.of(), Optional.empty());
  }

  private Answer call(
      String method, String path, List<Map.Entry<String, String>> query, Optional<JsonNode> body) {
    var retry = method.equals("POST") ? createRetry : idempotentRetry;
    try {
      return Retry.decorateSupplier(retry, () -> attempt(method, path, query, body)).get();
    } catch (SyncException e) {
      Counter.builder("syncline.remote.errors")
          .description("Calls to a remote system that failed after the client's own retries")
          .tag("system", ZoeyApi.SYSTEM)
          .tag("cause", e.cause())
          .register(meters)
          .increment();
      throw e;
    }
  }

  private Answer attempt(
      String method, String path, List<Map.Entry<String, String>> query, Optional<JsonNode> body) {
    var call = method + " " + path;
    var token = auth.accessToken();
    var response = exchange(method, path, query, body, token);
    if (response.statusCode() == 401) {
      // The token may have been revoked or expired early: renew it once, then give up.
      response = exchange(method, path, query, body, auth.renewAfterRejection(token));
    }
    var status = response.statusCode();
    var json = parse(call, response.body());
    if (status >= 200 && status < 300) {
      return new Answer(status, json, response.headers().firstValue(ZoeyApi.LOCATION));
    }
    throw ZoeyErrors.classify(
        call, status, json, response.headers().firstValue(ZoeyApi.RETRY_AFTER), clock.instant());
  }

  private ZoeyTransport.Reply exchange(
      String method,
      String path,
      List<Map.Entry<String, String>> query,
      Optional<JsonNode> body,
      Secret token) {
    var request =
        HttpRequest.newBuilder(uri(path, query))
            .timeout(config.requestTimeout())
            .header("Accept", ZoeyApi.JSON)
            .header("Authorization", "Bearer " + token.reveal());
    if (body.isPresent()) {
      request
          .header("Content-Type", WireText.JSON)
          .method(
              method,
              HttpRequest.BodyPublishers.ofString(
                  JSON.writeValueAsString(body.get()), StandardCharsets.UTF_8));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return transport.send(request.build(), method, resourceOf(path));
  }

  private Optional<JsonNode> parse(String call, String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(text));
    } catch (JacksonException e) {
      var start = text.strip();
      throw ZoeyErrors.unexpectedBody(
          call,
          "a body that is not JSON (it starts \""
              + start.substring(0, Math.min(40, start.length()))
              + "\")");
    }
  }

  private URI uri(String path, List<Map.Entry<String, String>> query) {
    var uri = new StringBuilder(config.baseUrl().toString()).append('/').append(path);
    var separator = '?';
    for (var parameter : query) {
      uri.append(separator)
          .append(encode(parameter.getKey()))
          .append('=')
          .append(encode(parameter.getValue()));
      separator = '&';
    }
    return URI.create(uri.toString());
  }

  /** The first segment of a path, so that metrics group by resource and not by record. */
  static String resourceOf(String path) {
    var slash = path.indexOf('/');
    return slash < 0 ? path : path.substring(0, slash);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private Retry retry(String name, java.util.function.Predicate<Throwable> alsoWhen) {
    var longest = config.longestRetryAfter();
    IntervalBiFunction<Object> interval =
        (attempt, outcome) -> {
          if (outcome.isLeft()
              && outcome.getLeft() instanceof RateLimited limited
              && limited.retryAfter().isPresent()) {
            return limited.retryAfter().get().toMillis();
          }
          var base = config.retryBackoff().toMillis() * (1L << Math.min(attempt - 1, 10));
          return (long) (base * ThreadLocalRandom.current().nextDouble(0.5, 1.5));
        };
    var retryConfig =
        RetryConfig.custom()
            .maxAttempts(config.maxAttempts())
            .intervalBiFunction(interval)
            .retryOnException(e ->
                e instanceof RetryableSyncException retryable
                    && !(e.getCause() instanceof InterruptedException)
                    && retryable.retryAfter().map(wait -> wait.compareTo(longest) <= 0).orElse(true)
                    && alsoWhen.test(e))
            .failAfterMaxAttempts(false)
            .build();
    var retry = Retry.of(name, retryConfig);
    var retries =
        Counter.builder("syncline.remote.retries")
            .description("Calls to a remote system the client tried again")
            .tag("system", ZoeyApi.SYSTEM)
            .register(meters);
    retry.getEventPublisher().onRetry(event -> retries.increment());
    return retry;
  }
}
