package dev.syncline.joor.client;

import dev.syncline.core.PermanentSyncException.ConfigurationProblem;
import dev.syncline.core.RetryableSyncException.RemoteUnavailable;
import dev.syncline.core.WireText;
import dev.syncline.core.remote.RemoteCalls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
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
  private final RemoteCalls calls;
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
      RemoteCalls calls,
      InstantSource clock,
      Duration timeout,
      String account,
      JsonMapper json) {
    this.grant = grant;
    this.endpoint = endpoint;
    this.http = http;
    this.calls = calls;
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
    var fields = new LinkedHashMap<String, String>();
    fields.put("grant_type", "password");
    fields.put("client_id", grant.clientId());
    fields.put("client_secret", grant.clientSecret().reveal());
    fields.put("username", grant.username());
    fields.put("password", grant.password().reveal());
    var request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", WireText.FORM)
            .header("Accept", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(WireText.form(fields), StandardCharsets.UTF_8))
            .build();
    // The token request spends no credits; the call that needs the token retries it.
    var call =
        new RemoteCalls.Call(
            "token", "get a v4 access token for account " + account, "POST", false, 0);
    var reply =
        calls.exchange(
            call,
            endpoint,
            RemoteCalls.Credentials.NONE,
            auth -> JoorHttp.raw(http.send(request, HttpResponse.BodyHandlers.ofByteArray())));
    var status = reply.status();
    if (status >= 500) {
      throw new RemoteUnavailable(
          "joor",
          "JOOR's token endpoint answered HTTP " + status + "; Syncline will try again",
          Optional.empty(),
          null);
    }
    try {
      var body = json.readTree(reply.body().isBlank() ? "{}" : reply.body());
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
