package dev.syncline.sandbox.joor;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may call: v2 static tokens, each for one account, and v4 API clients and users who get bearer
 * tokens from {@code /auth/} (joor.md §1.3).
 */
final class Auth {

  /** Access tokens live 10 hours, refresh tokens 90 days (joor.md §1.3, token response example). */
  static final Duration ACCESS_LIFETIME = Duration.ofSeconds(36_000);

  static final Duration REFRESH_LIFETIME = Duration.ofSeconds(7_776_000);

  /** A v4 user: a JOOR login with access to some brand accounts. */
  record User(String username, String password, List<String> accounts) {}

  /** Who a request comes from. */
  sealed interface Caller {
    /** The accounts this caller may address. */
    List<String> accounts();
  }

  record V2Token(String account) implements Caller {
    @Override
    public List<String> accounts() {
      return List.of(account);
    }
  }

  record Bearer(User user) implements Caller {
    @Override
    public List<String> accounts() {
      return user.accounts();
    }
  }

  record Issued(String accessToken, String refreshToken, Duration expiresIn) {}

  private record Grant(User user, Instant expires) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, String> v2Tokens = new ConcurrentHashMap<>();
  private final Map<String, String> clients = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, User> users = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, Grant> accessTokens = new ConcurrentHashMap<>();
  private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();

  void addV2Token(String token, String account) {
    v2Tokens.put(token, account);
  }

  void addClient(String clientId, String secret) {
    clients.put(clientId, secret);
  }

  void addUser(User user) {
    users.put(user.username(), user);
  }

  /** The v2 tokens by account, for the connection settings. */
  Map<String, String> v2TokensByAccount() {
    var byAccount = new java.util.TreeMap<String, String>();
    v2Tokens.forEach((token, account) -> byAccount.putIfAbsent(account, token));
    return byAccount;
  }

  /** The first API client, as client id and secret, for the connection settings. */
  synchronized Optional<Map.Entry<String, String>> firstClient() {
    return clients.entrySet().stream().findFirst().map(e -> Map.entry(e.getKey(), e.getValue()));
  }

  synchronized Optional<User> firstUser() {
    return users.values().stream().findFirst();
  }

  /** Makes every access token issued so far invalid, as a revoked grant would. */
  void revokeAccessTokens() {
    accessTokens.clear();
  }

  /**
   * Reads the Authorization header. v2 uses the custom scheme {@code OAuth2 <base64 token>}, whose
   * name third-party code writes in any case; a v4 bearer token works on v2 as well (joor.md §1.3).
   * The v4 reference pages also list the OAuth2 scheme, so it is accepted there too.
   */
  Caller authenticate(Optional<String> header, Instant now) {
    var value =
        header.orElseThrow(() ->
            JoorError.unauthorized(
                "No Authorization header. Send \"OAuth2 <base64 token>\" or \"Bearer"
                    + " <access_token>\"."));
    var space = value.indexOf(' ');
    var scheme = space < 0 ? value : value.substring(0, space);
    var credential = space < 0 ? "" : value.substring(space + 1).strip();
    if (scheme.equalsIgnoreCase("OAuth2")) {
      var account = v2Tokens.get(decode(credential));
      if (account == null) {
        throw JoorError.unauthorized("The API token is not valid or has been deactivated.");
      }
      return new V2Token(account);
    }
    if (scheme.equalsIgnoreCase("Bearer")) {
      var grant = accessTokens.get(credential);
      if (grant == null || !now.isBefore(grant.expires())) {
        throw JoorError.unauthorized("The access token is not valid or has expired.");
      }
      return new Bearer(grant.user());
    }
    throw JoorError.unauthorized(
        "Unknown authorization scheme \"" + scheme + "\"; use OAuth2 or Bearer.");
  }

  private static String decode(String base64) {
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /**
   * The password grant of {@code /auth/} (joor.md §1.3), and the refresh grant of the Keycloak
   * realm behind it. Errors follow OAuth 2.0: {@code invalid_request}, {@code invalid_client},
   * {@code invalid_grant}, {@code unsupported_grant_type}.
   */
  Issued grant(Map<String, String> form, Instant now) {
    var clientId = form.getOrDefault("client_id", "");
    var secret = clients.get(clientId);
    if (secret == null || !secret.equals(form.getOrDefault("client_secret", ""))) {
      throw new AuthError(401, "invalid_client", "Invalid client or Invalid client credentials");
    }
    var grantType = form.getOrDefault("grant_type", "");
    var user =
        switch (grantType) {
          case "password" -> passwordUser(form);
          case "refresh_token" -> refreshUser(form, now);
          case "" ->
              throw new AuthError(400, "invalid_request", "Missing form parameter: grant_type");
          default ->
              throw new AuthError(
                  400, "unsupported_grant_type", "Unsupported grant_type " + grantType);
        };
    var access = token();
    var refresh = token();
    accessTokens.put(access, new Grant(user, now.plus(ACCESS_LIFETIME)));
    refreshTokens.put(refresh, new Grant(user, now.plus(REFRESH_LIFETIME)));
    return new Issued(access, refresh, ACCESS_LIFETIME);
  }

  private User passwordUser(Map<String, String> form) {
    var user = users.get(form.getOrDefault("username", ""));
    if (user == null || !user.password().equals(form.getOrDefault("password", ""))) {
      throw new AuthError(401, "invalid_grant", "Invalid user credentials");
    }
    return user;
  }

  private User refreshUser(Map<String, String> form, Instant now) {
    var grant = refreshTokens.remove(form.getOrDefault("refresh_token", ""));
    if (grant == null || !now.isBefore(grant.expires())) {
      throw new AuthError(400, "invalid_grant", "Invalid refresh token");
    }
    return grant.user();
  }

  private String token() {
    var bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A refusal of the token endpoint, in OAuth 2.0's shape rather than JOOR's. */
  static final class AuthError extends RuntimeException {
    final int status;
    final String error;

    AuthError(int status, String error, String description) {
      super(description, null, false, false);
      this.status = status;
      this.error = error;
    }
  }
}
