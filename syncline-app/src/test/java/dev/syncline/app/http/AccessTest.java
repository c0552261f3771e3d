package dev.syncline.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.app.SynclineNode;
import dev.syncline.app.access.Role;
import dev.syncline.app.access.Tokens;
import dev.syncline.app.config.ConfigLoader;
import dev.syncline.store.testing.TestDatabase;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import io.javalin.security.Roles;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may reach what, over real HTTP: every route the server has is walked, so that a route added
 * later cannot be open by mistake.
 */
class AccessTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  static final String PASSWORD = "correct horse battery";
  static SynclineNode node;
  static URI base;
  static Caller viewer;
  static Caller operator;
  static Caller admin;

  @BeforeAll
  static void start() {
    var config =
        new ConfigLoader(Map.of("SYNCLINE_DATABASE_URL", db.url()))
            .parse("test.yaml", "server:\n  port: 0\n");
    node =
        SynclineNode.start(
            config, Map.of("SYNCLINE_ADMIN_USER", "root", "SYNCLINE_ADMIN_PASSWORD", PASSWORD));
    base = URI.create(node.url() + "/");
    node.access().addUser("vera", Role.VIEWER, PASSWORD, "test");
    node.access().addUser("otto", Role.OPERATOR, PASSWORD, "test");
    viewer = Caller.signedIn(base, "vera", PASSWORD);
    operator = Caller.signedIn(base, "otto", PASSWORD);
    admin = Caller.signedIn(base, "root", PASSWORD);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  record Route(HandlerType method, String path, Set<?> roles) {
    String samplePath() {
      return path.replaceAll("\\{[^}]+}", "x");
    }

    Optional<Role> required() {
      return roles.stream()
          .filter(Role.class::isInstance)
          .map(Role.class::cast)
          .min(Role::compareTo);
    }

    boolean isPublic() {
      return roles.contains(Guard.PUBLIC);
    }
  }

  static List<Route> routes() {
    var routes = new ArrayList<Route>();
    for (ParsedEndpoint parsed : node.http().routes()) {
      var endpoint = parsed.endpoint;
      var roles = endpoint.metadata(Roles.class);
      routes.add(
          new Route(endpoint.method, endpoint.path, roles == null ? Set.of() : roles.getRoles()));
    }
    return routes;
  }

  @Test
  void every_route_is_either_public_or_needs_a_role_and_only_health_ready_and_sign_in_are_public() {
    var routes = routes();
    assertThat(routes).hasSizeGreaterThan(20);
    assertThat(routes)
        .allSatisfy(r ->
            assertThat(r.isPublic() || r.required().isPresent())
                .as(r.method() + " " + r.path() + " declares who may reach it")
                .isTrue());
    assertThat(routes.stream().filter(Route::isPublic).map(r -> r.method() + " " + r.path()))
        .containsExactlyInAnyOrder("GET /health", "GET /ready", "GET /sign-in", "POST /sign-in");
    // What the sign-in page itself loads is served to anyone too, and holds no data.
    var anonymous = Caller.anonymous(base);
    assertThat(anonymous.get("/assets/dashboard.css").statusCode()).isEqualTo(200);
    assertThat(anonymous.get(Assets.HTMX).statusCode()).isEqualTo(200);
    assertThat(anonymous.get(Assets.CHART).statusCode()).isEqualTo(200);
  }

  @Test
  void every_answer_carries_the_content_policy_and_the_other_security_headers() {
    var answers =
        Map.of(
            "the sign-in page", Caller.anonymous(base).get("/sign-in"),
            "a page", viewer.get("/audit"),
            "a fragment",
                viewer.send("GET", "/failed/queue", Optional.empty(), Map.of("HX-Request", "true")),
            "a refusal", viewer.get("/users"),
            "a page that does not exist", viewer.get("/no-such-page"),
            "a script", Caller.anonymous(base).get("/assets/dashboard.js"),
            "a webjar", Caller.anonymous(base).get(Assets.HTMX),
            "the API", Caller.anonymous(base).get("/api/v1/flows"));
    answers.forEach((what, response) -> {
      var headers = response.headers();
      assertThat(headers.firstValue("Content-Security-Policy"))
          .as(what)
          .contains(HttpServer.CONTENT_SECURITY_POLICY);
      assertThat(headers.firstValue("X-Content-Type-Options")).as(what).contains("nosniff");
      assertThat(headers.firstValue("X-Frame-Options")).as(what).contains("DENY");
      assertThat(headers.firstValue("Referrer-Policy")).as(what).contains("same-origin");
    });
    assertThat(HttpServer.CONTENT_SECURITY_POLICY)
        .contains("script-src 'self';", "style-src 'self';", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval");
  }

  @Test
  void without_signing_in_every_route_but_the_public_ones_is_refused() {
    var anonymous = Caller.anonymous(base);
    for (var route : routes()) {
      if (route.isPublic()) {
        continue;
      }
      var response =
          anonymous.send(route.method().name(), route.samplePath(), Optional.of("{}"), Map.of());
      var what = route.method() + " " + route.path();
      if (route.path().startsWith("/api/") || route.path().equals("/metrics")) {
        assertThat(response.statusCode()).as(what).isEqualTo(401);
        assertThat(response.body()).as(what).contains("Authorization: Bearer");
      } else if (route.method() == HandlerType.GET) {
        assertThat(response.statusCode()).as(what).isEqualTo(303);
        assertThat(response.headers().firstValue("Location"))
            .as(what)
            .hasValueSatisfying(l -> assertThat(l).startsWith("/sign-in?next="));
      } else {
        assertThat(response.statusCode()).as(what).isEqualTo(401);
      }
    }
  }

  @Test
  void a_wrong_role_gets_403_on_every_route_that_needs_more_by_session_and_by_token() {
    var viewerToken =
        Caller.withToken(base, node.access().createToken("t-viewer", Role.VIEWER, "test").secret());
    var operatorToken =
        Caller.withToken(
            base, node.access().createToken("t-operator", Role.OPERATOR, "test").secret());
    var checked = 0;
    for (var route : routes()) {
      var required = route.required();
      if (required.isEmpty() || required.get() == Role.VIEWER) {
        continue;
      }
      var lower =
          required.get() == Role.ADMIN
              ? List.of(operator, operatorToken)
              : List.of(viewer, viewerToken);
      for (var caller : lower) {
        var response =
            caller.session.isPresent() && route.method() != HandlerType.GET
                ? caller.json(route.method().name(), route.samplePath(), "{}")
                : caller.send(
                    route.method().name(), route.samplePath(), Optional.of("{}"), Map.of());
        assertThat(response.statusCode())
            .as(
                route.method()
                    + " "
                    + route.path()
                    + " by "
                    + caller.session.map(s -> "session").orElse("token"))
            .isEqualTo(403);
        assertThat(response.body()).contains("needs the " + required.get().key() + " role");
        if (caller.session.isPresent()) {
          assertThat(response.body()).contains("An admin can change that under Users.");
        } else {
          assertThat(response.body())
              .as("a token's role cannot be changed, under Users or anywhere")
              .doesNotContain("under Users")
              .contains("makes a new token with the " + required.get().key() + " role")
              .contains("revokes this one");
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(20);
  }

  @Test
  void
      a_state_changing_request_of_a_session_without_its_csrf_token_is_refused_and_changes_nothing() {
    var before = node.access().users().size();
    var noToken =
        admin.send(
            "POST",
            "/api/v1/users",
            Optional.of(
                "{\"name\":\"mallory\",\"role\":\"admin\",\"password\":\"" + PASSWORD + "\"}"),
            Map.of("Content-Type", "application/json"));
    var wrongToken =
        admin.send(
            "POST",
            "/users",
            Optional.of(
                Caller.form(
                    Map.of(
                        "_csrf",
                        "0".repeat(64),
                        "name",
                        "mallory",
                        "role",
                        "admin",
                        "password",
                        PASSWORD))),
            Map.of("Content-Type", "application/x-www-form-urlencoded"));

    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(noToken.body()).contains("CSRF");
    assertThat(wrongToken.statusCode()).isEqualTo(403);
    assertThat(node.access().users()).hasSize(before);

    var withToken =
        admin.json(
            "POST",
            "/api/v1/users",
            "{\"name\":\"mallory\",\"role\":\"viewer\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(withToken.statusCode()).isEqualTo(201);
    assertThat(node.access().users()).hasSize(before + 1);
  }

  @Test
  void the_session_cookie_is_http_only_same_site_lax_and_secure_behind_https() {
    var page = Caller.anonymous(base).get("/sign-in");
    var formCookie = Caller.cookieValue(page, "syncline_sign_in").orElseThrow();
    var formToken = page.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
    var overHttps =
        Caller.anonymous(base)
            .send(
                "POST",
                "/sign-in",
                Optional.of(
                    Caller.form(
                        Map.of(
                            "_csrf",
                            formToken,
                            "name",
                            "vera",
                            "password",
                            PASSWORD,
                            "next",
                            "/failed"))),
                Map.of(
                    "Content-Type", "application/x-www-form-urlencoded",
                    "Cookie", "syncline_sign_in=" + formCookie,
                    "X-Forwarded-Proto", "https"));

    assertThat(overHttps.statusCode()).isEqualTo(303);
    assertThat(overHttps.headers().firstValue("Location")).contains("/failed");
    var cookie =
        overHttps.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("syncline_session="))
            .findFirst()
            .orElseThrow();
    assertThat(cookie)
        .containsIgnoringCase("HttpOnly")
        .containsIgnoringCase("SameSite=Lax")
        .containsIgnoringCase("Secure");

    var page2 = Caller.anonymous(base).get("/sign-in");
    var plain =
        Caller.anonymous(base)
            .send(
                "POST",
                "/sign-in",
                Optional.of(
                    Caller.form(
                        Map.of(
                            "_csrf",
                            page2
                                .body()
                                .replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1"),
                            "name",
                            "vera",
                            "password",
                            PASSWORD))),
                Map.of(
                    "Content-Type",
                    "application/x-www-form-urlencoded",
                    "Cookie",
                    "syncline_sign_in="
                        + Caller.cookieValue(page2, "syncline_sign_in").orElseThrow()));
    assertThat(
            plain.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("syncline_session="))
                .findFirst()
                .orElseThrow())
        .as("over plain http the cookie must not be Secure, or the browser would drop it")
        .containsIgnoringCase("HttpOnly")
        .doesNotContainIgnoringCase("Secure");

    var overHttp = Caller.signedIn(base, "vera", PASSWORD);
    assertThat(overHttp.get("/api/v1/me").body())
        .contains("\"name\":\"vera\"")
        .contains("\"role\":\"viewer\"");
  }

  @Test
  void a_wrong_password_or_a_missing_form_token_signs_nobody_in() {
    var page = Caller.anonymous(base).get("/sign-in");
    var formCookie = Caller.cookieValue(page, "syncline_sign_in").orElseThrow();
    var formToken = page.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
    var headers =
        Map.of(
            "Content-Type",
            "application/x-www-form-urlencoded",
            "Cookie",
            "syncline_sign_in=" + formCookie);

    var wrong =
        Caller.anonymous(base)
            .send(
                "POST",
                "/sign-in",
                Optional.of(
                    Caller.form(
                        Map.of("_csrf", formToken, "name", "vera", "password", "not it at all"))),
                headers);
    var noFormToken =
        Caller.anonymous(base)
            .send(
                "POST",
                "/sign-in",
                Optional.of(Caller.form(Map.of("name", "vera", "password", PASSWORD))),
                headers);

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("do not match");
    assertThat(Caller.cookieValue(wrong, "syncline_session")).isEmpty();
    assertThat(noFormToken.statusCode()).isEqualTo(403);
    assertThat(Caller.cookieValue(noFormToken, "syncline_session")).isEmpty();
  }

  @Test
  void signing_out_ends_the_session_on_the_server() {
    var session = Caller.signedIn(base, "vera", PASSWORD);
    assertThat(session.get("/api/v1/me").statusCode()).isEqualTo(200);

    var out = session.postForm("/sign-out", Map.of());

    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(session.get("/api/v1/me").statusCode()).isEqualTo(401);
  }

  @Test
  void
      an_admin_makes_a_token_that_is_shown_once_stored_hashed_works_as_bearer_and_stops_when_revoked() {
    var created =
        admin.json("POST", "/api/v1/tokens", "{\"name\":\"prometheus\",\"role\":\"viewer\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    var secret = JsonMapper.shared().readTree(created.body()).path("secret").asString();
    assertThat(secret).startsWith("sl_");

    var listed = admin.get("/api/v1/tokens").body();
    assertThat(listed).contains("prometheus").doesNotContain(secret);
    var stored =
        db.jdbi()
            .withHandle(h ->
                h.createQuery("SELECT token_hash FROM api_token WHERE name = 'prometheus'")
                    .mapTo(String.class)
                    .one());
    assertThat(stored).isEqualTo(Tokens.sha256(secret)).isNotEqualTo(secret);

    var prometheus = Caller.withToken(base, secret);
    var metrics = prometheus.get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    assertThat(prometheus.json("POST", "/api/v1/tokens", "{\"name\":\"more\"}").statusCode())
        .isEqualTo(403);

    assertThat(
            admin
                .send(
                    "DELETE",
                    "/api/v1/tokens/prometheus",
                    Optional.empty(),
                    Map.of("X-CSRF-Token", admin.csrf()))
                .statusCode())
        .isEqualTo(204);
    assertThat(prometheus.get("/metrics").statusCode()).isEqualTo(401);
    assertThat(
            new dev.syncline.store.AuditLog(db.jdbi(), java.time.InstantSource.system()).recent(50))
        .extracting(e -> e.actor() + " " + e.action() + " " + e.subject())
        .contains("root token.create prometheus", "root token.revoke prometheus");
  }

  @Test
  void passwords_are_kept_as_salted_pbkdf2_hashes_and_the_first_admin_came_from_the_environment() {
    var hashes =
        db.jdbi()
            .withHandle(h ->
                h.createQuery("SELECT name, role, password_hash FROM app_user ORDER BY name")
                    .mapToMap()
                    .list());
    assertThat(hashes)
        .allSatisfy(row ->
            assertThat((String) row.get("password_hash"))
                .startsWith("pbkdf2-sha256$600000$")
                .doesNotContain(PASSWORD));
    assertThat(
            hashes.stream().map(r -> (String) r.get("password_hash")).collect(Collectors.toSet()))
        .as("a salt per user")
        .hasSize(hashes.size());
    assertThat(hashes)
        .anySatisfy(
            row -> assertThat(row).containsEntry("name", "root").containsEntry("role", "admin"));
  }

  @Test
  void bad_user_input_is_refused_with_the_field_at_fault_and_changes_nothing() {
    var before = node.access().users().size();
    var shortPassword =
        admin.json("POST", "/api/v1/users", "{\"name\":\"sam\",\"password\":\"short\"}");
    var badRole =
        admin.json(
            "POST",
            "/api/v1/users",
            "{\"name\":\"sam\",\"role\":\"boss\",\"password\":\"" + PASSWORD + "\"}");
    var lastAdmin = admin.json("PATCH", "/api/v1/users/root", "{\"role\":\"viewer\"}");

    assertThat(shortPassword.statusCode()).isEqualTo(400);
    assertThat(shortPassword.body())
        .contains("\"field\":\"password\"")
        .contains("at least 12 characters");
    assertThat(badRole.statusCode()).isEqualTo(400);
    assertThat(badRole.body())
        .contains("\"field\":\"role\"")
        .contains("viewer, operator and admin");
    assertThat(lastAdmin.statusCode()).isEqualTo(400);
    assertThat(lastAdmin.body()).contains("only admin");
    assertThat(node.access().users()).hasSize(before);
  }
}
