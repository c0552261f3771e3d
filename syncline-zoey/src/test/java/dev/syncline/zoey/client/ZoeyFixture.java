package dev.syncline.zoey.client;

import dev.syncline.core.Secret;
import dev.syncline.core.limit.Limiter;
import dev.syncline.core.testing.SettableClock;
import dev.syncline.sandbox.common.SandboxClock;
import dev.syncline.sandbox.zoey.ZoeySandbox;
import dev.syncline.sandbox.zoey.ZoeySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Zoey sandbox on loopback and a client connected to it the way a person would connect one: open
 * the authorization URL, take the code from the redirect, hand it to the client.
 */
final class ZoeyFixture implements AutoCloseable {

  static final JsonMapper JSON = JsonMapper.builder().build();

  final SettableClock time = new SettableClock(Instant.parse("2026-03-02T09:00:00Z"));
  final SandboxClock clock = new SandboxClock(time);
  final ZoeySandbox sandbox;
  final Path tokenFile;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  ZoeyClient client;

  ZoeyFixture(Path directory, ZoeySettings settings, boolean seed) {
    this.sandbox = ZoeySandbox.start("127.0.0.1", 0, clock, settings, seed);
    this.tokenFile = directory.resolve("secrets").resolve("zoey-tokens.json");
  }

  /** A store with the demo data, and a connected client. */
  static ZoeyFixture connected(Path directory) {
    return connected(directory, ZoeySettings.defaults(), true);
  }

  static ZoeyFixture connected(Path directory, ZoeySettings settings, boolean seed) {
    var fixture = new ZoeyFixture(directory, settings, seed);
    fixture.client = fixture.newClient(fixture.config());
    fixture.client.connect(fixture.authorize(fixture.client));
    return fixture;
  }

  ZoeyConfig config() {
    return ZoeyConfig.of(
            sandbox.baseUrl(),
            sandbox.authorizeUrl(),
            sandbox.tokenUrl(),
            ZoeySandbox.CLIENT_ID,
            Secret.of(ZoeySandbox.CLIENT_SECRET),
            URI.create(ZoeySandbox.REDIRECT_URI))
        .withRetries(
            new dev.syncline.core.remote.RemoteRetry(
                3, Duration.ofMillis(5), Duration.ofSeconds(5)));
  }

  ZoeyClient newClient(ZoeyConfig config) {
    return newClient(config, Limiter.unlimited());
  }

  ZoeyClient newClient(ZoeyConfig config, Limiter limiter) {
    return ZoeyClient.create(config, new FileZoeyTokenStore(tokenFile), limiter, meters, clock);
  }

  /** What a person's browser does: follow the authorization URL, read the code off the redirect. */
  String authorize(ZoeyClient client) {
    try (var http = HttpClient.newHttpClient()) {
      var response =
          http.send(
              HttpRequest.newBuilder(client.authorizationUrl("xyz")).build(),
              HttpResponse.BodyHandlers.discarding());
      var location = response.headers().firstValue("Location").orElseThrow();
      var query = URI.create(location).getQuery();
      if (!query.contains("state=xyz")) {
        throw new AssertionError("the redirect lost the state: " + location);
      }
      return query.replaceAll(".*code=([^&]+).*", "$1");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** A buyer checks out in the sandbox; the order's id. */
  String placeOrder(String json) {
    return sandbox.placeOrder(json(json)).path("entity_id").asString();
  }

  /** The id of the demo contact with this email. */
  String contactId(String email) {
    return client.contacts().where("email", email).getFirst().id();
  }

  int requests(String method, String pathRegex) {
    return sandbox
        .requestLog()
        .count(r -> r.method().equals(method) && r.path().matches(pathRegex));
  }

  static ObjectNode json(String text) {
    return (ObjectNode) JSON.readTree(text);
  }

  static String text(JsonNode node, String field) {
    return node.path(field).asString();
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
