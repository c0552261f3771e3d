package dev.syncline.app.http;

import dev.syncline.app.SynclineNode;
import dev.syncline.app.access.Role;
import dev.syncline.app.config.ConfigLoader;
import dev.syncline.app.flows.CustomerFlowFixture;
import dev.syncline.app.wiring.Systems;
import dev.syncline.sandbox.netsuite.DemoData;
import dev.syncline.store.testing.TestDatabase;
import java.net.URI;
import java.util.HashMap;
import java.util.List;

/**
 * A running Syncline node with the customer flow between a NetSuite and a JOOR sandbox, and a user
 * of each role: what the dashboard's tests use.
 */
final class DashboardFixture implements AutoCloseable {

  static final String PASSWORD = "correct horse battery";
  static final String FLOW = CustomerFlowFixture.FLOW;

  final CustomerFlowFixture flows;
  final SynclineNode node;
  final URI base;

  DashboardFixture(TestDatabase db) {
    db.jdbi().useHandle(h -> h.execute("TRUNCATE app_user, api_token, web_session, audit_log"));
    flows = new CustomerFlowFixture(db, s -> s);
    DemoData.referenceData(flows.account());
    var env = new HashMap<>(flows.environment());
    env.put("SYNCLINE_DATABASE_URL", db.url());
    var config =
        new ConfigLoader(env, List.of(Systems.check(flows.clock))).parse("syncline.yaml", yaml());
    env.put("SYNCLINE_ADMIN_USER", "ada");
    env.put("SYNCLINE_ADMIN_PASSWORD", PASSWORD);
    node = SynclineNode.start(config, env);
    base = URI.create(node.url() + "/");
    node.access().addUser("vic", Role.VIEWER, PASSWORD, "test");
    node.access().addUser("ora", Role.OPERATOR, PASSWORD, "test");
  }

  /**
   * The customer flow scanning once an hour, so that only what a test does (run now, selective
   * sync, resync) syncs records while it looks.
   */
  String yaml() {
    return flows.yaml().replace("every: 10s", "every: 1h") + "server:\n  port: 0\n";
  }

  Caller as(String user) {
    return Caller.signedIn(base, user, PASSWORD);
  }

  /** A NetSuite customer of Brand US that lacks its price level, so the flow cannot write it. */
  String customerWithoutPriceLevel(String name) {
    var body = dev.syncline.app.testbed.CustomerFlowBed.customer(name);
    body.remove("priceLevel");
    return String.valueOf(flows.account().createAll("customer", List.of(body)).getFirst());
  }

  @Override
  public void close() {
    node.close();
    flows.close();
  }
}
