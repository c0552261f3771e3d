package dev.syncline.sandbox.zoey;

import dev.syncline.sandbox.common.SandboxHttp;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Zoey's OAuth 2.0 server. zoey.md §1.1: a client registered in Settings > APIs > "Zoey REST API -
 * oAuth 2" has a Client ID, a Client Secret and allowed redirect URLs, and uses the authorization
 * code grant (PKCE optional) with refresh tokens, authenticating by HTTP Basic. The endpoint paths,
 * token lifetime and rotation are not known [U]; the wire follows RFC 6749 and RFC 7636.
 */
final class OAuthServer {

  /** The paths of the Auth URL and Token URL the admin shows [U]. */
  static final String AUTHORIZE = "/oauth/authorize";

  static final String TOKEN = "/oauth/token";

  // RFC 6749 §4.1.2: authorization codes are short-lived; ten minutes at most is recommended.
  private static final Duration CODE_TTL = Duration.ofMinutes(10);

  record Client(String id, String secret, String redirectUri) {}

  private record Code(String redirectUri, Instant expires, Optional<String> challenge) {}

  private final Client client;
  private final Supplier<Instant> now;
  private final Supplier<ZoeySettings> settings;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Code> codes = new HashMap<>();
  private final Map<String, Instant> accessTokens = new HashMap<>();
  private final Map<String, Boolean> refreshTokens = new HashMap<>();

  OAuthServer(Client client, Supplier<Instant> now, Supplier<ZoeySettings> settings) {
    this.client = client;
    this.now = now;
    this.settings = settings;
  }

  Client client() {
    return client;
  }

  /**
   * The person approves at once: the sandbox stands for an admin who is signed in and clicks Allow.
   * RFC 6749 §4.1.2.1: a bad client or redirect URI is shown to the person, never redirected to;
   * other errors go back to the redirect URI.
   */
  synchronized void authorize(Context ctx) {
    var clientId = ctx.queryParam("client_id");
    var redirect = ctx.queryParam("redirect_uri");
    if (!client.id().equals(clientId)) {
      ctx.status(400)
          .result("Unknown client_id. Check the Client ID of the OAuth 2 client in Zoey.");
      return;
    }
    if (redirect != null && !client.redirectUri().equals(redirect)) {
      ctx.status(400).result("redirect_uri is not one of the client's Allowed Redirect URLs.");
      return;
    }
    var state = ctx.queryParam("state");
    if (!"code".equals(ctx.queryParam("response_type"))) {
      redirect(ctx, Map.of("error", "unsupported_response_type"), state);
      return;
    }
    // RFC 7636 §4.3: PKCE is optional (zoey.md §1.1), S256 when used.
    var challenge = Optional.ofNullable(ctx.queryParam("code_challenge"));
    if (challenge.isPresent() && !"S256".equals(ctx.queryParam("code_challenge_method"))) {
      redirect(
          ctx,
          Map.of(
              "error",
              "invalid_request",
              "error_description",
              "code_challenge_method must be S256"),
          state);
      return;
    }
    codes.values().removeIf(c -> now.get().isAfter(c.expires()));
    var code = token();
    codes.put(code, new Code(client.redirectUri(), now.get().plus(CODE_TTL), challenge));
    redirect(ctx, Map.of("code", code), state);
  }

  /** RFC 6749 §4.1.3 and §6: the token endpoint, form-encoded, client by HTTP Basic. */
  synchronized void token(Context ctx) {
    if (!authenticated(ctx.header("Authorization"))) {
      // RFC 6749 §5.2: invalid_client is 401 with a WWW-Authenticate challenge.
      ctx.header("WWW-Authenticate", "Basic realm=\"zoey\"");
      error(ctx, 401, "invalid_client", "Client authentication failed.");
      return;
    }
    var grant = ctx.formParam("grant_type");
    SandboxHttp.detail(ctx, "grant_type", String.valueOf(grant));
    if ("authorization_code".equals(grant)) {
      var code = codes.remove(String.valueOf(ctx.formParam("code")));
      if (code == null || now.get().isAfter(code.expires())) {
        error(ctx, 400, "invalid_grant", "The authorization code is unknown, used or expired.");
        return;
      }
      if (!code.redirectUri().equals(ctx.formParam("redirect_uri"))) {
        error(ctx, 400, "invalid_grant", "redirect_uri differs from the one authorized.");
        return;
      }
      if (code.challenge().isPresent()
          && !code.challenge().get().equals(s256(ctx.formParam("code_verifier")))) {
        error(ctx, 400, "invalid_grant", "code_verifier does not match the code_challenge.");
        return;
      }
      issue(ctx, Optional.empty());
    } else if ("refresh_token".equals(grant)) {
      var refresh = String.valueOf(ctx.formParam("refresh_token"));
      if (!refreshTokens.containsKey(refresh)) {
        error(ctx, 400, "invalid_grant", "The refresh token is unknown, revoked or replaced.");
        return;
      }
      if (settings.get().rotateRefreshTokens()) {
        refreshTokens.remove(refresh);
        issue(ctx, Optional.empty());
      } else {
        issue(ctx, Optional.of(refresh));
      }
    } else {
      error(
          ctx,
          400,
          "unsupported_grant_type",
          "grant_type must be authorization_code or refresh_token.");
    }
  }

  /** Whether a bearer token may call the API now (RFC 6750 §2.1: {@code Authorization: Bearer}). */
  synchronized Optional<String> problemWith(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return Optional.of("An OAuth 2 bearer token is required.");
    }
    var expires = accessTokens.get(authorization.substring("Bearer ".length()).strip());
    if (expires == null) {
      return Optional.of("The access token is invalid or revoked.");
    }
    if (!now.get().isBefore(expires)) {
      return Optional.of("The access token has expired.");
    }
    return Optional.empty();
  }

  /** A refresh token issued without a browser, as if a person had connected before (the demo). */
  synchronized String issueRefreshToken() {
    var refresh = token();
    refreshTokens.put(refresh, true);
    return refresh;
  }

  /** Every token stops working, as when an admin disables the client in Zoey. */
  synchronized void revokeAll() {
    codes.clear();
    accessTokens.clear();
    refreshTokens.clear();
  }

  private void issue(Context ctx, Optional<String> keptRefresh) {
    accessTokens.values().removeIf(expires -> !now.get().isBefore(expires));
    var access = token();
    var ttl = settings.get().accessTokenTtl();
    accessTokens.put(access, now.get().plus(ttl));
    var refresh = keptRefresh.orElseGet(this::issueRefreshToken);
    var body = new LinkedHashMap<String, Object>();
    body.put("access_token", access);
    body.put("token_type", "Bearer");
    body.put("expires_in", ttl.toSeconds());
    body.put("refresh_token", refresh);
    // RFC 6749 §5.1: token responses must not be cached.
    ctx.header("Cache-Control", "no-store");
    ctx.json(body);
  }

  private boolean authenticated(String authorization) {
    if (authorization == null || !authorization.startsWith("Basic ")) {
      return false;
    }
    try {
      var decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).strip()),
              StandardCharsets.UTF_8);
      // RFC 6749 §2.3.1: id and secret are form-encoded before Basic encoding.
      var expected = form(client.id()) + ":" + form(client.secret());
      return MessageDigest.isEqual(
          decoded.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void error(Context ctx, int status, String error, String description) {
    ctx.status(status).json(Map.of("error", error, "error_description", description));
  }

  private void redirect(Context ctx, Map<String, String> params, String state) {
    var query = new StringBuilder();
    var all = new LinkedHashMap<>(params);
    if (state != null) {
      all.put("state", state);
    }
    all.forEach((k, v) ->
        query.append(query.isEmpty() ? "" : "&").append(form(k)).append('=').append(form(v)));
    var target = client.redirectUri();
    ctx.redirect(target + (target.contains("?") ? "&" : "?") + query);
  }

  private String token() {
    var bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String s256(String verifier) {
    if (verifier == null) {
      return "";
    }
    try {
      var digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
