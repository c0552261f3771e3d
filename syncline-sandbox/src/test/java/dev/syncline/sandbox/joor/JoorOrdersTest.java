package dev.syncline.sandbox.joor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.sandbox.common.SandboxClock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JoorOrdersTest {

  private final SandboxClock clock =
      new SandboxClock(InstantSource.fixed(Instant.parse("2026-03-02T09:00:00Z")));
  private JoorSandbox sandbox;
  private Http http;

  @BeforeEach
  void start() {
    sandbox = JoorSandbox.start("127.0.0.1", 0, clock, JoorSandboxSettings.defaults());
    sandbox.seedDemo();
    http = new Http(sandbox.baseUrl()).v2Token(JoorGatewayTest.US_TOKEN);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private static List<String> purchaseOrders(Http.Reply reply) {
    var pos = new ArrayList<String>();
    reply.body().path("orders").forEach(o -> pos.add(o.path("customer_purchase_order").asString()));
    return pos;
  }

  private long place(String po, String status) {
    return sandbox.placeOrder(
        "4001",
        """
        {"customer_code": "7", "price_type": "USD-Distributor", "status": "%s", "purchase_order": "%s",
         "lines": [{"upc": "084123000017", "quantity": 2}]}
        """
            .formatted(status, po));
  }

  @Test
  void an_export_with_sync_marks_what_it_returns_so_the_next_export_skips_it() {
    var first = http.get("/v2/order/?order_type=4");
    var second = http.get("/v2/order/?order_type=4");
    var again = http.get("/v2/order/?order_type=4&sync=0&export_status=3");

    assertThat(purchaseOrders(first)).containsExactly("HG-1001", "MP-2001");
    assertThat(purchaseOrders(second)).isEmpty();
    assertThat(purchaseOrders(again)).containsExactly("HG-1001", "MP-2001");
  }

  @Test
  void by_default_exports_approved_and_shipped_orders_not_yet_exported() {
    place("MP-2002", "SHIPPED");
    place("MP-2003", "CANCELLED");

    assertThat(purchaseOrders(http.get("/v2/order/?sync=0&export_status=2")))
        .containsExactly("HG-1001", "MP-2002");
    assertThat(purchaseOrders(http.get("/v2/order/?sync=0&order_type=5")))
        .containsExactly("MP-2003");
  }

  @Test
  void finds_orders_modified_since_their_export() {
    http.get("/v2/order/?order_type=8");
    clock.advance(Duration.ofMinutes(5));
    var id =
        http.get("/v2/order/?sync=0&order_type=8")
            .body()
            .path("orders")
            .path(1)
            .path("order_id")
            .asLong();
    sandbox.moveOrder("4001", id, "APPROVED", "");

    var modified = http.get("/v2/order/?sync=0&order_type=8&export_status=4");

    assertThat(purchaseOrders(modified)).containsExactly("MP-2001");
    assertThat(modified.body().path("orders").path(0).path("order_type").asString()).isEqualTo("4");
  }

  @Test
  void leaves_out_and_marks_failed_the_orders_missing_a_validated_field() {
    sandbox.validateOrderFields("4001", List.of("customer_group_code"));

    var exported = http.get("/v2/order/?order_type=4");
    var failed = http.get("/v2/order/?order_type=4&sync=0&export_status=6");
    var v4 = http.bearer(token()).get("/v4/orders?account=4001");

    assertThat(purchaseOrders(exported)).isEmpty();
    assertThat(purchaseOrders(failed)).isEmpty();
    assertThat(v4.body().path("data").path(0).path("export_status").asString()).isEqualTo("FAILED");
    assertThat(v4.body().path("data").path(0).path("export_description").asString())
        .contains("customer_group_code");
  }

  @Test
  void an_export_carries_the_order_fields_joor_consumers_read() {
    JsonNode order = http.get("/v2/order/?sync=0&order_type=6").body().path("orders").path(0);

    assertThat(order.path("customer_code").asString()).isEqualTo("3");
    assertThat(order.path("order_currency").asString()).isEqualTo("USD");
    assertThat(order.path("billing_city").asString()).isEqualTo("Boston");
    assertThat(order.path("shipping_country_iso_three").asString()).isEqualTo("USA");
    assertThat(order.path("payment_method_code").asString()).isEqualTo("NET30");
    assertThat(order.path("order_total").decimalValue()).isEqualByComparingTo("336.00");
    assertThat(order.path("line_items").path(0).path("item_upc").asString())
        .isEqualTo("084123000024");
    assertThat(order.path("line_items").path(0).path("item_quantity").asInt()).isEqualTo(12);
  }

  private String token() {
    return new Http(sandbox.baseUrl())
        .form("/auth/", JoorGatewayTest.PASSWORD_GRANT)
        .body()
        .path("access_token")
        .asString();
  }

  @Test
  void v4_creates_orders_for_connected_retailers_and_moves_them_but_never_back_to_in_progress() {
    http.bearer(token());
    var existing = http.get("/v4/orders?account=4001").body().path("data").path(0);
    var retailer = existing.path("retailer_id").asString();
    var priceType = existing.path("price_type_id").asString();
    var collection = existing.path("collection_id").asString();

    var created =
        http.post(
            "/v4/orders/bulk_create?account=4001",
            """
            [{"retailer_id": "%s", "price_type_id": "%s", "collection_id": "%s", "status": "IN_PROGRESS"},
             {"retailer_id": "nobody", "price_type_id": "%s", "collection_id": "%s", "status": "IN_PROGRESS"},
             {"retailer_id": "%s", "price_type_id": "%s", "collection_id": "%s", "status": "APPROVED"}]
            """
                .formatted(
                    retailer,
                    priceType,
                    collection,
                    priceType,
                    collection,
                    retailer,
                    priceType,
                    collection));
    var id = created.body().path("data").path(0).path("id").asString();
    var notes =
        http.post(
            "/v4/orders/bulk_update?account=4001",
            "[{\"id\": \"" + id + "\", \"status\": \"NOTES\"}]");
    var back =
        http.post(
            "/v4/orders/bulk_update?account=4001",
            "[{\"id\": \"" + id + "\", \"status\": \"IN_PROGRESS\"}]");

    assertThat(created.status()).isEqualTo(200);
    assertThat(created.body().path("data").size()).isEqualTo(1);
    assertThat(created.body().path("errors").path(0).path("status").asString())
        .isEqualTo("NOT_FOUND");
    assertThat(created.body().path("errors").path(0).path("details").path("index").asInt())
        .isEqualTo(1);
    assertThat(created.body().path("errors").path(1).path("message").asString())
        .contains("at least one unit");
    assertThat(notes.body().path("data").path(0).path("status").asString()).isEqualTo("NOTES");
    assertThat(back.body().path("errors").path(0).path("message").asString())
        .contains("cannot go back to IN_PROGRESS");
  }

  @Test
  void an_inactive_colour_leaves_every_order_until_it_is_active_again() {
    http.bearer(token());
    var order =
        http.get("/v4/orders?account=4001").body().path("data").path(0).path("id").asString();
    var skus = http.get("/v4/skus?account=4001&external_ids=TEE-100-NAV-M").body().path("data");
    var sku = skus.path(0).path("id").asString();

    http.post(
        "/v4/skus/bulk_update?account=4001",
        "[{\"id\": \"%s\", \"trait_values\": [{\"trait_id\": \"U0tVVHJhaXQ6U3R5bGVDb2xvcg==\", \"status\": \"INACTIVE\"}]}]"
            .formatted(sku));
    var without =
        http.get("/v4/orders/sku_line_items?account=4001&order_ids=" + order).body().path("data");
    http.post(
        "/v4/skus/bulk_update?account=4001",
        "[{\"id\": \"%s\", \"trait_values\": [{\"trait_id\": \"U0tVVHJhaXQ6U3R5bGVDb2xvcg==\", \"status\": \"ACTIVE\"}]}]"
            .formatted(sku));
    var with =
        http.get("/v4/orders/sku_line_items?account=4001&order_ids=" + order).body().path("data");

    assertThat(without.size()).isEqualTo(1);
    assertThat(with.size()).isEqualTo(2);
  }
}
