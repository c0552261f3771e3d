package dev.syncline.netsuite.client;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.WireText;
import dev.syncline.core.limit.Limiter;
import dev.syncline.core.port.ConnectionState;
import dev.syncline.core.remote.RemoteCalls;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The only place that talks HTTP to NetSuite: builds and signs each request and classifies what
 * NetSuite answers into Syncline's two error roots. The limiter, the retries, the metrics and the
 * connection's health are {@link RemoteCalls}', the same for every system.
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
  record Answer(RemoteCalls.Reply reply) {
    int status() {
      return reply.status();
    }

    String body() {
      return reply.body();
    }

    Optional<String> header(String name) {
      return reply.header(name);
    }

    /** The body as JSON, or a permanent error naming what came instead. */
    JsonNode json() {
      try {
        return JSON.readTree(body().isBlank() ? "{}" : body());
      } catch (JacksonException e) {
        throw new PermanentSyncException(
            NetSuiteErrors.SYSTEM,
            "NetSuite answered with a body that is not JSON (HTTP "
                + status()
                + "): "
                + (body().length() > 200 ? body().substring(0, 200) + "..." : body())
                + ". If a proxy stands between Syncline and NetSuite, check it.");
      }
    }

    JsonNode jsonOrEmpty() {
      try {
        return JSON.readTree(body().isBlank() ? "{}" : body());
      } catch (JacksonException e) {
        return JSON.createObjectNode();
      }
    }
  }

  private final NetSuiteConfig config;
  private final InstantSource clock;
  private final HttpClient http;
  private final RemoteCalls calls;
  private final Optional<OAuth1Signer> signer;
  private final Optional<OAuth2Tokens> tokens;
  private final SecureRandom random = new SecureRandom();

  NetSuiteHttp(NetSuiteConfig config, Limiter limiter, MeterRegistry meters, InstantSource clock) {
    this.config = config;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.calls =
        new RemoteCalls(
            NetSuiteErrors.SYSTEM,
            "NetSuite",
            config.accountId(),
            config.retry(),
            limiter,
            meters,
            clock);
    this.signer =
        config.auth() instanceof NetSuiteAuth.TokenBased tba
            ? Optional.of(new OAuth1Signer(config.realm(), tba))
            : Optional.empty();
    this.tokens =
        config.auth() instanceof NetSuiteAuth.ClientCredentials cc
            ? Optional.of(new OAuth2Tokens(cc, config.restRoot(), clock))
            : Optional.empty();
  }

  /** Sends a call, retrying as its kind allows; a 2xx answer, or a classified error. */
  Answer send(Call call) {
    var remote =
        new RemoteCalls.Call(call.operation(), call.what(), call.method(), call.idempotent());
    return calls.call(
        remote,
        () -> {
          var answer =
              new Answer(
                  calls.exchange(remote, call.uri(), credentials(call), auth -> send(call, auth)));
          if (answer.reply().ok()) {
            return answer;
          }
          throw NetSuiteErrors.fromAnswer(call.what(), answer, config.accountId());
        });
  }

  /** The connection as this client's calls found it, with the account's concurrency in use. */
  ConnectionState connection() {
    return calls
        .connection()
        .withLimits(
            Map.of(
                "requests in flight",
                calls.inFlight() + " of " + config.concurrency(),
                "requests refused at the concurrency limit",
                Long.toString(calls.refusedForRate())));
  }

  /**
   * OAuth 2.0: the bearer token, renewed once when refused. TBA: a fresh signature per exchange;
   * netsuite-api.md §5.2: a 401 can come from overload, so once more with a fresh nonce.
   */
  private RemoteCalls.Credentials credentials(Call call) {
    return new RemoteCalls.Credentials() {
      @Override
      public Optional<String> authorization() {
        return Optional.of(
            tokens
                .map(t -> "Bearer " + t.bearer(NetSuiteHttp.this::postToken))
                .orElseGet(() -> tbaHeader(call)));
      }

      @Override
      public boolean refused(String authorization) {
        tokens.ifPresent(t -> t.refused(authorization.substring("Bearer ".length())));
        return true;
      }
    };
  }

  private RemoteCalls.Raw send(Call call, Optional<String> authorization)
      throws IOException, InterruptedException {
    var builder = HttpRequest.newBuilder(call.uri()).timeout(config.requestTimeout());
    builder.method(
        call.method(),
        call.body()
            .map(b -> HttpRequest.BodyPublishers.ofString(b, StandardCharsets.UTF_8))
            .orElse(HttpRequest.BodyPublishers.noBody()));
    call.headers().forEach(builder::header);
    authorization.ifPresent(a -> builder.header("Authorization", a));
    return raw(http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray()));
  }

  static RemoteCalls.Raw raw(HttpResponse<byte[]> response) {
    return new RemoteCalls.Raw(response.statusCode(), response.headers().map(), response.body());
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

  /**
   * The token endpoint: one exchange under the limiter, not retried here (the call that needs the
   * token is).
   */
  private Answer postToken(URI uri, String form) {
    var call = new RemoteCalls.Call("token", "get an OAuth 2.0 access token", "POST", false);
    var request =
        HttpRequest.newBuilder(uri)
            .timeout(config.requestTimeout())
            .header("Content-Type", WireText.FORM)
            .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
            .build();
    return new Answer(
        calls.exchange(
            call,
            uri,
            RemoteCalls.Credentials.NONE,
            auth -> raw(http.send(request, HttpResponse.BodyHandlers.ofByteArray()))));
  }
}
