package dev.syncline.sandbox.netsuite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.sandbox.common.SandboxClock;
import org.junit.jupiter.api.Test;

class BulkSeedingTest {

  @Test
  void seeds_fifty_thousand_customers_with_two_addresses_each_in_one_go() throws Exception {
    try (var sandbox = NetSuiteSandbox.start(NetSuiteSettings.defaults(), SandboxClock.system())) {
      var account = sandbox.account(NetSuiteSettings.DEMO_ACCOUNT);
      DemoData.referenceData(account);
      var bodies = DemoData.customers(50_000, 2, 42);
      var started = System.nanoTime();

      var ids = account.createAll("customer", bodies);

      var millis = (System.nanoTime() - started) / 1_000_000;
      System.out.printf(
          "Seeded %d customers with two addresses each in %d ms%n", ids.size(), millis);
      var rows = new TbaRequests(sandbox, NetSuiteSettings.DEMO_ACCOUNT);
      var counted =
          NetSuiteSandboxTestJson.read(
              rows.suiteQl("SELECT COUNT(*) AS n FROM customeraddressbook", 1, 0).body());
      assertThat(ids).hasSize(50_000);
      assertThat(counted.path("items").get(0).path("n").asInt()).isEqualTo(100_000);
    }
  }
}
