package dev.syncline.app.flows;

import static dev.syncline.app.flows.CustomerFlowFixture.FLOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.syncline.app.notify.Notifications;
import dev.syncline.core.engine.SyncEngine;
import dev.syncline.core.testing.SettableClock;
import dev.syncline.sandbox.netsuite.DemoData;
import dev.syncline.store.testing.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Alerts about a real flow: falling behind and catching up, and a block for a refused credential.
 */
class FlowAlertsTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  @RegisterExtension
  static final GreenMailExtension relay =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private CustomerFlowFixture fx;

  @AfterEach
  void close() {
    fx.close();
  }

  private Notifications notifications(SyncEngine engine, SettableClock clock) {
    return NotificationsFixture.notifications(
        fx,
        engine,
        relay.getSmtp().getPort(),
        "node-1",
        clock,
        """
        freshness:
          alertAfter: 30m
        """);
  }

  private String[] subjects() throws Exception {
    var received = relay.getReceivedMessages();
    var subjects = new String[received.length];
    for (var i = 0; i < received.length; i++) {
      subjects[i] = received[i].getSubject();
    }
    return subjects;
  }

  @Test
  void a_flow_behind_its_threshold_gets_one_alert_and_one_back_to_normal_mail() throws Exception {
    fx = new CustomerFlowFixture(db, s -> s);
    DemoData.referenceData(fx.account());
    fx.usCustomers(20, "Waiting");
    var engine = fx.engine("node-1");
    engine.scan(FLOW, "manual");
    var clock = new SettableClock(Instant.now());
    var node = notifications(engine, clock);

    node.runOnce();
    assertThat(relay.getReceivedMessages()).as("20 changes of seconds ago are no delay").isEmpty();

    clock.advance(Duration.ofMinutes(31));
    node.runOnce();
    clock.advance(Duration.ofMinutes(1));
    node.runOnce();

    assertThat(subjects()).containsExactly("Syncline: flow " + FLOW + " is 31m behind");
    var alert = (String) relay.getReceivedMessages()[0].getContent();
    assertThat(alert)
        .contains("the oldest change still waiting to reach joor_us was made 31m ago")
        .contains("past the threshold of 30m. 20 records are waiting.")
        .contains("syncline flows runs " + FLOW)
        .as("the link opens the flow's own page")
        .containsPattern("the flow's page: https://syncline.example.com/flows/" + FLOW + "\\R");

    engine.drain(FLOW);
    clock.advance(Duration.ofMinutes(1));
    node.runOnce();
    clock.advance(Duration.ofMinutes(1));
    node.runOnce();

    assertThat(subjects())
        .containsExactly(
            "Syncline: flow " + FLOW + " is 31m behind",
            "Syncline: flow " + FLOW + " is back to normal");
    assertThat((String) relay.getReceivedMessages()[1].getContent())
        .contains("is back within its threshold of 30m: nothing is waiting to reach joor_us");
  }

  @Test
  void a_flow_blocked_by_a_refused_joor_token_is_mailed_once_with_the_reason_and_the_fix()
      throws Exception {
    fx = new CustomerFlowFixture(db, s -> s);
    DemoData.referenceData(fx.account());
    fx.usCustomers(5, "Stuck");
    fx.override("JOOR_V2_TOKEN_4001", "not-the-token");
    var engine = fx.engine("node-1");
    engine.scan(FLOW, "manual");
    engine.drain(FLOW);
    var health = engine.schedule().flowState(FLOW).orElseThrow().health();
    assertThat(health).as("the engine blocked the flow").isPresent();
    assertThat(health.get().instance()).isEqualTo("joor_us");
    var clock = new SettableClock(Instant.now());
    var node = notifications(engine, clock);

    node.runOnce();
    clock.advance(Duration.ofHours(1));
    node.runOnce();

    assertThat(subjects())
        .as("one mail for the block, and none about its records waiting behind it")
        .containsExactly("Syncline: flow " + FLOW + " is blocked: target unwritable");
    MimeMessage mail = relay.getReceivedMessages()[0];
    assertThat((String) mail.getContent())
        .contains("The reason: " + health.get().reason())
        .contains("The fix: Check that the JOOR API token or v4 credentials are valid")
        .contains("syncline flows run " + FLOW + " --server https://syncline.example.com")
        .contains("on its page in the")
        .contains("(https://syncline.example.com/flows/" + FLOW + ")");
  }
}
