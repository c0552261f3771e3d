package dev.syncline.joor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.PermanentSyncException.RemoteRejected;
import dev.syncline.sandbox.common.Faults;
import dev.syncline.sandbox.joor.JoorSandboxSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JoorConnectionsTest {

  private TestJoor joor;
  private JoorClient client;

  @BeforeEach
  void start() {
    joor = TestJoor.start();
    client = joor.client();
  }

  @AfterEach
  void stop() {
    client.close();
    joor.close();
  }

  static ConnectionData customer(String code, String label) {
    return new ConnectionData(
        code,
        "Customer " + code,
        Optional.of("Jo Buyer"),
        Optional.of("jo@customer" + code + ".example"),
        Optional.of("Jo Buyer"),
        new PriceTypeRef("USD", label),
        Optional.of("NET30"),
        Optional.empty(),
        Optional.empty(),
        List.of("MAIN"),
        List.of(
            new Address("HQ", "Head office", "1 Main St", "", "Austin", "TX", "78701", "US", "")),
        List.of(
            new Address("HQ", "Head office", "1 Main St", "", "Austin", "TX", "78701", "US", ""),
            new Address(
                "DC",
                "Warehouse",
                "9 Dock Rd",
                "Unit 4",
                "Round Rock",
                "TX",
                "78664",
                "US",
                "+1 512 555 0100")));
  }

  @Test
  void finds_a_connection_made_by_hand_by_the_customer_code_netsuite_knows() {
    var found = client.connections().byCustomerCode("3").orElseThrow();

    assertThat(found.status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(found.retailerId()).isPresent();
    assertThat(found.data().name()).isEqualTo("Harbor Goods");
    assertThat(found.data().priceType()).isEqualTo(new PriceTypeRef("USD", "Wholesale"));
    assertThat(found.data().billingAddresses()).extracting(Address::city).containsExactly("Boston");
    assertThat(client.connections().byId(found.id())).contains(found);
  }

  @Test
  void finds_nothing_for_an_unknown_customer_code() {
    assertThat(client.connections().byCustomerCode("no such / code")).isEmpty();
  }

  @Test
  void refuses_a_duplicate_customer_code() {
    assertThatThrownBy(() -> client.connections().create(customer("3", "Wholesale")))
        .isInstanceOfSatisfying(RemoteRejected.class, e -> assertThat(e.status()).isEqualTo(409))
        .hasMessageContaining("Duplicate customer code: 3");
  }

  @Test
  void creates_updates_and_deletes_one_connection_with_all_its_addresses() {
    var created = client.connections().create(customer("41", "Wholesale"));
    var updated = client.connections().update(customer("41", "Distributor"));
    var deleted = client.connections().delete("41");

    assertThat(created.status()).isEqualTo(ConnectionStatus.PENDING);
    assertThat(created.data()).isEqualTo(customer("41", "Wholesale"));
    assertThat(updated.id()).isEqualTo(created.id());
    assertThat(updated.data().priceType().label()).isEqualTo("Distributor");
    assertThat(deleted).isTrue();
    assertThat(client.connections().delete("41")).isFalse();
    assertThat(client.connections().byCustomerCode("41")).isEmpty();
  }

  @Test
  void a_new_customer_waits_pending_and_a_list_of_recent_changes_shows_when_joor_matched_it() {
    var since = Instant.now();
    var written = client.connectionWriter().upsert(customer("42", "Wholesale"));

    assertThat(written.created()).isTrue();
    assertThat(written.status()).isEqualTo(ConnectionStatus.PENDING);
    assertThat(
            client.connections().stream(
                ConnectionFilter.modifiedBetween(since, Instant.now().plusSeconds(1))))
        .extracting(Connection::customerCode, Connection::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("42", ConnectionStatus.PENDING));

    joor.sandbox.approvePending(TestJoor.US, List.of("42"));

    var changed =
        client.connections().stream(
                ConnectionFilter.modifiedBetween(since, Instant.now().plusSeconds(1)))
            .toList();
    assertThat(changed)
        .singleElement()
        .satisfies(c -> {
          assertThat(c.status()).isEqualTo(ConnectionStatus.CONNECTED);
          assertThat(c.id()).isEqualTo(written.connectionId());
          assertThat(c.retailerId()).isPresent();
        });
  }

  @Test
  void pages_through_every_connection_at_one_credit_a_page() {
    for (var code : List.of("50", "51", "52")) {
      client.connectionWriter().upsert(customer(code, "Wholesale"));
    }
    var before = joor.served("GET", "/v2/connection/?");

    var codes =
        client.connections().stream(ConnectionFilter.all().withPageSize(2))
            .map(Connection::customerCode)
            .toList();

    assertThat(codes).containsExactlyInAnyOrder("3", "7", "8", "50", "51", "52");
    assertThat(joor.served("GET", "/v2/connection/?") - before).isEqualTo(3);
  }

  @Test
  void gives_each_caller_of_a_shared_bulk_call_its_own_result() throws Exception {
    try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
      var good =
          callers.submit(() -> client.connectionWriter().upsert(customer("60", "Wholesale")));
      var bad =
          callers.submit(
              (Callable<UpsertedConnection>)
                  () -> client.connectionWriter().upsert(customer("61", "Platinum")));
      var existing =
          callers.submit(() -> client.connectionWriter().upsert(customer("7", "Retail")));

      assertThat(good.get().status()).isEqualTo(ConnectionStatus.PENDING);
      assertThat(existing.get().created()).isFalse();
      assertThat(existing.get().status()).isEqualTo(ConnectionStatus.CONNECTED);
      assertThatThrownBy(bad::get)
          .cause()
          .isInstanceOf(JoorRecordRejected.class)
          .hasMessageContaining("customer code 61")
          .hasMessageContaining("price type USD / Platinum does not exist in account 4001");
    }
    assertThat(joor.served("POST", "/v2/bulk-connection")).isEqualTo(1);
    assertThat(client.connections().byCustomerCode("7").orElseThrow().data().priceType().label())
        .isEqualTo("Retail");
  }

  @Test
  void sends_two_writes_of_one_customer_code_in_two_calls_in_order() throws Exception {
    try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
      var first =
          callers.submit(() -> client.connectionWriter().upsert(customer("70", "Wholesale")));
      var second =
          callers.submit(() -> client.connectionWriter().upsert(customer("70", "Wholesale")));

      assertThat(List.of(first.get().created(), second.get().created()))
          .containsExactlyInAnyOrder(true, false);
    }
    assertThat(joor.served("POST", "/v2/bulk-connection")).isEqualTo(2);
  }

  @Test
  void polls_a_bulk_job_until_joor_has_finished_it() {
    try (var slow =
            TestJoor.start(
                JoorSandboxSettings.defaults().withBulkJobDelay(Duration.ofMillis(300)));
        var slowClient = slow.client()) {
      var written = slowClient.connectionWriter().upsert(customer("80", "Wholesale"));

      assertThat(written.status()).isEqualTo(ConnectionStatus.PENDING);
      assertThat(slow.served("GET", "/v2/bulk-connection/.*")).isGreaterThan(1);
    }
  }

  @Test
  void names_the_record_and_field_when_joor_sends_a_connection_it_cannot_read() {
    joor.sandbox
        .faults()
        .failNext(
            "GET",
            "/v2/connection/customer_code/3/?",
            1,
            Faults.Fault.status(
                200,
                "{\"connections\": {\"response\": {\"code\": 0, \"log_id\": \"L-1\"}, \"connections\": {\"connection\": [{\"customer_code\": \"3\", \"customer_name\": \"X\"}]}}}"));

    assertThatThrownBy(() -> client.connections().byCustomerCode("3"))
        .isInstanceOfSatisfying(
            PermanentSyncException.class, e -> assertThat(e.remoteRequestId()).contains("L-1"))
        .hasMessageContaining("connection 3 without connection_status")
        .hasMessageContaining("quoting log id L-1");
  }
}
