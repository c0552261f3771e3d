package dev.syncline.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.app.SynclineNode;
import dev.syncline.app.access.Role;
import dev.syncline.app.config.ConfigLoader;
import dev.syncline.store.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpServerTest {

  @RegisterExtension static final TestDatabase migrated = TestDatabase.migrated();
  @RegisterExtension static final TestDatabase unmigrated = TestDatabase.empty();

  private final HttpClient http = HttpClient.newHttpClient();

  private static SynclineNode start(TestDatabase db, boolean migrateOnStart) {
    var config =
        new ConfigLoader(Map.of("SYNCLINE_DATABASE_URL", db.url()))
            .parse(
                "test.yaml",
                "server:\n  port: 0\ndatabase:\n  migrateOnStart: " + migrateOnStart + "\n");
    return SynclineNode.start(config);
  }

  private HttpResponse<String> get(SynclineNode node, String path)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(node.url() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A GET as Prometheus makes it: with a viewer's API token. */
  private HttpResponse<String> scrape(SynclineNode node) throws IOException, InterruptedException {
    var token =
        node.access().createToken("prometheus-" + System.nanoTime(), Role.VIEWER, "test").secret();
    return http.send(
        HttpRequest.newBuilder(URI.create(node.url() + "/metrics"))
            .header("Authorization", "Bearer " + token)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void health_ready_and_metrics_answer_on_a_migrated_database() throws Exception {
    try (var node = start(migrated, true)) {
      var health = get(node, "/health");
      var ready = get(node, "/ready");
      var metrics = scrape(node);

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"up\"");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).contains("\"ready\":true").containsPattern("schema at version \\d+");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
      assertThat(metrics.body())
          .contains("jvm_memory_used_bytes")
          .contains("hikaricp_connections")
          .contains(
              "http_server_requests_seconds_count{method=\"GET\",route=\"/health\",status=\"200\"} 1");
    }
  }

  /**
   * Pages, API answers, errors, assets and metrics all say charset=utf-8, and text quoted back from
   * a request (here a flow's name in the path) arrives as the same UTF-8 bytes.
   */
  @Test
  void every_kind_of_answer_is_utf8_and_says_so() throws Exception {
    try (var node = start(migrated, true)) {
      var token =
          node.access().createToken("utf8-" + System.nanoTime(), Role.VIEWER, "test").secret();
      var name = "Zürich-東京-🧵-e\u0301";
      var unknownFlow =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          node.url()
                              + "/api/v1/flows/"
                              + java.net.URLEncoder.encode(
                                      name, java.nio.charset.StandardCharsets.UTF_8)
                                  .replace("+", "%20")))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      var answers = new java.util.ArrayList<HttpResponse<?>>();
      answers.add(unknownFlow);
      for (var path :
          java.util.List.of(
              "/health", "/sign-in", "/assets/dashboard.css", "/api/v1/flows", "/api/v1/nothing")) {
        answers.add(get(node, path));
      }
      answers.add(scrape(node));

      assertThat(answers)
          .allSatisfy(a ->
              assertThat(a.headers().firstValue("Content-Type"))
                  .as(a.uri().getPath())
                  .hasValueSatisfying(t -> assertThat(t.toLowerCase()).contains("charset=utf-8")));
      assertThat(unknownFlow.statusCode()).isEqualTo(404);
      assertThat(new String(unknownFlow.body(), java.nio.charset.StandardCharsets.UTF_8))
          .contains("There is no flow '" + name + "'");
    }
  }

  @Test
  void ready_is_503_while_migrations_are_pending_and_says_what_to_run() throws Exception {
    try (var node = start(unmigrated, false)) {
      var ready = get(node, "/ready");

      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).contains("\"ready\":false").contains("syncline db migrate");
      assertThat(get(node, "/health").statusCode()).as("alive all the same").isEqualTo(200);
    }
  }

  @Test
  void an_unknown_path_is_404_and_counted_under_one_route() throws Exception {
    try (var node = start(migrated, true)) {
      assertThat(get(node, "/nothing/123").statusCode()).isEqualTo(404);
      assertThat(get(node, "/nothing/456").statusCode()).isEqualTo(404);

      assertThat(scrape(node).body())
          .contains("route=\"unmatched\",status=\"404\"} 2")
          .doesNotContain("/nothing/123");
    }
  }
}
