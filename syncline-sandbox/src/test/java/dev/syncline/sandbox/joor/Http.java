package dev.syncline.sandbox.joor;

import dev.syncline.sandbox.common.SandboxHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;

/** A bare HTTP caller for the sandbox's own tests, speaking as a JOOR client would. */
final class Http {

  record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse("");
    }
  }

  private final HttpClient client = HttpClient.newHttpClient();
  private final URI base;
  private String authorization = "";

  Http(URI base) {
    this.base = base;
  }

  Http v2Token(String token) {
    authorization =
        "OAuth2 " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  Http bearer(String token) {
    authorization = "Bearer " + token;
    return this;
  }

  Http authorization(String value) {
    authorization = value;
    return this;
  }

  Reply get(String path) {
    return send("GET", path, null, "application/json");
  }

  Reply post(String path, String json) {
    return send("POST", path, json, "application/json");
  }

  Reply put(String path, String json) {
    return send("PUT", path, json, "application/json");
  }

  Reply delete(String path) {
    return send("DELETE", path, null, "application/json");
  }

  Reply form(String path, String form) {
    return send("POST", path, form, "application/x-www-form-urlencoded");
  }

  Reply send(String method, String path, String body, String contentType) {
    var builder =
        HttpRequest.newBuilder(base.resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", contentType)
            .header("Accept", "application/json");
    if (!authorization.isEmpty()) {
      builder.header("Authorization", authorization);
    }
    try {
      var response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      var text = response.body();
      return new Reply(
          response.statusCode(),
          text.isBlank() ? SandboxHttp.JSON.nullNode() : SandboxHttp.JSON.readTree(text),
          response);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
