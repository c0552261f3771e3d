package dev.syncline.app.flows;

import static dev.syncline.app.flows.CustomerFlowFixture.FLOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.syncline.app.notify.Notifications;
import dev.syncline.core.engine.SyncEngine;
import dev.syncline.core.port.FailedFilter;
import dev.syncline.core.port.FailedRecord;
import dev.syncline.core.testing.SettableClock;
import dev.syncline.store.testing.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

/**
 * Digests of the failures a real flow produces: the demo's broken customers, synced from the
 * NetSuite sandbox to the JOOR sandbox once for the class, mailed through GreenMail.
 */
class FailureDigestTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  // A port of our own rather than a dynamic one: the relay is stopped and started again on it.
  private static final int SMTP_PORT = freePort();

  @RegisterExtension
  static final GreenMailExtension relay =
      new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  /**
   * An example in a digest: the failed record's id in the queue, its id at the source, its error.
   */
  private static final Pattern EXAMPLE = Pattern.compile("  #(\\d+)  customer (\\d+): (.+)");

  private static CustomerFlowFixture fx;
  private static SyncEngine engine;
  private static List<FailedRecord> failed;

  private final SettableClock clock = new SettableClock(java.time.Instant.now());

  @BeforeAll
  static void syncTheDemo() {
    fx = new CustomerFlowFixture(db, s -> s);
    CustomerFlowFixture.seedDemo(fx.account());
    // The demo's few broken customers, and a cause with more records than a digest shows.
    var withoutPriceLevel = new ArrayList<ObjectNode>();
    for (var i = 0; i < 6; i++) {
      var customer = dev.syncline.app.testbed.CustomerFlowBed.customer("Priceless " + i);
      customer.remove("priceLevel");
      withoutPriceLevel.add(customer);
    }
    fx.account().createAll("customer", withoutPriceLevel);
    engine = fx.engine("node-1");
    fx.syncUntilIdle(engine);
    // Stopped, so that its later scans neither change the queue under the tests nor lock its rows.
    engine.close();
    failed = fx.failedQueue().failed(FailedFilter.all());
    assertThat(failed.stream().map(FailedRecord::cause).distinct()).hasSizeGreaterThan(1);
    assertThat(failed.stream().filter(f -> f.cause().equals("Missing price level")))
        .as("more than the three examples a digest shows")
        .hasSizeGreaterThan(3);
  }

  @AfterAll
  static void close() {
    fx.close();
  }

  @BeforeEach
  void nothingNotifiedYet() {
    db.jdbi()
        .useHandle(h -> {
          h.execute("TRUNCATE notification_state");
          h.execute("UPDATE sync_job SET failure_notified_at = NULL");
        });
  }

  private Notifications notifications(String node) {
    return NotificationsFixture.notifications(fx, engine, SMTP_PORT, node, clock, "");
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void
      the_failures_of_a_run_make_one_digest_grouped_by_cause_and_a_pass_with_nothing_new_sends_none()
          throws Exception {
    var byCause =
        failed.stream().collect(Collectors.groupingBy(FailedRecord::cause, Collectors.counting()));
    var node = notifications("node-1");

    node.runOnce();

    var received = relay.getReceivedMessages();
    assertThat(received).hasSize(1);
    var mail = received[0];
    assertThat(mail.getSubject())
        .isEqualTo("Syncline: " + failed.size() + " records failed in flow " + FLOW);
    var body = body(mail);
    for (Map.Entry<String, Long> group : byCause.entrySet()) {
      assertThat(body).contains("\n  " + group.getKey() + ": " + group.getValue() + "\n");
    }
    var examples = body.lines().filter(l -> EXAMPLE.matcher(l).matches()).count();
    assertThat(examples)
        .as("up to three examples of each cause, with their ids")
        .isEqualTo(byCause.values().stream().mapToLong(n -> Math.min(3, n)).sum());
    assertThat(body)
        .contains(
            "Missing price level (" + byCause.get("Missing price level") + "), for example:\n")
        .contains("  and " + (byCause.get("Missing price level") - 3) + " more\n");
    var byJob = failed.stream().collect(Collectors.toMap(FailedRecord::jobId, f -> f));
    body.lines()
        .map(EXAMPLE::matcher)
        .filter(Matcher::matches)
        .forEach(m -> {
          var record = byJob.get(Long.parseLong(m.group(1)));
          assertThat(record).as("example #" + m.group(1) + " is a failed record").isNotNull();
          assertThat(m.group(2)).isEqualTo(record.sourceId());
          assertThat(m.group(3)).isEqualTo(record.message());
        });
    assertThat(body)
        .as("the dashboard's link opens the queue filtered to the flow")
        .contains("  in the dashboard: https://syncline.example.com/failed?flow=" + FLOW + "\n")
        .contains(
            "syncline resync --server https://syncline.example.com --all --flow "
                + FLOW
                + " --cause \"")
        .contains("syncline failed --server https://syncline.example.com --flow " + FLOW);

    clock.advance(Duration.ofMinutes(15));
    node.runOnce();
    clock.advance(Duration.ofMinutes(15));
    node.runOnce();

    assertThat(relay.getReceivedMessages()).as("nothing new since: no mail").hasSize(1);
  }

  @Test
  void two_nodes_on_one_database_send_the_digest_once() {
    var two = notifications("node-2");
    // Node 2 runs a whole pass while node 1 is in the middle of sending the digest.
    var one =
        NotificationsFixture.notifications(
            fx,
            engine,
            SMTP_PORT,
            "node-1",
            clock,
            "",
            smtp ->
                mail -> {
                  two.runOnce();
                  return smtp.send(mail);
                });

    one.runOnce();
    clock.advance(Duration.ofMinutes(15));
    two.runOnce();
    one.runOnce();

    assertThat(relay.getReceivedMessages()).hasSize(1);
  }

  @Test
  void a_relay_that_refuses_gets_the_whole_digest_at_the_next_interval() throws Exception {
    var node = notifications("node-1");
    relay.stop();

    node.runOnce();
    relay.start();
    node.runOnce();

    assertThat(relay.getReceivedMessages()).as("the next try waits for the interval").isEmpty();

    clock.advance(Duration.ofMinutes(15));
    node.runOnce();

    assertThat(relay.getReceivedMessages())
        .singleElement()
        .satisfies(
            mail -> assertThat(mail.getSubject()).contains(failed.size() + " records failed"));
  }

  private static String body(MimeMessage mail) throws Exception {
    // SMTP carries lines ended by CRLF.
    return ((String) mail.getContent()).replace("\r\n", "\n");
  }
}
