package dev.syncline.app.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncline.app.testbed.NodeProcess;
import dev.syncline.store.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The customer flow to Zoey run by the packaged jar as a separate process, killed with SIGKILL
 * while it creates accounts and started again (issue 15: "a crash during account creation (no
 * duplicate account)"). Zoey has no upsert, so only the write intents and the lookup of each
 * account's NetSuite Customer ID before a create keep the second node from making an account twice.
 */
class ZoeyProcessesIT {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  @TempDir Path dir;

  private ZoeyFlowFixture fx;
  private ProcessNodes nodes;

  @BeforeEach
  void start() {
    fx = new ZoeyFlowFixture(db, dir);
    nodes = new ProcessNodes(db, dir);
  }

  @AfterEach
  void stop() {
    nodes.close();
    fx.close();
  }

  private NodeProcess serve(String node) {
    return nodes.serve(
        node,
        ZoeyFlowFixture.systems()
            // Small batches, committed one after another, for the kill to land between.
            + ZoeyFlowFixture.oneWayFlow("")
                .replace("    every: 10s\n", "    every: 10s\n    batchSize: 10\n"),
        fx.environment());
  }

  private static JsonNode customer(int i) {
    var c = JsonMapper.shared().createObjectNode();
    c.put("companyName", "Relance Été " + i + " ⚡");
    c.put("email", "relance" + i + "@boutique.example");
    c.putObject("subsidiary").put("id", "1");
    c.putObject("currency").put("id", "1");
    c.putObject("terms").put("id", "1");
    c.putObject("priceLevel").put("id", "2");
    c.putObject("custentity_syncline_channels").putArray("items").addObject().put("id", "2");
    return c;
  }

  @Test
  void a_node_killed_while_it_creates_accounts_and_started_again_makes_each_account_once() {
    var bodies = new ArrayList<JsonNode>();
    for (var i = 0; i < 300; i++) {
      bodies.add(customer(i));
    }
    var ids = fx.account().createAll("customer", bodies);
    // Slow enough that the kill lands among the creates.
    fx.zoey.latency().set("POST", ".*/companyAccounts", Duration.ofMillis(100));

    var first = serve("first");
    await().atMost(Duration.ofMinutes(2)).until(() -> nodes.links() >= 60);
    first.kill(); // SIGKILL: no shutdown hook runs
    assertThat(first.isAlive()).isFalse();
    assertThat(nodes.links()).as("killed mid-run").isLessThan(ids.size());

    var second = serve("second");
    try {
      await()
          .atMost(Duration.ofMinutes(4))
          .until(() -> nodes.links() == ids.size() && nodes.activeJobs() == 0);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "Timed out with " + nodes.links() + " links\n" + second.logTail(40), e);
    }

    assertThat(
            new dev.syncline.store.PostgresFailedQueue(db.jdbi())
                .failed(dev.syncline.core.port.FailedFilter.all()))
        .isEmpty();
    // Read the store now that no node runs (their token file is current, and nobody else rotates
    // its tokens): each customer has one account, made or found, and one main contact.
    second.kill();
    fx.engine("");
    for (var i = 0; i < ids.size(); i++) {
      assertThat(fx.accountsOf(ids.get(i))).as("the accounts of customer " + ids.get(i)).hasSize(1);
      assertThat(fx.zoeyClient().contacts().where("email", "relance" + i + "@boutique.example"))
          .as("the main contact of customer " + ids.get(i))
          .hasSize(1);
    }
    // The sandbox logs each request it handled, answered or not: a create the kill cut off after
    // Zoey applied it counts too, and no account was made twice.
    assertThat(created(".*/companyAccounts")).isLessThanOrEqualTo(ids.size());
  }

  private int created(String path) {
    return fx.zoey
        .requestLog()
        .count(r -> r.method().equals("POST") && r.path().matches(path) && r.status() < 300);
  }
}
