package dev.syncline.app.http;

import dev.syncline.app.access.Access;
import dev.syncline.app.access.Role;
import dev.syncline.app.access.Tokens;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Signing in and out, and the users and API tokens an admin manages, as pages and as API. A token's
 * secret is shown once, in the answer that creates it.
 */
final class AccessRoutes {

  /**
   * The sign-in form's own CSRF guard, before there is a session: a cookie its field must match.
   */
  private static final String SIGN_IN_COOKIE = "syncline_sign_in";

  private AccessRoutes() {}

  static void register(JavalinConfig config, Access access, Optional<String> clientAddressHeader) {
    var r = config.routes;
    r.get("/sign-in", ctx -> signInPage(ctx, Optional.empty()), Guard.PUBLIC);
    r.post("/sign-in", ctx -> signIn(ctx, access, clientAddressHeader), Guard.PUBLIC);
    r.post(
        "/sign-out",
        ctx -> {
          Guard.endSession(ctx, access);
          ctx.redirect("/sign-in", HttpStatus.SEE_OTHER);
        },
        Role.VIEWER);
    r.get(
        "/api/v1/me",
        ctx -> {
          var p = Guard.principal(ctx);
          ctx.json(Map.of("name", p.name(), "role", p.role().key(), "token", p.viaToken()));
        },
        Role.VIEWER);

    // Users.
    r.get("/users", ctx -> usersPage(ctx, access), Role.ADMIN);
    r.post(
        "/users",
        ctx -> {
          access.addUser(
              ctx.formParam("name"),
              role(ctx.formParam("role")),
              ctx.formParam("password"),
              actor(ctx));
          ctx.redirect("/users", HttpStatus.SEE_OTHER);
        },
        Role.ADMIN);
    r.post(
        "/users/{name}/role",
        ctx -> {
          access.setRole(ctx.pathParam("name"), role(ctx.formParam("role")), actor(ctx));
          ctx.redirect("/users", HttpStatus.SEE_OTHER);
        },
        Role.ADMIN);
    r.post(
        "/users/{name}/password",
        ctx -> {
          access.setPassword(ctx.pathParam("name"), ctx.formParam("password"), actor(ctx));
          ctx.redirect("/users", HttpStatus.SEE_OTHER);
        },
        Role.ADMIN);
    r.post(
        "/users/{name}/remove",
        ctx -> {
          access.removeUser(ctx.pathParam("name"), actor(ctx));
          ctx.redirect("/users", HttpStatus.SEE_OTHER);
        },
        Role.ADMIN);
    r.get("/api/v1/users", ctx -> ctx.json(access.users()), Role.ADMIN);
    r.post(
        "/api/v1/users",
        ctx -> {
          var body = Json.body(ctx);
          access.addUser(
              Json.text(body, "name").orElse(""),
              role(Json.text(body, "role").orElse("viewer")),
              Json.text(body, "password").orElse(""),
              actor(ctx));
          ctx.status(201).json(Map.of("name", Json.text(body, "name").orElse("")));
        },
        Role.ADMIN);
    r.patch(
        "/api/v1/users/{name}",
        ctx -> {
          var body = Json.body(ctx);
          var name = ctx.pathParam("name");
          var role = Json.text(body, "role");
          var password = Json.text(body, "password");
          if (role.isEmpty() && password.isEmpty()) {
            throw ApiError.badRequest("role", "Send a new role, a new password, or both");
          }
          role.ifPresent(x -> access.setRole(name, role(x), actor(ctx)));
          password.ifPresent(x -> access.setPassword(name, x, actor(ctx)));
          ctx.json(Map.of("name", name));
        },
        Role.ADMIN);
    r.delete(
        "/api/v1/users/{name}",
        ctx -> {
          access.removeUser(ctx.pathParam("name"), actor(ctx));
          ctx.status(204);
        },
        Role.ADMIN);

    // API tokens.
    r.get("/tokens", ctx -> tokensPage(ctx, access, Optional.empty()), Role.ADMIN);
    r.post(
        "/tokens",
        ctx ->
            tokensPage(
                ctx,
                access,
                Optional.of(
                    access.createToken(
                        ctx.formParam("name"), role(ctx.formParam("role")), actor(ctx)))),
        Role.ADMIN);
    r.post(
        "/tokens/{name}/revoke",
        ctx -> {
          access.revokeToken(ctx.pathParam("name"), actor(ctx));
          ctx.redirect("/tokens", HttpStatus.SEE_OTHER);
        },
        Role.ADMIN);
    r.get("/api/v1/tokens", ctx -> ctx.json(access.tokens()), Role.ADMIN);
    r.post(
        "/api/v1/tokens",
        ctx -> {
          var body = Json.body(ctx);
          var token =
              access.createToken(
                  Json.text(body, "name").orElse(""),
                  role(Json.text(body, "role").orElse("viewer")),
                  actor(ctx));
          ctx.status(201).json(token);
        },
        Role.ADMIN);
    r.delete(
        "/api/v1/tokens/{name}",
        ctx -> {
          access.revokeToken(ctx.pathParam("name"), actor(ctx));
          ctx.status(204);
        },
        Role.ADMIN);
  }

  static String actor(Context ctx) {
    return Guard.principal(ctx).name();
  }

  private static Role role(String key) {
    try {
      return Role.parse(key);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("role", e.getMessage());
    }
  }

  private static void signInPage(Context ctx, Optional<String> problem) {
    var formToken = Tokens.random("");
    ctx.cookie(
        new Cookie(
            SIGN_IN_COOKIE,
            formToken,
            "/sign-in",
            3600,
            Guard.secure(ctx),
            true,
            null,
            SameSite.STRICT));
    var params = new LinkedHashMap<String, Object>();
    params.put("page", Page.of(ctx, "Sign in", "sign-in"));
    params.put("next", safeNext(ctx.queryParam("next")));
    params.put("formToken", formToken);
    params.put("problem", problem.orElse(""));
    Views.render(ctx, "sign-in.jte", params);
  }

  private static void signIn(Context ctx, Access access, Optional<String> clientAddressHeader) {
    var cookie = ctx.cookie(SIGN_IN_COOKIE);
    var field = ctx.formParam(Guard.CSRF_FIELD);
    if (cookie == null || field == null || !Guard.same(cookie, field)) {
      ctx.status(403);
      signInPage(ctx, Optional.of("The sign-in form had expired; please sign in again."));
      return;
    }
    var outcome =
        access.signIn(
            ctx.formParam("name"),
            ctx.formParam("password"),
            Guard.clientAddress(ctx, clientAddressHeader));
    switch (outcome) {
      case Access.SignedIn signedIn -> {
        Guard.startSession(ctx, access, signedIn.session());
        ctx.removeCookie(SIGN_IN_COOKIE, "/sign-in");
        ctx.redirect(safeNext(ctx.formParam("next")), HttpStatus.SEE_OTHER);
      }
      case Access.Refused refused -> {
        ctx.status(401);
        signInPage(
            ctx,
            Optional.of(
                "That name and password do not match a user."
                    + refused.waitUntil().map(AccessRoutes::waitUntil).orElse("")));
      }
      case Access.Throttled throttled -> {
        // Whole seconds, rounded up, so that a client that waits as told is not refused again.
        var seconds = Math.max(1, throttled.left().plusMillis(999).toSeconds());
        ctx.status(429).header("Retry-After", Long.toString(seconds));
        signInPage(ctx, Optional.of(waitUntil(throttled.until()).trim()));
      }
    }
  }

  /** Says when signing in may be tried again, without telling whether the name is a user's. */
  private static String waitUntil(Instant until) {
    return " Too many failed sign-ins with this name or from this address: try again after "
        + Format.time(until)
        + ".";
  }

  /** Only a path on this server: a sign-in link must not send people elsewhere. */
  private static String safeNext(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")) {
      return "/";
    }
    return next;
  }

  private static void usersPage(Context ctx, Access access) {
    Views.render(
        ctx, "users.jte", Map.of("page", Page.of(ctx, "Users", "users"), "users", access.users()));
  }

  private static void tokensPage(Context ctx, Access access, Optional<Access.NewToken> created) {
    Views.render(
        ctx,
        "tokens.jte",
        Map.of(
            "page",
            Page.of(ctx, "API tokens", "tokens"),
            "tokens",
            access.tokens(),
            "created",
            created));
  }
}
