package dev.syncline.app.flows;

import static dev.syncline.app.flows.CustomerFlowFixture.FLOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.syncline.app.Main;
import dev.syncline.app.SynclineNode;
import dev.syncline.app.access.Role;
import dev.syncline.app.config.ConfigLoader;
import dev.syncline.app.metrics.PrometheusText;
import dev.syncline.app.wiring.Systems;
import dev.syncline.core.port.FlowHealth;
import dev.syncline.core.port.FlowState;
import dev.syncline.core.testing.SettableClock;
import dev.syncline.sandbox.common.Faults;
import dev.syncline.sandbox.netsuite.DemoData;
import dev.syncline.store.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * NetSuite refusing Syncline's credentials (issue 12): the flow is blocked, not "up to date"; its
 * scans back off instead of failing a login every few seconds; the API, the CLI, the metrics and a
 * mail say why and what to do; and it resumes by itself once NetSuite accepts it again.
 */
class CredentialsOutageTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  @RegisterExtension
  static final GreenMailExtension relay =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  /** What NetSuite answers a refused login with (netsuite-api.md §5.1). */
  private static final String INVALID_LOGIN =
      """
      {"type":"https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2","title":"Unauthorized",
       "status":401,"o:errorDetails":[{"detail":"Invalid login attempt. For more details, see the
       Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login
       Audit Trail.","o:errorCode":"INVALID_LOGIN"}]}
      """
          .replace("\n", " ");

  private final HttpClient http = HttpClient.newHttpClient();
  private CustomerFlowFixture fx;
  private SynclineNode node;

  @AfterEach
  void close() {
    if (node != null) {
      node.close();
    }
    fx.close();
  }

  private int failedLogins() {
    return fx.netsuite.requestLog().count(r -> r.details().containsKey("loginFailure"));
  }

  private String cli(String token, String... args) {
    var all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--server", node.url().toString(), "--token", token));
    var out = new StringWriter();
    var err = new StringWriter();
    var code =
        Main.run(Map.of(), new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    assertThat(code).as(err.toString()).isZero();
    return out.toString();
  }

  private HttpResponse<String> call(String method, String path, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(node.url() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .header("Authorization", "Bearer " + token)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JsonMapper.shared().readTree(response.body());
  }

  @Test
  void a_wrong_token_secret_blocks_the_flow_backs_off_its_logins_and_every_surface_says_why()
      throws Exception {
    fx = new CustomerFlowFixture(db, s -> s);
    DemoData.referenceData(fx.account());
    fx.usCustomers(3, "Panne ☕");
    fx.override("NETSUITE_TOKEN_SECRET", "not-the-secret");
    // PostgreSQL keeps microseconds.
    var clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
    var engine = fx.engine("node-1", clock);

    var start = clock.instant();
    var calls = 0;
    var inTheLastHalfHour = 0;
    while (!clock.instant().isAfter(start.plus(Duration.ofHours(1)))) {
      var ran = engine.runDueScans().size();
      calls += ran;
      if (clock.instant().isAfter(start.plus(Duration.ofMinutes(30)))) {
        inTheLastHalfHour += ran;
      }
      clock.advance(Duration.ofSeconds(10));
    }

    // Every 10 s at first, then 20, 40, ... up to the longest wait, 15 minutes: at 0, 10 s, 30 s,
    // 70 s, 150 s, 310 s, 630 s, 1270 s, 2170 s and 3070 s. Without the backoff: 361 scans.
    assertThat(calls).isEqualTo(10);
    assertThat(inTheLastHalfHour).isEqualTo(2);
    assertThat(failedLogins())
        .as("each call tries once more with a fresh nonce (netsuite-api.md §5.2), no more")
        .isEqualTo(2 * calls);
    var health = engine.schedule().flowState(FLOW).flatMap(FlowState::health).orElseThrow();
    assertThat(health.problem()).isEqualTo(FlowHealth.Problem.SOURCE_UNREADABLE);
    assertThat(health.instance()).isEqualTo("netsuite");
    assertThat(health.reason()).contains("refused the credentials").contains("INVALID_LOGIN");
    assertThat(health.fix()).contains("the token id and secret").contains("Login Audit Trail");
    assertThat(health.since()).isEqualTo(start);

    var yaml = "server:\n  port: 0\ndatabase:\n  url: " + db.url() + "\n" + fx.yaml();
    node =
        SynclineNode.start(
            new ConfigLoader(fx.environment(), List.of(Systems.check(fx.clock)))
                .parse("syncline.yaml", yaml));
    var token = node.access().createToken("ops", Role.OPERATOR, "test").secret();

    var flows = cli(token, "flows");
    assertThat(flows)
        .contains("blocked: source_unreadable")
        .doesNotContain("up to date")
        .contains(FLOW + " is blocked since " + start)
        .contains("INVALID_LOGIN")
        .contains("Fix: Check the base URL");

    var view = json(call("GET", "/api/v1/flows/" + FLOW, token));
    assertThat(view.path("health").path("problem").asString()).isEqualTo("SOURCE_UNREADABLE");
    assertThat(view.path("health").path("reason").asString()).contains("INVALID_LOGIN");
    assertThat(view.path("health").path("fix").asString()).contains("the token id and secret");
    assertThat(view.path("enabled").asBoolean()).isTrue();

    var metrics = PrometheusText.parse(call("GET", "/metrics", token).body());
    assertThat(metrics.ofFlow("syncline_flow_healthy", FLOW)).isZero();

    var test = json(call("POST", "/api/v1/connections/netsuite/test", token));
    assertThat(test.path("ok").asBoolean()).isFalse();
    assertThat(test.path("message").asString()).contains("INVALID_LOGIN");
    var connections = json(call("GET", "/api/v1/connections", token));
    var netsuite =
        connections
            .valueStream()
            .filter(c -> c.path("instance").asString().equals("netsuite"))
            .findFirst()
            .orElseThrow();
    assertThat(netsuite.path("reachable").asBoolean()).isTrue();
    assertThat(netsuite.path("credentialsAccepted").asBoolean(true)).isFalse();
    assertThat(netsuite.path("since").isString()).isTrue();
    assertThat(netsuite.path("lastError").asString()).contains("INVALID_LOGIN");
    assertThat(netsuite.path("blockedFlows").get(0).asString()).isEqualTo(FLOW);
    assertThat(netsuite.path("limits").path("requests in flight").asString()).isEqualTo("0 of 5");

    var mailClock = new SettableClock(Instant.now());
    var notifications =
        NotificationsFixture.notifications(
            fx, engine, relay.getSmtp().getPort(), "node-1", mailClock, "");
    notifications.runOnce();
    mailClock.advance(Duration.ofMinutes(5));
    notifications.runOnce();
    var received = relay.getReceivedMessages();
    assertThat(received).as("one alert, not one per scan").hasSize(1);
    assertThat(received[0].getSubject())
        .isEqualTo("Syncline: flow " + FLOW + " is blocked: source unreadable");
    assertThat((String) received[0].getContent())
        .contains("The reason: " + health.reason())
        .contains("The fix: " + health.fix())
        .contains("syncline flows run " + FLOW);
  }

  @Test
  void the_flow_resumes_by_itself_once_netsuite_accepts_it_again_and_both_ends_are_mailed()
      throws Exception {
    fx = new CustomerFlowFixture(db, s -> s);
    DemoData.referenceData(fx.account());
    var ids = fx.usCustomers(2, "Reprise ✓");
    fx.netsuite.faults().failNext("*", ".*", -1, Faults.Fault.status(401, INVALID_LOGIN));
    var clock = new SettableClock(Instant.now());
    var engine = fx.engine("node-1", clock);
    var notifications =
        NotificationsFixture.notifications(
            fx, engine, relay.getSmtp().getPort(), "node-1", clock, "");

    engine.runDueScans();
    notifications.runOnce();
    clock.advance(Duration.ofSeconds(10));
    engine.runDueScans();
    var refusals = fx.netsuite.requestLog().count(r -> r.status() == 401);
    assertThat(engine.schedule().flowState(FLOW).flatMap(FlowState::health)).isPresent();

    fx.netsuite.faults().clear();
    clock.advance(Duration.ofSeconds(19));
    assertThat(engine.runDueScans()).as("the probe waits its turn").isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(engine.runDueScans()).containsExactly(FLOW);

    assertThat(engine.schedule().flowState(FLOW).flatMap(FlowState::health))
        .as("the probe got through")
        .isEmpty();
    engine.drain(FLOW);
    assertThat(fx.joorConnections()).containsKeys(ids.toArray(String[]::new));
    assertThat(fx.netsuite.requestLog().count(r -> r.status() == 401)).isEqualTo(refusals);
    notifications.runOnce();

    var received = relay.getReceivedMessages();
    assertThat(received).hasSize(2);
    assertThat(received[0].getSubject()).contains("is blocked: source unreadable");
    assertThat(received[1].getSubject()).isEqualTo("Syncline: flow " + FLOW + " runs again");
    assertThat((String) received[1].getContent()).contains("reaches its systems again");
  }
}
