package dev.syncline.netsuite.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncline.core.PermanentSyncException;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class NetSuiteClientTransformsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static SandboxFixture fixture;
  private static NetSuiteClient client;

  @BeforeAll
  static void start() {
    fixture = new SandboxFixture();
    client = fixture.client();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static ObjectNode json(String text) {
    return (ObjectNode) JSON.readTree(text);
  }

  /** A wholesale order of 10 hoodies and 4 caps, upserted by its channel's id. */
  private static String order(String externalId) {
    return client.upsert(
        "salesOrder",
        externalId,
        json(
            "{\"entity\":{\"id\":\"4\"},\"otherRefNum\":\"PO-"
                + externalId
                + "\",\"item\":{\"items\":[{\"item\":{\"id\":\"1010\"},\"quantity\":10},{\"item\":{\"id\":\"1011\"},\"quantity\":4,\"rate\":12.5}]}}"),
        Set.of());
  }

  private static JsonNode read(String type, String id) {
    return client.get(type, id, NetSuiteClient.GetOptions.expanded());
  }

  @Test
  void an_upserted_order_takes_prices_addresses_and_currency_from_its_customer() {
    var order = read("salesOrder", order("SO-PRICES"));

    var lines = order.path("item").path("items");
    assertThat(lines.get(0).path("rate").asDouble()).isPositive();
    assertThat(lines.get(1).path("amount").asDouble()).isEqualTo(50.0);
    assertThat(order.path("orderStatus").path("refName").asString())
        .isEqualTo("Pending Fulfillment");
    assertThat(order.path("currency").path("id").asString()).isNotBlank();
    assertThat(order.path("shippingAddress").path("addr1").asString()).isNotBlank();
  }

  @Test
  void fulfils_part_of_an_order_then_the_rest_and_never_more() {
    var orderId = order("SO-FULFIL");

    var first =
        client.transform(
            "salesOrder",
            orderId,
            "itemFulfillment",
            json(
                "{\"item\":{\"items\":[{\"orderLine\":1,\"quantity\":6},{\"orderLine\":2,\"itemReceive\":false}]},\"package\":{\"items\":[{\"packageTrackingNumber\":\"1Z999\"}]}}"));
    var partly = read("salesOrder", orderId);
    var tooMany = json("{\"item\":{\"items\":[{\"orderLine\":1,\"quantity\":5}]}}");

    assertThat(partly.path("status").path("refName").asString())
        .isEqualTo("Pending Billing/Partially Fulfilled");
    assertThatThrownBy(() -> client.transform("salesOrder", orderId, "itemFulfillment", tooMany))
        .isInstanceOf(PermanentSyncException.RemoteRejected.class)
        .hasMessageContaining("4 remain");
    var rest = client.transform("salesOrder", orderId, "itemFulfillment", json("{}"));
    var fulfilment = read("itemFulfillment", first);
    assertThat(fulfilment.path("createdFrom").path("id").asString()).isEqualTo(orderId);
    assertThat(
            fulfilment
                .path("package")
                .path("items")
                .get(0)
                .path("packageTrackingNumber")
                .asString())
        .isEqualTo("1Z999");
    assertThat(read("itemFulfillment", rest).path("item").path("items")).hasSize(2);
    assertThat(read("salesOrder", orderId).path("status").path("id").asString()).isEqualTo("F");
  }

  @Test
  void invoices_what_was_fulfilled_then_takes_payment_credits_and_refunds() {
    var orderId = order("SO-CASH");
    assertThatThrownBy(() -> client.transform("salesOrder", orderId, "invoice", json("{}")))
        .isInstanceOf(PermanentSyncException.RemoteRejected.class)
        .hasMessageContaining("no lines left to bill");
    client.transform("salesOrder", orderId, "itemFulfillment", json("{}"));

    var invoiceId = client.transform("salesOrder", orderId, "invoice", json("{}"));
    var invoice = read("invoice", invoiceId);
    var total = invoice.path("total").asDouble();
    var paymentId =
        client.transform(
            "invoice", invoiceId, "customerPayment", json("{\"payment\":" + (total - 20) + "}"));
    var memoId = client.transform("invoice", invoiceId, "creditMemo", json("{}"));
    var memo = read("creditMemo", memoId);
    var refundId = client.transform("creditMemo", memoId, "customerRefund", json("{}"));

    assertThat(read("salesOrder", orderId).path("status").path("id").asString()).isEqualTo("G");
    assertThat(
            read("customerPayment", paymentId)
                .path("apply")
                .path("items")
                .get(0)
                .path("doc")
                .path("id")
                .asString())
        .isEqualTo(invoiceId);
    var paid = read("invoice", invoiceId);
    assertThat(paid.path("amountRemaining").asDouble()).isZero();
    assertThat(paid.path("status").path("refName").asString()).isEqualTo("Paid In Full");
    assertThat(memo.path("applied").asDouble()).isEqualTo(20.0);
    assertThat(memo.path("amountRemaining").asDouble()).isEqualTo(total - 20);
    assertThat(read("customerRefund", refundId).path("total").asDouble()).isEqualTo(total - 20);
    assertThat(read("creditMemo", memoId).path("amountRemaining").asDouble()).isZero();
    assertThatThrownBy(() -> client.transform("creditMemo", memoId, "customerRefund", json("{}")))
        .isInstanceOf(PermanentSyncException.RemoteRejected.class)
        .hasMessageContaining("nothing left to refund");
  }

  @Test
  void a_closed_order_is_neither_fulfilled_nor_invoiced() {
    var orderId = order("SO-CLOSED");
    client.update(
        "salesOrder",
        orderId,
        json(
            "{\"item\":{\"items\":[{\"line\":1,\"isClosed\":true},{\"line\":2,\"isClosed\":true}]}}"),
        Set.of());

    assertThat(read("salesOrder", orderId).path("status").path("refName").asString())
        .isEqualTo("Closed");
    assertThatThrownBy(() -> client.transform("salesOrder", orderId, "invoice", json("{}")))
        .isInstanceOf(PermanentSyncException.RemoteRejected.class)
        .hasMessageContaining("is closed");
    assertThatThrownBy(() -> client.transform("salesOrder", orderId, "itemFulfillment", json("{}")))
        .isInstanceOf(PermanentSyncException.RemoteRejected.class)
        .hasMessageContaining("is closed");
  }

  @Test
  void without_advanced_shipping_a_fulfilment_is_invoiced_at_once() {
    fixture.sandbox.settings(s -> s.withAdvancedShipping(false));
    try {
      var orderId = order("SO-COMBINED");

      client.transform("salesOrder", orderId, "itemFulfillment", json("{}"));

      assertThat(read("salesOrder", orderId).path("status").path("id").asString()).isEqualTo("G");
      var invoices =
          client.suiteQl(
              "SELECT id FROM transaction WHERE type = 'CustInvc' AND createdfrom = " + orderId,
              10,
              0);
      assertThat(invoices.rows()).hasSize(1);
    } finally {
      fixture.sandbox.settings(s -> s.withAdvancedShipping(true));
    }
  }

  @Test
  void an_order_for_an_unknown_item_is_refused_naming_the_line() {
    assertThatThrownBy(() ->
            client.upsert(
                "salesOrder",
                "SO-BAD-ITEM",
                json(
                    "{\"entity\":{\"id\":\"4\"},\"item\":{\"items\":[{\"item\":{\"id\":\"9999\"},\"quantity\":1}]}}"),
                Set.of()))
        .isInstanceOf(PermanentSyncException.RemoteRejected.class)
        .hasMessageContaining("Invalid Field Value 9999")
        .hasMessageContaining("item.items[0].item");
  }
}
