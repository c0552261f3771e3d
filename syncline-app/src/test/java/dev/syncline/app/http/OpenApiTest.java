package dev.syncline.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.app.SynclineNode;
import dev.syncline.app.access.Role;
import dev.syncline.app.config.ConfigLoader;
import dev.syncline.store.testing.TestDatabase;
import io.javalin.router.ParsedEndpoint;
import io.javalin.security.Roles;
import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI document describes exactly the API routes the server has, with their roles. */
class OpenApiTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private static boolean api(String path) {
    return path.startsWith("/api/") || Set.of("/health", "/ready", "/metrics").contains(path);
  }

  private static String role(ParsedEndpoint parsed) {
    var roles = parsed.endpoint.metadata(Roles.class).getRoles();
    if (roles.contains(Guard.PUBLIC)) {
      return "public";
    }
    return roles.stream().map(Role.class::cast).min(Role::compareTo).orElseThrow().key();
  }

  @Test
  void every_api_route_is_in_the_document_with_its_role_and_the_document_has_no_other() {
    var config =
        new ConfigLoader(Map.of("SYNCLINE_DATABASE_URL", db.url()))
            .parse("test.yaml", "server:\n  port: 0\n");
    try (var node = SynclineNode.start(config)) {
      var token = node.access().createToken("docs", Role.VIEWER, "test").secret();
      var response = Caller.withToken(URI.create(node.url() + "/"), token).get("/api/openapi.json");
      assertThat(response.statusCode()).isEqualTo(200);
      var doc = JsonMapper.shared().readTree(response.body());
      assertThat(doc.path("openapi").asString()).startsWith("3.");

      var routes = new HashSet<String>();
      for (var parsed : node.http().routes()) {
        var path = parsed.endpoint.path;
        if (!api(path)) {
          continue;
        }
        var method = parsed.endpoint.method.name().toLowerCase(Locale.ROOT);
        routes.add(method + " " + path);
        var operation = doc.path("paths").path(path).path(method);
        assertThat(operation.isObject()).as(method + " " + path + " is in the document").isTrue();
        assertThat(operation.path("x-syncline-role").asString())
            .as("the role of " + method + " " + path)
            .isEqualTo(role(parsed));
      }
      var documented = new HashSet<String>();
      doc.path("paths")
          .properties()
          .forEach(path ->
              path.getValue()
                  .propertyNames()
                  .forEach(m -> documented.add(m + " " + path.getKey())));
      assertThat(documented).containsExactlyInAnyOrderElementsOf(routes);
      assertThat(routes)
          .contains("get /api/v1/flows", "post /api/v1/failed/dismiss", "get /api/openapi.json");
    }
  }
}
