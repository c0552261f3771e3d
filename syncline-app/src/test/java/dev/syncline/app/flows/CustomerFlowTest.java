package dev.syncline.app.flows;

import static dev.syncline.app.flows.CustomerFlowFixture.FLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncline.core.engine.SyncEngine;
import dev.syncline.core.model.RecordType;
import dev.syncline.core.port.FailedFilter;
import dev.syncline.core.port.LinkState;
import dev.syncline.joor.client.Address;
import dev.syncline.joor.client.ConnectionData;
import dev.syncline.joor.client.PriceTypeRef;
import dev.syncline.sandbox.common.Faults;
import dev.syncline.sandbox.netsuite.DemoData;
import dev.syncline.store.testing.TestDatabase;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 5's promises for NetSuite customers to JOOR, over HTTP against the sandboxes, on
 * PostgreSQL.
 */
class CustomerFlowTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private CustomerFlowFixture fx;

  @AfterEach
  void close() {
    fx.close();
  }

  private static boolean optedInToJoorInTheUs(JsonNode c) {
    var joor = false;
    for (var item : c.path("custentity_syncline_channels").path("items")) {
      joor |= item.path("id").asString().equals("1");
    }
    return joor && c.path("subsidiary").path("id").asString().equals("1");
  }

  private static boolean complete(JsonNode c) {
    if (!c.has("priceLevel") || !c.has("terms")) {
      return false;
    }
    for (var line : c.path("addressBook").path("items")) {
      if (line.path("label").asString("").isBlank()
          || line.path("addressBookAddress").path("city").asString("").isBlank()) {
        return false;
      }
    }
    return true;
  }

  @Test
  void
      sends_the_opted_in_customers_of_the_subsidiary_and_queues_the_broken_ones_with_their_errors() {
    fx = new CustomerFlowFixture(db, s -> s);
    CustomerFlowFixture.seedDemo(fx.account());
    var expectedSent = new HashSet<String>();
    var expectedFailed = new HashSet<String>();
    for (var id = 1; id <= DemoData.CUSTOMERS; id++) {
      var c = fx.account().find("customer", id).orElseThrow();
      if (optedInToJoorInTheUs(c)) {
        (complete(c) ? expectedSent : expectedFailed).add(Integer.toString(id));
      }
    }
    assertThat(expectedFailed).as("the demo has broken US customers").isNotEmpty();
    var engine = fx.engine("node-1");
    var before = fx.joorConnections();

    fx.syncUntilIdle(engine);

    var connections = fx.joorConnections();
    assertThat(connections.keySet()).containsAll(expectedSent);
    for (var id : expectedFailed) {
      assertThat(connections.get(id))
          .as("customer " + id + " was not sent")
          .isEqualTo(before.get(id));
    }
    var failed = fx.failedQueue().failed(FailedFilter.all());
    assertThat(failed)
        .extracting(f -> f.sourceId())
        .containsExactlyInAnyOrderElementsOf(expectedFailed);
    assertThat(failed)
        .allSatisfy(f -> assertThat(f.message()).startsWith("Customer " + f.sourceId() + " ("));
    var sample = expectedSent.iterator().next();
    var customer = fx.account().find("customer", Long.parseLong(sample)).orElseThrow();
    assertThat(customer.path("custentity_syncline_joor_status").asString())
        .isIn("Synced", "Waiting for the channel");
    assertThat(connections.get(sample).data().name())
        .isEqualTo(customer.path("companyName").asString());
    var broken =
        fx.account()
            .find("customer", Long.parseLong(expectedFailed.iterator().next()))
            .orElseThrow();
    assertThat(broken.path("custentity_syncline_joor_status").asString()).isEqualTo("Failed");
    assertThat(broken.path("custentity_syncline_joor_message").asString()).isNotBlank();
    var runs = engine.runLog().runs(FLOW, 1000);
    assertThat(fx.written(engine)).isEqualTo(expectedSent.size());
    assertThat(runs)
        .allSatisfy(r -> assertThat(r.seen()).isGreaterThanOrEqualTo(r.written() + r.failed()));
    assertThat(runs.stream().mapToInt(r -> r.seen()).sum())
        .as("the runs saw every customer")
        .isGreaterThanOrEqualTo(DemoData.CUSTOMERS);
  }

  @Test
  void a_second_scan_with_nothing_changed_writes_nothing() throws Exception {
    fx = new CustomerFlowFixture(db, s -> s);
    DemoData.referenceData(fx.account());
    fx.usCustomers(40, "Steady");
    var engine = fx.engine("node-1");
    fx.syncUntilIdle(engine);
    var written = fx.joorRecordsWritten();
    Thread.sleep(
        Duration.ofSeconds(6)); // past the seconds in which a version may still hide a change

    fx.syncUntilIdle(engine);

    assertThat(written).isEqualTo(40);
    assertThat(fx.joorRecordsWritten()).isEqualTo(40);
    assertThat(fx.written(engine)).isEqualTo(40);
  }

  @Test
  void picks_up_thousands_sharing_one_second_and_changes_made_while_the_scan_runs()
      throws Exception {
    fx = new CustomerFlowFixture(db, s -> s);
    DemoData.referenceData(fx.account());
    var ids = fx.usCustomers(1_200, "Crowd");
    // Slow SuiteQL down, so that the scan is long enough to edit customers while it runs.
    fx.netsuite.latency().set("POST", ".*/query/v1/suiteql", Duration.ofMillis(300));
    var engine = fx.engine("node-1");
    var editor =
        Thread.ofVirtual()
            .start(() -> {
              org.awaitility.Awaitility.await()
                  .until(
                      () -> fx.netsuite.requestLog().count(r -> r.path().endsWith("/suiteql")) > 0);
              for (var i = 0; i < 5; i++) {
                var id = Long.parseLong(ids.get(i * 200));
                fx.account()
                    .update(
                        "customer",
                        id,
                        JsonMapper.shared().createObjectNode().put("companyName", "Edited " + i));
              }
            });

    fx.syncUntilIdle(engine);
    editor.join();
    fx.syncUntilIdle(engine);

    var connections = fx.joorConnections();
    assertThat(connections.keySet()).containsAll(ids);
    for (var i = 0; i < 5; i++) {
      assertThat(connections.get(ids.get(i * 200)).data().name()).isEqualTo("Edited " + i);
    }
  }

  @Test
  void a_thousand_customers_through_ten_percent_faults_all_arrive_exactly_once() {
    fx = new CustomerFlowFixture(db, s -> s);
    DemoData.referenceData(fx.account());
    var ids = fx.usCustomers(1_000, "Sturdy");
    for (var sandbox : List.of(fx.netsuite.faults(), fx.joor.faults())) {
      sandbox.seed(5);
      sandbox.failRandomly(
          "*",
          "/(services|v2|v4).*",
          0.025,
          Faults.Fault.status(429, "{\"title\":\"Too Many Requests\"}"));
      sandbox.failRandomly("*", "/(services|v2|v4).*", 0.025, Faults.Fault.status(503, ""));
      sandbox.failRandomly("*", "/(services|v2|v4).*", 0.025, Faults.Fault.connectionReset());
      sandbox.failRandomly(
          "*", "/(services|v2|v4).*", 0.025, Faults.Fault.delay(Duration.ofSeconds(5)));
    }
    var engine = fx.engine("node-1");

    fx.syncUntilIdle(engine);

    fx.netsuite.faults().clear();
    fx.joor.faults().clear();
    assertEachArrivedOnce(engine, ids);
  }

  /**
   * Issue 13: the same through faults that strike after the write was applied, so that only the
   * answer is lost. JOOR's bulk writes are keyed by customer code, so a retry updates what the lost
   * attempt created; the status written back to NetSuite is the same value written again.
   */
  @Test
  void a_thousand_customers_whose_writes_lose_ten_percent_of_their_answers_arrive_exactly_once() {
    fx = new CustomerFlowFixture(db, s -> s);
    DemoData.referenceData(fx.account());
    var ids = fx.usCustomers(1_000, "Unanswered");
    var lost =
        List.of(
            Faults.Fault.connectionReset().onceHandled(),
            Faults.Fault.status(503, "").onceHandled(),
            // Past the flow's 3 s request timeout.
            Faults.Fault.delay(Duration.ofSeconds(5)).onceHandled());
    var writes =
        Map.of(
            fx.joor.faults(),
            List.of("POST", "/v2/bulk-connection"),
            fx.netsuite.faults(),
            List.of("PATCH", ".*/services/rest/record/v1/customer/\\d+"));
    writes.forEach((faults, write) -> {
      faults.seed(13);
      // JOOR's thousand customers travel in a few bulk calls: the first ones lose their answer
      // each way for certain, and a tenth of the rest at random.
      lost.forEach(fault -> faults.failNext(write.get(0), write.get(1), 1, fault));
      lost.forEach(fault -> faults.failRandomly(write.get(0), write.get(1), 0.1 / 3, fault));
    });
    var engine = fx.engine("node-1");

    fx.syncUntilIdle(engine);

    fx.netsuite.faults().clear();
    fx.joor.faults().clear();
    assertThat(fx.joor.requestLog().count(r -> r.details().containsKey("answerLost")))
        .as("JOOR lost answers of applied writes, each way")
        .isGreaterThanOrEqualTo(3);
    assertThat(fx.netsuite.requestLog().count(r -> r.details().containsKey("answerLost")))
        .as("NetSuite lost answers of applied status writes")
        .isGreaterThanOrEqualTo(3);
    assertEachArrivedOnce(engine, ids);
    for (var id : ids) {
      var customer = fx.account().find("customer", Long.parseLong(id)).orElseThrow();
      assertThat(customer.path("custentity_syncline_joor_status").asString())
          .as("the status of customer " + id)
          .isIn("Synced", "Waiting for the channel");
    }
  }

  private void assertEachArrivedOnce(SyncEngine engine, List<String> ids) {
    var connections = fx.joorConnections();
    assertThat(connections.keySet()).containsAll(ids);
    assertThat(connections.values().stream().filter(c -> ids.contains(c.customerCode())))
        .hasSize(ids.size());
    assertThat(fx.failedQueue().failed(FailedFilter.all())).isEmpty();
    var links = engine.links().links(RecordType.CUSTOMER, "netsuite", "joor_us", ids);
    assertThat(links).hasSize(ids.size());
    assertThat(links.values())
        .allSatisfy(l -> assertThat(l.state()).isIn(LinkState.PENDING, LinkState.SYNCED));
  }

  @Test
  void a_customer_connected_by_hand_under_its_netsuite_id_is_linked_not_duplicated() {
    fx = new CustomerFlowFixture(db, s -> s);
    DemoData.referenceData(fx.account());
    var id = fx.usCustomers(1, "Known").getFirst();
    var engine = fx.engine("node-1");
    var client = fx.joorClient();
    var byHand =
        new ConnectionData(
            id,
            "Known by hand",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            new PriceTypeRef("USD", "Wholesale"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            List.of(
                new Address("HQ", "Known", "1 Main St", "", "Portland", "OR", "97205", "US", "")),
            List.of());
    client.connections().create(byHand);
    var before = fx.joorConnections().size();

    fx.syncUntilIdle(engine);

    var connections = fx.joorConnections();
    assertThat(connections).hasSize(before);
    assertThat(connections.get(id).data().name()).isEqualTo("Known 0");
    var link =
        engine.links().links(RecordType.CUSTOMER, "netsuite", "joor_us", List.of(id)).get(id);
    assertThat(link.to().id()).isEqualTo(id);
  }

  @Test
  void a_customer_made_inactive_is_unlinked_told_what_to_do_and_nothing_on_joor_changes() {
    fx = new CustomerFlowFixture(db, s -> s);
    DemoData.referenceData(fx.account());
    var id = fx.usCustomers(1, "Leaving").getFirst();
    var engine = fx.engine("node-1");
    fx.syncUntilIdle(engine);
    var written = fx.joorRecordsWritten();

    fx.account()
        .update(
            "customer",
            Long.parseLong(id),
            JsonMapper.shared().createObjectNode().put("isInactive", true));
    fx.syncUntilIdle(engine);

    var link =
        engine.links().links(RecordType.CUSTOMER, "netsuite", "joor_us", List.of(id)).get(id);
    assertThat(link.state()).isEqualTo(LinkState.UNLINKED);
    assertThat(fx.joorConnections()).containsKey(id);
    assertThat(fx.joorRecordsWritten()).isEqualTo(written);
    var status = fx.account().find("customer", Long.parseLong(id)).orElseThrow();
    assertThat(status.path("custentity_syncline_joor_message").asString())
        .contains("is inactive in NetSuite")
        .contains("delete customer code " + id + " on JOOR first");
  }

  @Test
  void a_customer_deleted_in_netsuite_is_unlinked_by_the_deletion_check_of_a_backfill() {
    fx = new CustomerFlowFixture(db, s -> s);
    DemoData.referenceData(fx.account());
    var ids = fx.usCustomers(3, "Backfilled");
    var engine = fx.engine("node-1");
    fx.syncUntilIdle(engine);
    var written = fx.joorRecordsWritten();
    var gone = ids.get(1);
    fx.account().delete("customer", Long.parseLong(gone));

    engine.start();
    var run = engine.scan(FLOW, "backfill");
    await().atMost(Duration.ofMinutes(2)).until(() -> engine.finishRunIfDone(run));

    var backfill = engine.runLog().run(run).orElseThrow();
    assertThat(backfill.seen()).as("the two left, and the one deleted").isEqualTo(3);
    assertThat(backfill.unchanged()).isEqualTo(2);
    assertThat(backfill.unlinked()).isEqualTo(1);
    var link =
        engine.links().links(RecordType.CUSTOMER, "netsuite", "joor_us", List.of(gone)).get(gone);
    assertThat(link.state()).isEqualTo(LinkState.UNLINKED);
    assertThat(link.detail())
        .contains("Customer " + gone + " no longer exists in netsuite")
        .contains("delete customer code " + gone + " on JOOR first");
    assertThat(fx.joorConnections()).containsKey(gone);
    assertThat(fx.joorRecordsWritten()).as("nothing was written again").isEqualTo(written);
  }
}
