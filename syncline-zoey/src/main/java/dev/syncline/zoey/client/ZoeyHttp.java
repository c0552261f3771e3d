package dev.syncline.zoey.client;

import dev.syncline.core.Secret;
import dev.syncline.core.WireText;
import dev.syncline.core.remote.RemoteCalls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every call to Zoey's REST API goes through here: the bearer token, renewed once when Zoey refuses
 * it, and the classification of failures into Syncline's error roots. With {@link ZoeyAuth}, the
 * only code that sees status codes. The limiter, the retries, the metrics and the connection's
 * health are {@link RemoteCalls}', the same for every system.
 */
final class ZoeyHttp {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** A successful answer: its status, its JSON body if it had one, its Location header if any. */
  record Answer(int status, Optional<JsonNode> body, Optional<String> location) {}

  private final ZoeyConfig config;
  private final HttpClient http;
  private final RemoteCalls calls;
  private final ZoeyAuth auth;
  private final java.time.InstantSource clock;

  ZoeyHttp(
      ZoeyConfig config,
      HttpClient http,
      RemoteCalls calls,
      ZoeyAuth auth,
      java.time.InstantSource clock) {
    this.config = config;
    this.http = http;
    this.calls = calls;
    this.auth = auth;
    this.clock = clock;
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

  /**
   * Reads, updates and deletes are safe to repeat. A create is repeated only when Zoey surely did
   * not act on it (refused for the rate, or never connected); otherwise it could be made twice.
   */
  private Answer call(
      String method, String path, List<Map.Entry<String, String>> query, Optional<JsonNode> body) {
    var what = method + " " + path;
    var remote =
        new RemoteCalls.Call(method + " " + resourceOf(path), what, method, !method.equals("POST"));
    var uri = uri(path, query);
    var text = body.map(JSON::writeValueAsString);
    return calls.call(
        remote,
        () -> {
          var reply =
              calls.exchange(
                  remote,
                  uri,
                  credentials(),
                  authorization -> send(method, uri, text, authorization));
          var json = parse(what, reply.body());
          if (reply.ok()) {
            return new Answer(reply.status(), json, reply.header(ZoeyApi.LOCATION));
          }
          throw ZoeyErrors.classify(
              what, reply.status(), json, reply.header(ZoeyApi.RETRY_AFTER), clock.instant());
        });
  }

  /** The access token, renewed once when Zoey refuses it (revoked, or expired early). */
  private RemoteCalls.Credentials credentials() {
    return new RemoteCalls.Credentials() {
      @Override
      public Optional<String> authorization() {
        return Optional.of("Bearer " + auth.accessToken().reveal());
      }

      @Override
      public boolean refused(String authorization) {
        auth.renewAfterRejection(Secret.of(authorization.substring("Bearer ".length())));
        return true;
      }
    };
  }

  private RemoteCalls.Raw send(
      String method, URI uri, Optional<String> body, Optional<String> authorization)
      throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(uri).timeout(config.requestTimeout()).header("Accept", ZoeyApi.JSON);
    authorization.ifPresent(a -> request.header("Authorization", a));
    if (body.isPresent()) {
      request
          .header("Content-Type", WireText.JSON)
          .method(method, HttpRequest.BodyPublishers.ofString(body.get(), StandardCharsets.UTF_8));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return raw(http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
  }

  static RemoteCalls.Raw raw(HttpResponse<byte[]> response) {
    return new RemoteCalls.Raw(response.statusCode(), response.headers().map(), response.body());
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
          .append(WireText.percentEncode(parameter.getKey()))
          .append('=')
          .append(WireText.percentEncode(parameter.getValue()));
      separator = '&';
    }
    return URI.create(uri.toString());
  }

  /** The first segment of a path, so that metrics group by resource and not by record. */
  static String resourceOf(String path) {
    var slash = path.indexOf('/');
    return slash < 0 ? path : path.substring(0, slash);
  }
}
