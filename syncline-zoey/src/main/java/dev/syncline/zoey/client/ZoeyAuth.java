package dev.syncline.zoey.client;

import dev.syncline.core.PermanentSyncException.ConfigurationProblem;
import dev.syncline.core.RetryableSyncException.RemoteUnavailable;
import dev.syncline.core.Secret;
import dev.syncline.core.WireText;
import dev.syncline.core.remote.RemoteCalls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Syncline's OAuth 2.0 session with one Zoey store (zoey.md §1.1: authorization code grant, refresh
 * tokens, client authentication by HTTP Basic; the wire is RFC 6749). Tokens are saved to the
 * {@link ZoeyTokenStore} before they are used, and renewed a minute before they expire, or at once
 * when Zoey refuses one. One lock serialises renewals, so that a rotated refresh token is used
 * once.
 */
final class ZoeyAuth {

  private static final Logger log = LoggerFactory.getLogger(ZoeyAuth.class);
  // Renews this long before the expiry Zoey stated, so that a token does not expire in flight.
  private static final Duration EARLY = Duration.ofSeconds(60);

  private final ZoeyConfig config;
  private final ZoeyTokenStore store;
  private final InstantSource clock;
  private final Counter refreshes;
  private final ReentrantLock lock = new ReentrantLock();
  private final HttpClient http;
  private final RemoteCalls calls;
  private ZoeyTokens current;

  ZoeyAuth(
      ZoeyConfig config,
      ZoeyTokenStore store,
      HttpClient http,
      RemoteCalls calls,
      InstantSource clock,
      MeterRegistry meters) {
    this.config = config;
    this.store = store;
    this.http = http;
    this.calls = calls;
    this.clock = clock;
    this.refreshes =
        Counter.builder("syncline.remote.token.refreshes")
            .description("Access tokens renewed with a refresh token")
            .tag("system", ZoeyApi.SYSTEM)
            .register(meters);
  }

  /** RFC 6749 §4.1.1: where a person authorizes Syncline in Zoey. */
  URI authorizationUrl(String state) {
    var query = new LinkedHashMap<String, String>();
    query.put("response_type", "code");
    query.put("client_id", config.clientId());
    query.put("redirect_uri", config.redirectUri().toString());
    query.put("state", state);
    var base = config.authorizeUrl().toString();
    return URI.create(base + (base.contains("?") ? "&" : "?") + WireText.form(query));
  }

  /** RFC 6749 §4.1.3: trades the code Zoey gave the person for tokens, and saves them. */
  void connect(String code) {
    var form = new LinkedHashMap<String, String>();
    form.put("grant_type", ZoeyApi.GRANT_AUTHORIZATION_CODE);
    form.put("code", code);
    form.put("redirect_uri", config.redirectUri().toString());
    lock.lock();
    try {
      current =
          request(
              form,
              Optional.empty(),
              "Zoey refused the authorization code. A code works once and only for minutes: authorize"
                  + " Syncline in Zoey again and use the new code at once.");
      log.info("Connected to Zoey; the access token expires at {}", current.accessTokenExpiresAt());
    } finally {
      lock.unlock();
    }
  }

  /** A token to call the API with, renewed first when it is about to expire. */
  Secret accessToken() {
    lock.lock();
    try {
      var tokens = tokens();
      if (!clock.instant().isBefore(tokens.accessTokenExpiresAt().minus(EARLY))) {
        tokens = refresh(tokens);
      }
      return tokens.accessToken();
    } finally {
      lock.unlock();
    }
  }

  /** Zoey refused {@code rejected}: a renewed token, unless another call has renewed it already. */
  Secret renewAfterRejection(Secret rejected) {
    lock.lock();
    try {
      var tokens = tokens();
      return tokens.accessToken().equals(rejected)
          ? refresh(tokens).accessToken()
          : tokens.accessToken();
    } finally {
      lock.unlock();
    }
  }

  private ZoeyTokens tokens() {
    if (current == null) {
      current =
          store
              .load()
              .orElseThrow(() ->
                  new ConfigurationProblem(
                      ZoeyApi.SYSTEM,
                      "Syncline is not connected to Zoey yet. Authorize it in Zoey (open the authorization URL),"
                          + " then hand Syncline the code Zoey returns.",
                      Optional.empty(),
                      null));
    }
    return current;
  }

  private ZoeyTokens refresh(ZoeyTokens tokens) {
    var form = new LinkedHashMap<String, String>();
    form.put("grant_type", ZoeyApi.GRANT_REFRESH_TOKEN);
    form.put("refresh_token", tokens.refreshToken().reveal());
    current =
        request(
            form,
            Optional.of(tokens.refreshToken()),
            "Zoey no longer accepts Syncline's refresh token: it was revoked, or replaced by a newer one"
                + " that was lost. Authorize Syncline in Zoey again.");
    refreshes.increment();
    log.info("Renewed the Zoey access token; it expires at {}", current.accessTokenExpiresAt());
    return current;
  }

  /**
   * Posts a grant to the token endpoint and saves what comes back.
   *
   * @param keptRefresh the refresh token to keep when Zoey does not rotate it
   * @param refusedGrant what to tell a person when Zoey refuses the grant
   */
  private ZoeyTokens request(
      Map<String, String> form, Optional<Secret> keptRefresh, String refusedGrant) {
    var call = "POST " + config.tokenUrl().getPath();
    // RFC 6749 §2.3.1: client id and secret, form-encoded, as HTTP Basic credentials.
    var basic =
        Base64.getEncoder()
            .encodeToString(
                (WireText.percentEncode(config.clientId())
                        + ":"
                        + WireText.percentEncode(config.clientSecret().reveal()))
                    .getBytes(StandardCharsets.UTF_8));
    var request =
        HttpRequest.newBuilder(config.tokenUrl())
            .timeout(config.requestTimeout())
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", WireText.FORM)
            .header("Accept", ZoeyApi.JSON)
            .POST(HttpRequest.BodyPublishers.ofString(WireText.form(form), StandardCharsets.UTF_8))
            .build();
    var response =
        calls.exchange(
            new RemoteCalls.Call("POST oauth_token", call, "POST", false),
            config.tokenUrl(),
            RemoteCalls.Credentials.NONE,
            authorization ->
                ZoeyHttp.raw(http.send(request, HttpResponse.BodyHandlers.ofByteArray())));
    JsonNode body;
    try {
      body =
          response.body().isBlank()
              ? ZoeyHttp.JSON.createObjectNode()
              : ZoeyHttp.JSON.readTree(response.body());
    } catch (JacksonException e) {
      throw ZoeyErrors.unexpectedBody(call, "a body that is not JSON; check the Zoey token URL");
    }
    var status = response.status();
    if (status >= 500 || status == 429) {
      throw new RemoteUnavailable(
          ZoeyApi.SYSTEM,
          "Zoey's token endpoint failed with HTTP " + status + ".",
          Optional.empty(),
          null);
    }
    var error = body.path(ZoeyApi.OAUTH_ERROR).asString("");
    if (status == 401 || error.equals(ZoeyApi.INVALID_CLIENT)) {
      throw new ConfigurationProblem(
          ZoeyApi.SYSTEM,
          "Zoey refused Syncline's client id or secret."
              + " Copy both again from the OAuth 2 client in Zoey's Settings > APIs.",
          Optional.empty(),
          null);
    }
    if (error.equals(ZoeyApi.INVALID_GRANT)) {
      throw new ConfigurationProblem(ZoeyApi.SYSTEM, refusedGrant, Optional.empty(), null);
    }
    var access = body.path(ZoeyApi.ACCESS_TOKEN).asString("");
    var lifetime = body.path(ZoeyApi.EXPIRES_IN).asLong(-1);
    if (status != 200 || access.isEmpty() || lifetime <= 0) {
      throw new ConfigurationProblem(
          ZoeyApi.SYSTEM,
          "Zoey's token endpoint answered HTTP "
              + status
              + (error.isEmpty()
                  ? " without an access token and its lifetime"
                  : " with error "
                      + error
                      + ": "
                      + body.path(ZoeyApi.OAUTH_ERROR_DESCRIPTION).asString(""))
              + ". Check the Zoey token URL and that the OAuth 2 client allows the authorization code and"
              + " refresh token grants.",
          Optional.empty(),
          null);
    }
    var refresh = body.path(ZoeyApi.REFRESH_TOKEN).asString("");
    var tokens =
        new ZoeyTokens(
            Secret.of(access),
            refresh.isEmpty()
                ? keptRefresh.orElseThrow(() ->
                    new ConfigurationProblem(
                        ZoeyApi.SYSTEM,
                        "Zoey granted no refresh token. Allow the Refresh Token grant on the OAuth 2 client in Zoey's"
                            + " Settings > APIs, then authorize Syncline again.",
                        Optional.empty(),
                        null))
                : Secret.of(refresh),
            clock.instant().plusSeconds(lifetime));
    // Saved before use: a rotated refresh token that only lived in memory would die with a restart.
    store.save(tokens);
    return tokens;
  }
}
