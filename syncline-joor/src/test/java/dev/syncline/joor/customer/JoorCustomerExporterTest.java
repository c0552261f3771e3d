package dev.syncline.joor.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.core.mapping.Json;
import dev.syncline.core.mapping.Mapping;
import dev.syncline.core.model.Address;
import dev.syncline.core.model.Customer;
import dev.syncline.core.model.Ref;
import dev.syncline.core.port.RemoteState;
import dev.syncline.core.port.WriteRequest;
import dev.syncline.core.port.WriteResult;
import dev.syncline.joor.client.JoorClient;
import dev.syncline.joor.client.TestJoor;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JoorCustomerExporterTest {

  private final TestJoor joor = TestJoor.start();
  private final JoorClient client = joor.client();
  private final JoorCustomerExporter exporter =
      new JoorCustomerExporter(client, InstantSource.system());
  private final Mapping mapping =
      Mapping.compile(
          exporter.defaultMapping(),
          Map.of(),
          Map.of(
              "paymentMethod", Map.of("Net 30", "NET30", "Net 60", "NET60"),
              "priceType",
                  Map.of(
                      "Wholesale USD",
                      "USD-Wholesale",
                      "Gold USD",
                      "USD-Gold",
                      "Odd USD",
                      "Wholesale")));

  @AfterEach
  void close() {
    client.close();
    joor.close();
  }

  private static Address address(String label, String city) {
    return new Address(
        Optional.ofNullable(label),
        Optional.of("Receiving"),
        Optional.empty(),
        Optional.of("1 Main St"),
        Optional.empty(),
        Optional.ofNullable(city),
        Optional.of("NY"),
        Optional.of("10001"),
        Optional.of("US"),
        Optional.empty(),
        true,
        true);
  }

  private static Customer customer(String name, String priceLevel, List<Address> addresses) {
    return new Customer(
        name,
        Optional.of("buyer@" + name.toLowerCase().replace(' ', '-') + ".example"),
        Optional.empty(),
        false,
        Optional.of(Ref.of("1", "Net 30")),
        Optional.ofNullable(priceLevel).map(p -> Ref.of("2", p)),
        Optional.of(Ref.of("1", "USD")),
        Optional.of(Ref.of("1", "Brand US")),
        Optional.empty(),
        Optional.empty(),
        List.of("JOOR"),
        addresses,
        Map.of());
  }

  private WriteRequest request(String id, Customer c) {
    var payload = mapping.apply(id, Json.tree(c));
    return new WriteRequest(
        id,
        Optional.empty(),
        payload,
        payload.text("customerCode"),
        Optional.empty(),
        dev.syncline.core.port.Steps.none());
  }

  @Test
  void writes_a_batch_in_one_bulk_call_and_new_codes_wait_for_joors_match() {
    var batch =
        IntStream.rangeClosed(501, 505)
            .mapToObj(i ->
                request(
                    Integer.toString(i),
                    customer("Shop " + i, "Wholesale", List.of(address("Main", "New York")))))
            .toList();

    var results = exporter.write(batch);

    assertThat(results)
        .hasSize(5)
        .allSatisfy(r -> {
          assertThat(r).isInstanceOf(WriteResult.Written.class);
          var w = (WriteResult.Written) r;
          assertThat(w.targetId()).isEqualTo(w.sourceId());
          assertThat(w.created()).isTrue();
          assertThat(w.state()).isEqualTo(RemoteState.PENDING);
        });
    assertThat(joor.served("POST", "/v2/bulk-connection/?")).isEqualTo(1);
    var written = client.connections().byCustomerCode("503").orElseThrow().data();
    assertThat(written.name()).isEqualTo("Shop 503");
    assertThat(written.buyerName()).contains("Shop 503");
    assertThat(written.contactEmail()).contains("buyer@shop-503.example");
    assertThat(written.paymentMethodCode()).contains("NET30");
    assertThat(written.priceType().currency()).isEqualTo("USD");
    assertThat(written.priceType().label()).isEqualTo("Wholesale");
    assertThat(written.billingAddresses())
        .singleElement()
        .satisfies(a -> assertThat(a.code()).isEqualTo("Main"));
    assertThat(written.shippingAddresses())
        .singleElement()
        .satisfies(a -> assertThat(a.city()).isEqualTo("New York"));
  }

  @Test
  void a_connection_made_by_hand_with_the_same_code_is_updated_not_duplicated() {
    var results =
        exporter.write(
            List.of(
                request(
                    "3",
                    customer("Boutique Three", "Wholesale", List.of(address("HQ", "Boston"))))));

    assertThat(results)
        .singleElement()
        .isInstanceOfSatisfying(
            WriteResult.Written.class,
            w -> {
              assertThat(w.created()).isFalse();
              assertThat(w.state()).isEqualTo(RemoteState.SYNCED);
            });
    assertThat(client.connections().byCustomerCode("3").orElseThrow().data().name())
        .isEqualTo("Boutique Three");
  }

  @Test
  void a_record_joor_refuses_fails_alone_and_a_bad_price_type_is_named() {
    var results =
        exporter.write(
            List.of(
                request("601", customer("Good", "Wholesale", List.of(address("Main", "Austin")))),
                request("602", customer("Gold", "Gold", List.of(address("Main", "Austin")))),
                request("603", customer("Odd", "Odd", List.of(address("Main", "Austin"))))));

    var byId = new java.util.HashMap<String, WriteResult>();
    results.forEach(r -> byId.put(r.sourceId(), r));
    assertThat(byId.get("601")).isInstanceOf(WriteResult.Written.class);
    assertThat(byId.get("602"))
        .isInstanceOfSatisfying(
            WriteResult.NotWritten.class,
            n -> assertThat(n.error().getMessage()).contains("USD").contains("Gold"));
    assertThat(byId.get("603"))
        .isInstanceOfSatisfying(
            WriteResult.NotWritten.class,
            n ->
                assertThat(n.error().getMessage())
                    .contains("the price type 'Wholesale' is not a JOOR price type"));
  }

  @Test
  void after_a_crash_a_record_joor_already_holds_as_it_should_be_is_not_written_again() {
    var first =
        request("801", customer("Recovered", "Wholesale", List.of(address("Main", "Austin"))));
    exporter.write(List.of(first));
    var bulkCalls = joor.served("POST", "/v2/bulk-connection/?");

    var again =
        exporter.write(List.of(recovering(first, java.time.Instant.now().minusSeconds(30))));

    assertThat(again).singleElement().isInstanceOf(WriteResult.Written.class);
    assertThat(joor.served("POST", "/v2/bulk-connection/?")).isEqualTo(bulkCalls);
  }

  @Test
  void after_a_crash_a_batch_learns_what_joor_holds_from_one_list_and_writes_only_what_it_lacks() {
    var claimed = java.time.Instant.now().minusSeconds(30);
    var written = new ArrayList<WriteRequest>();
    for (var i = 0; i < 20; i++) {
      written.add(
          request(
              "82" + i, customer("Written " + i, "Wholesale", List.of(address("Main", "Austin")))));
    }
    exporter.write(written); // the dead worker wrote these
    var lost = request("8300", customer("Lost", "Wholesale", List.of(address("Main", "Austin"))));
    var bulkCalls = joor.served("POST", "/v2/bulk-connection/?");
    var singleReads = joor.served("GET", "/v2/connection/customer_code/.*");
    var recovering = new ArrayList<WriteRequest>();
    written.forEach(r -> recovering.add(recovering(r, claimed)));
    recovering.add(recovering(lost, claimed));

    var results = exporter.write(recovering);

    assertThat(results).hasSize(21).allMatch(r -> r instanceof WriteResult.Written);
    assertThat(results.stream().filter(r -> ((WriteResult.Written) r).created()))
        .singleElement()
        .extracting(WriteResult::sourceId)
        .isEqualTo("8300");
    assertThat(joor.served("POST", "/v2/bulk-connection/?")).isEqualTo(bulkCalls + 1);
    assertThat(joor.served("GET", "/v2/connection/customer_code/.*")).isEqualTo(singleReads);
  }

  private static WriteRequest recovering(WriteRequest request, java.time.Instant since) {
    return new WriteRequest(
        request.sourceId(),
        Optional.empty(),
        request.payload(),
        request.createKey(),
        Optional.of(since),
        request.steps());
  }

  @Test
  void names_every_missing_field_joor_requires() {
    var c =
        new Customer(
            "Acme",
            Optional.empty(),
            Optional.empty(),
            false,
            Optional.empty(),
            Optional.empty(),
            Optional.of(Ref.of("1", "USD")),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of("JOOR"),
            List.of(address(null, "Denver"), address("Warehouse", null)),
            Map.of());

    assertThat(exporter.validate(c))
        .extracting(v -> v.text())
        .containsExactly(
            "Missing payment term",
            "Missing price level",
            "Missing address label on the address at 1 Main St",
            "Incomplete address: no city on address 'Warehouse'");
    assertThat(exporter.validate(customer("Fine", "Wholesale", List.of(address("Main", "Austin")))))
        .isEmpty();
  }

  @Test
  void cannot_deactivate_a_connection_and_says_why_so_that_a_flow_to_joor_may_only_unlink() {
    assertThat(exporter.leaveEffect()).isEmpty();
    assertThat(exporter.whyNoLeave())
        .contains("JOOR documents no call that deactivates a connection");
  }

  @Test
  void learns_of_joors_match_from_the_connections_changed_since_it_last_looked() {
    exporter.write(
        List.of(
            request("701", customer("Newcomer", "Wholesale", List.of(address("Main", "Austin"))))));

    assertThat(exporter.pendingStates(List.of("701"))).containsEntry("701", RemoteState.PENDING);
    joor.sandbox.approvePending(TestJoor.US);
    var fresh = new JoorCustomerExporter(client, InstantSource.system());
    assertThat(fresh.pendingStates(List.of("701"))).containsEntry("701", RemoteState.SYNCED);
    assertThat(exporter.pendingStates(List.of("701")))
        .as("looked a moment ago: not again yet")
        .isEmpty();
  }
}
