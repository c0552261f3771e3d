package dev.syncline.joor.client;

import dev.syncline.core.PermanentSyncException.ConfigurationProblem;
import dev.syncline.core.RetryableSyncException.RemoteUnavailable;
import dev.syncline.core.WireText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * v4 bearer tokens from JOOR's {@code /auth/} password grant (joor.md §1.3), renewed before they
 * expire (10 hours) and after JOOR refuses one. Several may be valid at once, so a renewal never
 * disturbs calls still using the old token.
 */
final class TokenSource {

  private record Token(String value, Instant renewAt) {}

  private final JoorConfig.PasswordGrant grant;
  private final URI endpoint;
  private final HttpClient http;
  private final InstantSource clock;
  private final Duration timeout;
  private final String account;
  private final JsonMapper json;
  private final ReentrantLock lock = new ReentrantLock();
  private Optional<Token> current = Optional.empty();

  TokenSource(
      JoorConfig.PasswordGrant grant,
      URI endpoint,
      HttpClient http,
      InstantSource clock,
      Duration timeout,
      String account,
      JsonMapper json) {
    this.grant = grant;
    this.endpoint = endpoint;
    this.http = http;
    this.clock = clock;
    this.timeout = timeout;
    this.account = account;
    this.json = json;
  }

  String token() {
    lock.lock();
    try {
      var now = clock.instant();
      if (current.isEmpty() || !now.isBefore(current.get().renewAt())) {
        current = Optional.of(request(now));
      }
      return current.get().value();
    } finally {
      lock.unlock();
    }
  }

  /**
   * JOOR refused {@code token}: the next call gets a new one, unless another call renewed it
   * already.
   */
  void refused(String token) {
    lock.lock();
    try {
      if (current.map(t -> t.value().equals(token)).orElse(false)) {
        current = Optional.empty();
      }
    } finally {
      lock.unlock();
    }
  }

  private Token request(Instant now) {
    // joor.md §1.3: form fields client_id, client_secret, grant_type=password, username, password.
    var form =
        "grant_type=password&client_id="
            + Call.encode(grant.clientId())
            + "&client_secret="
            + Call.encode(grant.clientSecret().reveal())
            + "&username="
            + Call.encode(grant.username())
            + "&password="
            + Call.encode(grant.password().reveal());
    var request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", WireText.FORM)
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
            .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new RemoteUnavailable(
          "joor",
          "JOOR's token endpoint " + endpoint + " did not answer: " + e.getMessage(),
          Optional.empty(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteUnavailable(
          "joor", "Interrupted while asking JOOR for a token", Optional.empty(), e);
    }
    var status = response.statusCode();
    if (status >= 500) {
      throw new RemoteUnavailable(
          "joor",
          "JOOR's token endpoint answered HTTP " + status + "; Syncline will try again",
          Optional.empty(),
          null);
    }
    try {
      var body = json.readTree(JoorHttp.text("POST " + endpoint, response));
      if (status != 200) {
        // OAuth 2.0 errors: invalid_client, invalid_grant, ... (the Keycloak realm behind /auth/).
        throw new ConfigurationProblem(
            "joor",
            "JOOR refused the v4 credentials for account "
                + account
                + " (HTTP "
                + status
                + ", "
                + body.path("error").asString("no error code")
                + ": "
                + body.path("error_description").asString("no description")
                + "). Check the JOOR client id and secret, username and password in the configuration.",
            Optional.empty(),
            null);
      }
      var value = body.path("access_token").asString("");
      var lifetime = body.path("expires_in").asLong(0);
      if (value.isEmpty() || lifetime <= 0) {
        throw new ConfigurationProblem(
            "joor",
            "JOOR's token endpoint "
                + endpoint
                + " answered without an access_token and expires_in; is it JOOR's?",
            Optional.empty(),
            null);
      }
      // Renew with a tenth of the lifetime left (at most five minutes), well before it lapses.
      var margin = Duration.ofSeconds(Math.min(300, lifetime / 10));
      return new Token(value, now.plusSeconds(lifetime).minus(margin));
    } catch (JacksonException e) {
      throw new ConfigurationProblem(
          "joor",
          "JOOR's token endpoint "
              + endpoint
              + " answered HTTP "
              + status
              + " with something that is not JSON; is it JOOR's?",
          Optional.empty(),
          e);
    }
  }
}
