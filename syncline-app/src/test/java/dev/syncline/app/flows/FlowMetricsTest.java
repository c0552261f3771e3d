package dev.syncline.app.flows;

import static dev.syncline.app.flows.CustomerFlowFixture.FLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncline.app.SynclineNode;
import dev.syncline.app.access.Role;
import dev.syncline.app.config.ConfigLoader;
import dev.syncline.app.metrics.PrometheusText;
import dev.syncline.app.testbed.CustomerFlowBed;
import dev.syncline.app.wiring.Systems;
import dev.syncline.sandbox.netsuite.DemoData;
import dev.syncline.store.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The customer flow on a running node's {@code /metrics}, scraped as Prometheus does (with a
 * viewer's API token), over the sandboxes.
 */
class FlowMetricsTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private final HttpClient http = HttpClient.newHttpClient();
  private CustomerFlowFixture fx;
  private SynclineNode node;
  private String viewer;
  private String operator;

  @BeforeEach
  void start() {
    fx = new CustomerFlowFixture(db, s -> s);
    DemoData.referenceData(fx.account());
  }

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
    fx.close();
  }

  /**
   * Starts the node with the flow switched off in its configuration, and scanning once an hour: its
   * status write-back changes each record it syncs, which the next scan takes up again (unchanged,
   * or failed once more), and the counts this test expects are those of the first pass.
   */
  private void startNodeWithTheFlowOff() {
    var flow =
        fx.yaml()
            .replace("    recordType: customer\n", "    recordType: customer\n    enabled: false\n")
            .replace("    every: 10s\n", "    every: 1h\n");
    assertThat(flow).contains("enabled: false").contains("every: 1h");
    var yaml = "server:\n  port: 0\ndatabase:\n  url: " + db.url() + "\n" + flow;
    node =
        SynclineNode.start(
            new ConfigLoader(fx.environment(), List.of(Systems.check(fx.clock)))
                .parse("syncline.yaml", yaml));
    viewer = node.access().createToken("prometheus", Role.VIEWER, "test").secret();
    operator = node.access().createToken("ops", Role.OPERATOR, "test").secret();
  }

  private HttpResponse<String> call(String method, String path, String token)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(node.url() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .header("Authorization", "Bearer " + token)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private PrometheusText scrape() throws IOException, InterruptedException {
    var response = call("GET", "/metrics", viewer);
    assertThat(response.statusCode()).isEqualTo(200);
    return PrometheusText.parse(response.body());
  }

  /** The flow as the dashboard's API shows it. */
  private JsonNode flowView() throws IOException, InterruptedException {
    return JsonMapper.shared().readTree(call("GET", "/api/v1/flows/" + FLOW, viewer).body());
  }

  @Test
  void changes_wait_in_the_backlog_while_the_flow_is_off_and_once_on_its_writes_and_failure_show()
      throws Exception {
    fx.usCustomers(2, "Metered");
    var lacking = CustomerFlowBed.customer("Lacking");
    lacking.remove("priceLevel");
    fx.account().createAll("customer", List.of(lacking));
    // Made before the node, whose configuration then switches the flow off: a node that found the
    // changes just before someone switched the flow off. It only scans; it is never started.
    var scanner = fx.engine("scanner");
    startNodeWithTheFlowOff();

    scanner.scan(FLOW, "manual");

    await()
        .atMost(Duration.ofMinutes(1))
        .untilAsserted(() -> {
          var waiting = scrape();
          assertThat(waiting.ofFlow("syncline_flow_backlog_records", FLOW)).isEqualTo(3);
          assertThat(waiting.ofFlow("syncline_flow_freshness_seconds", FLOW)).isPositive();
        });
    var waiting = scrape();
    assertThat(waiting.ofFlow("syncline_flow_enabled", FLOW)).isZero();
    assertThat(waiting.ofFlow("syncline_flow_failed_queue_records", FLOW)).isZero();
    assertThat(waiting.records(FLOW, "written")).isZero();
    assertThat(flowView().path("freshness").isString())
        .as("the dashboard sees the same wait")
        .isTrue();

    assertThat(call("POST", "/api/v1/flows/" + FLOW + "/enable", operator).statusCode())
        .isEqualTo(200);

    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(() -> {
          var done = scrape();
          assertThat(done.records(FLOW, "written")).isEqualTo(2);
          assertThat(done.records(FLOW, "failed")).isEqualTo(1);
          assertThat(done.ofFlow("syncline_flow_failed_queue_records", FLOW)).isEqualTo(1);
          assertThat(done.ofFlow("syncline_flow_backlog_records", FLOW)).isZero();
          assertThat(done.ofFlow("syncline_flow_freshness_seconds", FLOW)).isZero();
          assertThat(done.ofFlow("syncline_flow_enabled", FLOW)).isEqualTo(1);
          assertThat(done.ofFlow("syncline_flow_last_run_age_seconds", FLOW))
              .isNotNaN()
              .isGreaterThanOrEqualTo(0);
        });
    assertThat(flowView().path("freshness").isNull()).as("up to date on the dashboard").isTrue();
  }
}
