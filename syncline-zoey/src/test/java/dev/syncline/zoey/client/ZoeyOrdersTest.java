package dev.syncline.zoey.client;

import static dev.syncline.zoey.client.ZoeyFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncline.core.PermanentSyncException.RemoteRejected;
import dev.syncline.sandbox.zoey.ZoeyEmail;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ZoeyOrdersTest {

  @TempDir Path directory;
  private ZoeyFixture zoey;

  @BeforeEach
  void connect() {
    zoey = ZoeyFixture.connected(directory);
  }

  @AfterEach
  void stop() {
    zoey.close();
  }

  /**
   * Olivia of Acme (Wholesale: tees at 12.00) orders two tees on a purchase order, 10.00 shipping.
   */
  private String purchaseOrder() {
    return zoey.placeOrder(
        """
        {"customer_id":"%s","payment_method":"purchaseorder","po_number":"PO-9001","shipping_amount":"10",
         "items":[{"sku":"TEE-CLASSIC-M-BLK","qty":2}]}\
        """
            .formatted(zoey.contactId("olivia@acmeboutique.example")));
  }

  private JsonNode order(String id) {
    return zoey.client.orders().get(id).body();
  }

  private String item(String orderId) {
    return order(orderId).path("order_items").get(0).path("item_id").asString();
  }

  private String invoice(String orderId) {
    return zoey.client
        .invoices()
        .create(json("{\"order_id\":\"%s\",\"send_email\":true}".formatted(orderId)));
  }

  private String pay(String invoiceId, String method, String amount) {
    return zoey.client
        .payments()
        .create(
            json(
                """
                {"method":"%s","amount":"%s","send_receipt":true,"applications":[{"invoice_id":"%s","amount":"%s"}]}\
                """
                    .formatted(method, amount, invoiceId, amount)));
  }

  private String stock(String sku) {
    var product = zoey.client.products().where("sku", sku).getFirst().id();
    return zoey.client.stockItems(List.of(product)).getFirst().body().path("qty").asString();
  }

  @Test
  void a_purchase_order_is_pending_until_paid_and_complete_once_shipped_and_paid() {
    var id = purchaseOrder();
    var placed = order(id);
    assertThat(placed.path("state").asString()).isEqualTo("new");
    assertThat(placed.path("status").asString()).isEqualTo("pending");
    assertThat(placed.path("po_number").asString()).isEqualTo("PO-9001");
    assertThat(placed.path("grand_total").asString()).isEqualTo("34.0000");
    assertThat(placed.path("addresses").valueStream().map(a -> a.path("address_type").asString()))
        .containsExactly("billing", "shipping");

    var invoiceId = invoice(id);
    assertThat(order(id).path("state").asString()).isEqualTo("new");
    pay(invoiceId, "checkmo", "34");
    assertThat(zoey.client.invoices().get(invoiceId).body().path("state").asString())
        .isEqualTo("paid");
    assertThat(order(id).path("state").asString()).isEqualTo("processing");

    zoey.client
        .shipments()
        .create(
            json(
                """
                {"order_id":"%s","send_email":true,"tracks":[{"carrier_code":"fedex","title":"FedEx Ground","number":"7712"}]}\
                """
                    .formatted(id)));
    var done = order(id);
    assertThat(done.path("state").asString()).isEqualTo("complete");
    assertThat(done.path("total_due").asString()).isEqualTo("0.0000");
    assertThat(zoey.sandbox.emails())
        .filteredOn(e -> e.to().equals("olivia@acmeboutique.example"))
        .extracting(ZoeyEmail::type)
        .containsExactly("invoice", "payment_receipt", "shipment");
  }

  @Test
  void a_net_terms_invoice_carries_the_accounts_terms_and_due_date() {
    var id =
        zoey.placeOrder(
            """
            {"customer_id":"%s","payment_method":"netterms","items":[{"sku":"TOTE-CANVAS","qty":4}]}\
            """
                .formatted(zoey.contactId("buyer@northwind.example")));

    var invoice = zoey.client.invoices().get(invoice(id)).body();

    assertThat(invoice.path("net_terms").asString()).isEqualTo("Net 60");
    assertThat(invoice.path("due_date").asString()).isEqualTo("2026-05-01");
    assertThat(invoice.path("amount_due").asString()).isEqualTo("72.0000");
  }

  @Test
  void a_card_order_is_invoiced_and_paid_at_checkout() {
    var id =
        zoey.placeOrder(
            """
            {"customer_id":"%s","payment_method":"stripe","items":[{"sku":"GIFT-BOX-DELUXE","qty":1}]}\
            """
                .formatted(zoey.contactId("hello@bluebirdgifts.example")));

    assertThat(order(id).path("state").asString()).isEqualTo("processing");
    assertThat(order(id).path("total_paid").asString()).isEqualTo("89.0000");
    assertThat(zoey.client.invoices().where("order_id", id))
        .singleElement()
        .satisfies(i -> assertThat(i.body().path("state").asString()).isEqualTo("paid"));
    assertThat(zoey.client.payments().where("order_id", id))
        .singleElement()
        .satisfies(p -> assertThat(p.body().path("method").asString()).isEqualTo("stripe"));
  }

  @Test
  void a_guest_order_has_no_customer_and_the_not_logged_in_group() {
    var guest = zoey.client.orders().where("customer_is_guest", "1").getFirst().body();

    assertThat(guest.path("customer_id").isNull()).isTrue();
    assertThat(guest.path("customer_group_id").asString()).isEqualTo("0");
    assertThat(guest.path("customer_email").asString()).isEqualTo("jamie@example.com");
    assertThat(guest.path("account_id").isNull()).isTrue();
  }

  @Test
  void an_edit_makes_a_dash_one_order_and_cancels_the_original_and_a_scan_sees_both() {
    var id = purchaseOrder();
    var number = order(id).path("increment_id").asString();
    var watermark = zoey.client.orders().changedSince(ZoeyWatermark.beginning()).next();
    zoey.clock.advance(Duration.ofMinutes(1));

    var edited =
        zoey.sandbox.editOrder(id, json("{\"items\":[{\"sku\":\"TEE-CLASSIC-M-BLK\",\"qty\":5}]}"));
    var again = zoey.sandbox.editOrder(edited.path("entity_id").asString(), json("{}"));

    assertThat(edited.path("increment_id").asString()).isEqualTo(number + "-1");
    assertThat(edited.path("relation_parent_real_id").asString()).isEqualTo(number);
    assertThat(again.path("increment_id").asString()).isEqualTo(number + "-2");
    assertThat(again.path("original_increment_id").asString()).isEqualTo(number);
    var original = order(id);
    assertThat(original.path("state").asString()).isEqualTo("canceled");
    assertThat(original.path("relation_child_real_id").asString()).isEqualTo(number + "-1");
    assertThat(zoey.client.orders().changedSince(watermark).records())
        .extracting(r -> r.body().path("increment_id").asString())
        .containsExactly(number, number + "-1", number + "-2");
  }

  @Test
  void an_order_is_cancelled_only_before_it_is_invoiced_or_shipped() {
    var before = stock("TEE-CLASSIC-M-BLK");
    var open = purchaseOrder();
    zoey.sandbox.cancelOrder(open);
    assertThat(order(open).path("state").asString()).isEqualTo("canceled");
    assertThat(stock("TEE-CLASSIC-M-BLK")).isEqualTo(before);

    var invoiced = purchaseOrder();
    invoice(invoiced);
    assertThatThrownBy(() -> zoey.sandbox.cancelOrder(invoiced))
        .hasMessageContaining("cannot be cancelled");
    assertThat(order(invoiced).path("state").asString()).isEqualTo("new");
  }

  @Test
  void shipments_carry_tracks_a_bad_carrier_changes_nothing_and_a_later_track_is_emailed() {
    var id = purchaseOrder();
    var itemId = item(id);

    assertThatThrownBy(() ->
            zoey.client
                .shipments()
                .create(
                    json(
                        """
                        {"order_id":"%s","items":[{"order_item_id":"%s","qty":1}],
                         "tracks":[{"carrier_code":"pigeon","number":"1"}]}\
                        """
                            .formatted(id, itemId))))
        .isInstanceOf(RemoteRejected.class)
        .hasMessageContaining("Invalid carrier specified.");
    assertThat(order(id).path("order_items").get(0).path("qty_shipped").asString())
        .isEqualTo("0.0000");

    var shipment =
        zoey.client
            .shipments()
            .create(
                json(
                    """
                    {"order_id":"%s","items":[{"order_item_id":"%s","qty":1}]}\
                    """
                        .formatted(id, itemId)));
    zoey.client.addTrack(
        shipment,
        json(
            "{\"carrier_code\":\"ups\",\"title\":\"UPS\",\"number\":\"1Z42\",\"send_email\":true}"));

    var body = zoey.client.shipments().get(shipment).body();
    assertThat(body.path("tracks").get(0).path("number").asString()).isEqualTo("1Z42");
    assertThat(order(id).path("state").asString()).isEqualTo("processing");
    assertThat(zoey.sandbox.emails())
        .filteredOn(e -> e.type().equals("shipment"))
        .extracting(ZoeyEmail::subject)
        .anyMatch(s -> s.contains("1Z42"));
    assertThatThrownBy(() ->
            zoey.client
                .shipments()
                .create(
                    json(
                        """
                        {"order_id":"%s","items":[{"order_item_id":"%s","qty":5}]}\
                        """
                            .formatted(id, itemId))))
        .isInstanceOf(RemoteRejected.class)
        .hasMessageContaining("has 1.0000 left to ship");
  }

  @Test
  void
      a_credit_memo_needs_an_invoice_paid_in_full_does_not_reopen_it_and_closes_the_order_when_all_is_refunded() {
    var id = purchaseOrder();
    var invoiceId = invoice(id);
    pay(invoiceId, "checkmo", "20");
    var memo =
        json(
            "{\"invoice_id\":\"%s\",\"items\":[{\"order_item_id\":\"%s\",\"qty\":1}],\"return_to_stock\":true}"
                .formatted(invoiceId, item(id)));

    assertThatThrownBy(() -> zoey.client.creditMemos().create(memo))
        .isInstanceOf(RemoteRejected.class)
        .hasMessageContaining("not paid in full");

    pay(invoiceId, "checkmo", "14");
    var stockBefore = stock("TEE-CLASSIC-M-BLK");
    var first = zoey.client.creditMemos().create(memo);
    assertThat(zoey.client.creditMemos().get(first).body().path("grand_total").asString())
        .isEqualTo("12.0000");
    assertThat(zoey.client.invoices().get(invoiceId).body().path("state").asString())
        .isEqualTo("paid");
    assertThat(Double.parseDouble(stock("TEE-CLASSIC-M-BLK")))
        .isEqualTo(Double.parseDouble(stockBefore) + 1);

    zoey.client
        .creditMemos()
        .create(json("{\"invoice_id\":\"%s\",\"shipping_amount\":\"10\"}".formatted(invoiceId)));
    var closed = order(id);
    assertThat(closed.path("state").asString()).isEqualTo("closed");
    assertThat(closed.path("total_refunded").asString()).isEqualTo("34.0000");
  }

  @Test
  void a_partial_refund_reopens_a_paid_invoice_and_an_offline_payment_cannot_be_refunded_online() {
    var card =
        zoey.placeOrder(
            """
            {"customer_id":"%s","payment_method":"stripe","items":[{"sku":"GIFT-BOX-DELUXE","qty":1}]}\
            """
                .formatted(zoey.contactId("hello@bluebirdgifts.example")));
    var payment = zoey.client.payments().where("order_id", card).getFirst().id();

    zoey.client
        .refunds()
        .create(
            json(
                "{\"payment_id\":\"%s\",\"amount\":\"9\",\"type\":\"online\"}".formatted(payment)));

    var invoice = zoey.client.invoices().where("order_id", card).getFirst().body();
    assertThat(invoice.path("state").asString()).isEqualTo("open");
    assertThat(invoice.path("amount_due").asString()).isEqualTo("9.0000");
    assertThat(order(card).path("total_refunded").asString()).isEqualTo("9.0000");
    assertThat(zoey.client.refunds().where("payment_id", payment)).hasSize(1);

    var po = purchaseOrder();
    var check = pay(invoice(po), "checkmo", "34");
    assertThatThrownBy(() ->
            zoey.client
                .refunds()
                .create(
                    json(
                        "{\"payment_id\":\"%s\",\"amount\":\"5\",\"type\":\"online\"}"
                            .formatted(check))))
        .isInstanceOf(RemoteRejected.class)
        .hasMessageContaining("refund it offline");
  }

  @Test
  void a_deposit_before_invoicing_is_applied_to_the_first_invoice() {
    var id = purchaseOrder();
    zoey.client
        .payments()
        .create(json("{\"method\":\"wire\",\"amount\":\"10\",\"order_id\":\"%s\"}".formatted(id)));
    assertThat(order(id).path("total_paid").asString()).isEqualTo("10.0000");

    var invoice = zoey.client.invoices().get(invoice(id)).body();

    assertThat(invoice.path("amount_paid").asString()).isEqualTo("10.0000");
    assertThat(invoice.path("amount_due").asString()).isEqualTo("24.0000");
    assertThat(order(id).path("total_due").asString()).isEqualTo("24.0000");
  }

  @Test
  void voiding_an_offline_payment_reopens_its_invoice_which_can_then_be_voided() {
    var id = purchaseOrder();
    var invoiceId = invoice(id);
    var payment = pay(invoiceId, "checkmo", "34");
    assertThatThrownBy(() -> zoey.client.voidInvoice(invoiceId))
        .isInstanceOf(RemoteRejected.class)
        .hasMessageContaining("only open invoices with no payment");

    zoey.client.voidPayment(payment);
    assertThat(zoey.client.invoices().get(invoiceId).body().path("state").asString())
        .isEqualTo("open");
    zoey.client.voidInvoice(invoiceId);

    assertThat(zoey.client.invoices().get(invoiceId).body().path("state").asString())
        .isEqualTo("void");
    assertThat(order(id).path("order_items").get(0).path("qty_invoiced").asString())
        .isEqualTo("0.0000");
    zoey.sandbox.cancelOrder(id);
  }

  @Test
  void orders_cannot_be_written_over_rest() {
    assertThatThrownBy(() -> zoey.client.orders().create(json("{\"customer_id\":\"1\"}")))
        .isInstanceOfSatisfying(RemoteRejected.class, e -> assertThat(e.status()).isEqualTo(405))
        .hasMessageContaining("Resource method not implemented yet.");
  }

  @Test
  void a_scan_of_invoices_payments_shipments_and_credit_memos_finds_what_happened_since() {
    var id = purchaseOrder();
    var marks =
        List.of(
                zoey.client.invoices(),
                zoey.client.payments(),
                zoey.client.shipments(),
                zoey.client.creditMemos())
            .stream()
            .map(r -> r.changedSince(ZoeyWatermark.beginning()).next())
            .toList();
    zoey.clock.advance(Duration.ofMinutes(1));

    var invoiceId = invoice(id);
    var paymentId = pay(invoiceId, "checkmo", "34");
    var shipmentId = zoey.client.shipments().create(json("{\"order_id\":\"%s\"}".formatted(id)));
    var memoId =
        zoey.client
            .creditMemos()
            .create(
                json("{\"invoice_id\":\"%s\",\"shipping_amount\":\"10\"}".formatted(invoiceId)));

    assertThat(zoey.client.invoices().changedSince(marks.get(0)).records())
        .extracting(ZoeyRecord::id)
        .containsExactly(invoiceId);
    assertThat(zoey.client.payments().changedSince(marks.get(1)).records())
        .extracting(ZoeyRecord::id)
        .containsExactly(paymentId);
    assertThat(zoey.client.shipments().changedSince(marks.get(2)).records())
        .extracting(ZoeyRecord::id)
        .containsExactly(shipmentId);
    assertThat(zoey.client.creditMemos().changedSince(marks.get(3)).records())
        .extracting(ZoeyRecord::id)
        .containsExactly(memoId);
  }
}
