package dev.syncline.app.http;

import dev.syncline.app.access.Access;
import dev.syncline.app.access.Principal;
import dev.syncline.app.access.Role;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import io.javalin.security.RouteRole;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Who may reach what. Every route declares the least role it needs, or {@link #PUBLIC}; a route
 * that declares nothing is refused to everyone, so a route added without thought is closed, not
 * open. A browser signs in for a session cookie and sends the session's CSRF token with every
 * request that changes something; a program sends an API token as {@code Authorization: Bearer}.
 */
final class Guard {

  /** The mark of the few routes anyone may reach: health, readiness and the sign-in page. */
  enum Open implements RouteRole {
    PUBLIC
  }

  static final RouteRole PUBLIC = Open.PUBLIC;
  static final String SESSION_COOKIE = "syncline_session";
  static final String CSRF_HEADER = "X-CSRF-Token";
  static final String CSRF_FIELD = "_csrf";

  /**
   * Sent by the parts of a page that refresh themselves (htmx polling): such a request is not the
   * person's doing, so it does not keep an idle session going.
   */
  static final String REFRESH_HEADER = "X-Syncline-Refresh";

  private static final String PRINCIPAL = "syncline.principal";
  private static final String CSRF = "syncline.csrf";
  private static final Set<HandlerType> SAFE =
      Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

  private Guard() {}

  static void register(JavalinConfig config, Access access) {
    config.routes.beforeMatched(ctx -> check(ctx, access));
  }

  private static void check(Context ctx, Access access) {
    var roles = ctx.routeRoles();
    if (roles.contains(PUBLIC)) {
      return;
    }
    var principal = authenticate(ctx, access);
    if (principal.isEmpty()) {
      throw new NotSignedIn();
    }
    var required =
        roles.stream().filter(Role.class::isInstance).map(Role.class::cast).min(Role::compareTo);
    if (required.isEmpty()) {
      throw new ApiError(403, "This address is not open to anyone", Optional.empty());
    }
    if (!principal.get().may(required.get())) {
      var who = principal.get();
      throw new ApiError(
          403,
          "This needs the "
              + required.get().key()
              + " role; "
              + who.name()
              + " has the "
              + who.role().key()
              + " role. "
              + (who.viaToken()
                  ? "A token keeps the role it was made with: an admin makes a new token with the "
                      + required.get().key()
                      + " role under API tokens in the dashboard, and revokes this one there."
                  : "An admin can change that under Users."),
          Optional.empty());
    }
    if (!SAFE.contains(ctx.method()) && !principal.get().viaToken()) {
      checkCsrf(ctx);
    }
    ctx.attribute(PRINCIPAL, principal.get());
  }

  private static Optional<Principal> authenticate(Context ctx, Access access) {
    var authorization = ctx.header("Authorization");
    if (authorization != null) {
      if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return Optional.empty();
      }
      return access.token(authorization.substring(7).trim());
    }
    var secret = ctx.cookie(SESSION_COOKIE);
    if (secret == null || secret.isBlank()) {
      return Optional.empty();
    }
    var refresh = ctx.method() == HandlerType.GET && "true".equals(ctx.header(REFRESH_HEADER));
    var principal = access.session(secret, !refresh);
    principal.ifPresent(p -> ctx.attribute(CSRF, Access.csrfToken(secret)));
    return principal;
  }

  private static void checkCsrf(Context ctx) {
    String expected = ctx.attribute(CSRF);
    var sent = ctx.header(CSRF_HEADER);
    if (sent == null && isForm(ctx)) {
      sent = ctx.formParam(CSRF_FIELD);
    }
    if (expected == null || sent == null || !same(expected, sent)) {
      throw new ApiError(
          403,
          "This request lacks its CSRF token (a form field "
              + CSRF_FIELD
              + " or the header "
              + CSRF_HEADER
              + "); reload the page and try again",
          Optional.empty());
    }
  }

  private static boolean isForm(Context ctx) {
    var type = ctx.contentType();
    return type != null
        && (type.startsWith("application/x-www-form-urlencoded")
            || type.startsWith("multipart/form-data"));
  }

  static boolean same(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** Who makes this request; only on routes that are not public. */
  static Principal principal(Context ctx) {
    Principal principal = ctx.attribute(PRINCIPAL);
    if (principal == null) {
      throw new NotSignedIn();
    }
    return principal;
  }

  static Optional<Principal> maybePrincipal(Context ctx) {
    return Optional.ofNullable(ctx.attribute(PRINCIPAL));
  }

  /** The CSRF token of this request's session, for the forms of the page it gets. */
  static String csrf(Context ctx) {
    String csrf = ctx.attribute(CSRF);
    return csrf == null ? "" : csrf;
  }

  static void startSession(Context ctx, Access access, Access.NewSession session) {
    ctx.cookie(cookie(ctx, session.secret(), (int) access.sessionLifetime().toSeconds()));
    ctx.attribute(PRINCIPAL, session.principal());
    ctx.attribute(CSRF, session.csrfToken());
  }

  static void endSession(Context ctx, Access access) {
    var secret = ctx.cookie(SESSION_COOKIE);
    if (secret != null) {
      access.signOut(secret);
    }
    ctx.cookie(cookie(ctx, "", 0));
  }

  /**
   * The session cookie: out of scripts' reach (HttpOnly), not sent along by other sites' forms
   * (SameSite=Lax), and only over TLS when the browser came over TLS (directly, or through a proxy
   * that says so).
   */
  static Cookie cookie(Context ctx, String value, int maxAge) {
    return new Cookie(SESSION_COOKIE, value, "/", maxAge, secure(ctx), true, null, SameSite.LAX);
  }

  /**
   * The address of the client: the last one in {@code header} when a reverse proxy in front of
   * Syncline puts it there (the one the proxy added), else the connection's. An IPv6 client counts
   * by its /64 network, as anyone with one address there usually has them all.
   */
  static String clientAddress(Context ctx, Optional<String> header) {
    var given =
        header
            .map(ctx::header)
            .map(v -> v.substring(v.lastIndexOf(',') + 1).trim())
            .filter(v -> !v.isEmpty());
    return given.flatMap(Guard::address).or(() -> address(ctx.ip())).orElse(ctx.ip());
  }

  private static Optional<String> address(String text) {
    var literal =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    try {
      var address = InetAddress.ofLiteral(literal);
      if (address instanceof Inet6Address) {
        var bytes = address.getAddress();
        Arrays.fill(bytes, 8, 16, (byte) 0);
        return Optional.of(InetAddress.getByAddress(bytes).getHostAddress() + "/64");
      }
      return Optional.of(address.getHostAddress());
    } catch (IllegalArgumentException | UnknownHostException e) {
      return Optional.empty();
    }
  }

  static boolean secure(Context ctx) {
    return "https".equalsIgnoreCase(ctx.scheme())
        || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
  }

  /** A request without a valid session or token. */
  static final class NotSignedIn extends RuntimeException {
    NotSignedIn() {
      super("Sign in first", null, false, false);
    }
  }
}
