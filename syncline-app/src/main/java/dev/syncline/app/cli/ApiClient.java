package dev.syncline.app.cli;

import dev.syncline.app.UserError;
import dev.syncline.core.WireText;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CLI's way to a running Syncline: its HTTP API. Commands that act on flows and records go
 * through a node, so that they work the same against the demo, a server, or a cluster behind a load
 * balancer.
 */
final class ApiClient {

  private static final JsonMapper JSON = JsonMapper.shared();

  private final URI server;
  private final Optional<String> token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ApiClient(URI server, Optional<String> token) {
    this.server = server;
    this.token = token;
  }

  /**
   * The API path {@code /api/v1/SEGMENT/...}, each segment percent-encoded whole, so that what a
   * person typed (a quote, a slash, a space, {@code #}, {@code ?}, accents) arrives as one value
   * for the API to accept or refuse.
   *
   * @throws UserError for a control character, which no name or id holds and no URL may carry
   */
  static String path(String... segments) {
    var path = new StringBuilder("/api/v1");
    for (var segment : segments) {
      if (segment.chars().anyMatch(Character::isISOControl)) {
        throw new UserError(
            "\""
                + segment.replaceAll("\\p{Cntrl}", "?")
                + "\" holds a control character (shown as ?), which no name or id has; type it"
                + " again.");
      }
      path.append('/').append(encode(segment));
    }
    return path.toString();
  }

  /** RFC 3986's unreserved characters stay; every other byte of the UTF-8 is %XX. */
  private static String encode(String segment) {
    if (segment.equals(".") || segment.equals("..")) {
      // Unencoded, these would climb the path instead of naming something.
      return segment.replace(".", "%2E");
    }
    return WireText.percentEncode(segment);
  }

  JsonNode get(String path, Map<String, String> query) {
    return send("GET", path + query(query), null);
  }

  JsonNode post(String path, Map<String, String> query, Object body) {
    return send("POST", path + query(query), body);
  }

  JsonNode put(String path, Object body) {
    return send("PUT", path, body);
  }

  private static String query(Map<String, String> query) {
    if (query.isEmpty()) {
      return "";
    }
    return "?"
        + query.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
  }

  private JsonNode send(String method, String path, Object body) {
    var builder = HttpRequest.newBuilder(server.resolve(path));
    token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
    var request =
        builder
            .timeout(Duration.ofMinutes(2))
            .header("Accept", "application/json")
            .header("Content-Type", WireText.JSON)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(body), StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new UserError(
          "No Syncline answers at "
              + server
              + ". Start it (syncline serve, or syncline demo), or name another with --server.");
    } catch (IOException e) {
      throw new UserError("Could not reach Syncline at " + server + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("Interrupted while waiting for Syncline at " + server);
    }
    JsonNode node;
    try {
      node = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (RuntimeException e) {
      throw new UserError(
          response.statusCode() >= 400
              ? "Syncline at "
                  + server
                  + " refused the request (HTTP "
                  + response.statusCode()
                  + ") without saying why; check the names and ids given, or run again with"
                  + " --verbose."
              : "Syncline at "
                  + server
                  + " answered "
                  + response.statusCode()
                  + " with something that is not JSON; is --server the address of a Syncline?");
    }
    if (response.statusCode() == 401) {
      throw new UserError(
          token.isEmpty()
              ? "Syncline at "
                  + server
                  + " wants an API token: pass --token TOKEN or set SYNCLINE_TOKEN. An admin makes"
                  + " one under API tokens in the dashboard."
              : "Syncline at "
                  + server
                  + " does not know this API token (revoked, or of another server); ask an admin"
                  + " for a new one.");
    }
    if (response.statusCode() >= 400) {
      // The API's refusals carry "error"; the web server's own (no such route) carry "title".
      throw new UserError(
          node.path("error")
              .asString(
                  node.path("title")
                      .asString(
                          "Syncline at "
                              + server
                              + " refused the request (HTTP "
                              + response.statusCode()
                              + ")")));
    }
    return node;
  }
}
