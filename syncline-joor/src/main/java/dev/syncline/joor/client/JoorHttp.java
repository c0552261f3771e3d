package dev.syncline.joor.client;

import dev.syncline.core.PermanentSyncException.ConfigurationProblem;
import dev.syncline.core.PermanentSyncException.CredentialsRefused;
import dev.syncline.core.PermanentSyncException.MissingInRemote;
import dev.syncline.core.PermanentSyncException.RemoteRejected;
import dev.syncline.core.RetryableSyncException.RateLimited;
import dev.syncline.core.RetryableSyncException.RemoteUnavailable;
import dev.syncline.core.SyncException;
import dev.syncline.core.WireText;
import dev.syncline.core.limit.Limiter;
import dev.syncline.core.port.ConnectionState;
import dev.syncline.core.remote.RemoteCalls;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place that talks HTTP to JOOR and sees status codes: builds and authorizes each request,
 * and classifies what comes back once, into the two roots of {@link SyncException}. The credits
 * (each attempt takes its cost from the account's limiter), the retries, the metrics and the
 * connection's health are {@link RemoteCalls}', the same for every system.
 */
final class JoorHttp {

  /** What JOOR answered to a call, and how to read it. */
  record Answer(JsonNode body, Wire wire) {}

  private final JoorConfig config;
  private final HttpClient http;
  private final JsonMapper json;
  private final RemoteCalls calls;
  private final Optional<TokenSource> tokens;
  private final AtomicInteger remaining = new AtomicInteger(-1);

  JoorHttp(
      JoorConfig config,
      Limiter limiter,
      MeterRegistry meters,
      java.time.InstantSource clock,
      HttpClient http,
      JsonMapper json) {
    this.config = config;
    this.http = http;
    this.json = json;
    this.calls =
        new RemoteCalls("joor", "JOOR", config.account(), config.retries(), limiter, meters, clock);
    this.tokens =
        config
            .credentials()
            .passwordGrant()
            .map(g ->
                new TokenSource(
                    g,
                    config.endpoints().auth(),
                    http,
                    calls,
                    clock,
                    config.requestTimeout(),
                    config.account(),
                    json));
    Gauge.builder("syncline.remote.credits.remaining", remaining, AtomicInteger::get)
        .description("Credits JOOR said were left in its window; -1 before the first answer")
        .tags("system", "joor", "account", config.account())
        .register(meters);
  }

  Answer send(Call call) {
    return exchange(call, false).orElseThrow();
  }

  /** Like {@link #send}, but a 404 is an empty answer rather than an error. */
  Optional<Answer> find(Call call) {
    return exchange(call, true);
  }

  private Optional<Answer> exchange(Call call, boolean notFoundIsEmpty) {
    var remote =
        new RemoteCalls.Call(
            call.endpoint(), describe(call), call.method(), call.idempotent(), call.cost());
    var root = call.api() == Call.Api.V2 ? config.endpoints().v2() : config.endpoints().v4();
    var uri = call.uri(root, config.account());
    return calls.call(
        remote,
        () ->
            answer(
                call,
                calls.exchange(remote, uri, credentials(call), auth -> send(call, uri, auth)),
                notFoundIsEmpty));
  }

  /** The connection as this client's calls found it, with the credits JOOR said were left. */
  ConnectionState connection() {
    var left = remaining.get();
    return calls
        .connection()
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

  /**
   * v4 calls, and v2 calls when no v2 token is configured, carry a bearer token from the password
   * grant, renewed once when JOOR refuses it. v2's own token is fixed (joor.md §1.3: v2's custom
   * scheme carries the base64-encoded token).
   */
  private RemoteCalls.Credentials credentials(Call call) {
    if (call.api() == Call.Api.V4 || config.credentials().v2Token().isEmpty()) {
      var source =
          tokens.orElseThrow(() ->
              new ConfigurationProblem(
                  "joor",
                  call.endpoint()
                      + " is a v4 call and needs JOOR's v4 credentials (client id and secret, username and password); only a v2 token is configured for account "
                      + config.account()
                      + ".",
                  Optional.empty(),
                  null));
      return new RemoteCalls.Credentials() {
        @Override
        public Optional<String> authorization() {
          return Optional.of("Bearer " + source.token());
        }

        @Override
        public boolean refused(String authorization) {
          source.refused(authorization.substring("Bearer ".length()));
          return true;
        }
      };
    }
    var token = config.credentials().v2Token().orElseThrow().reveal();
    return RemoteCalls.Credentials.fixed(
        Optional.of(
            "OAuth2 "
                + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))));
  }

  private RemoteCalls.Raw send(Call call, URI uri, Optional<String> authorization)
      throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(uri)
            .timeout(config.requestTimeout())
            .header("Accept", "application/json")
            .header("Content-Type", WireText.JSON)
            .method(
                call.method(),
                call.json()
                    .map(j -> HttpRequest.BodyPublishers.ofString(j, StandardCharsets.UTF_8))
                    .orElseGet(HttpRequest.BodyPublishers::noBody));
    authorization.ifPresent(a -> request.header("Authorization", a));
    return raw(http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
  }

  static RemoteCalls.Raw raw(HttpResponse<byte[]> response) {
    return new RemoteCalls.Raw(response.statusCode(), response.headers().map(), response.body());
  }

  private Optional<Answer> answer(Call call, RemoteCalls.Reply reply, boolean notFoundIsEmpty) {
    reply
        .header(config.rateLimit().remainingHeader())
        .flatMap(JoorHttp::integer)
        .ifPresent(remaining::set);
    var body = parse(reply.body());
    var logId = body.flatMap(JoorHttp::logId);
    var wire = new Wire(describe(call), logId);
    if (reply.ok()) {
      return Optional.of(
          new Answer(
              body.orElseThrow(() -> wire.surprise("is not JSON: " + abbreviate(reply.body()))),
              wire));
    }
    if (reply.status() == 404 && notFoundIsEmpty) {
      return Optional.empty();
    }
    throw classify(call, reply, body, logId);
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
      Call call, RemoteCalls.Reply reply, Optional<JsonNode> body, Optional<String> logId) {
    var status = reply.status();
    var text = reply.body();
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
              "joor", said + ". Syncline will wait and try again.", retryAfter(reply), logId);
      default ->
          status >= 500
              ? new RemoteUnavailable(
                  "joor", said + ". Syncline will try again.", logId, null, writes(call))
              : new RemoteRejected("joor", status, said + ".", logId);
    };
  }

  /** Retry-After, else the seconds until JOOR's window refills (joor.md §1.6). */
  private Optional<Duration> retryAfter(RemoteCalls.Reply reply) {
    return reply
        .header("Retry-After")
        .or(() -> reply.header(config.rateLimit().resetHeader()))
        .flatMap(JoorHttp::integer)
        .map(Duration::ofSeconds);
  }
}
