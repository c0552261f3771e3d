package dev.syncline.zoey.client;

import static dev.syncline.zoey.client.ZoeyFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncline.core.PermanentSyncException.RemoteRejected;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ZoeyCatalogTest {

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

  private ZoeyRecord product(String sku) {
    return zoey.client.products().where("sku", sku).getFirst();
  }

  @Test
  void products_carry_their_netsuite_id_and_type_and_are_found_by_it() {
    var box = zoey.client.products().where("netsuite_product_id", "110").getFirst().body();

    assertThat(box.path("sku").asString()).isEqualTo("GIFT-BOX-DELUXE");
    assertThat(box.path("netsuite_product_type").asString()).isEqualTo("assembly");
  }

  @Test
  void a_simple_product_is_created_and_other_types_are_refused_over_rest() {
    var id =
        zoey.client
            .products()
            .create(
                json(
                    """
                    {"sku":"CAP-RED","type_id":"simple","name":"Red Cap","price":"14.5","netsuite_product_id":"130"}\
                    """));
    assertThat(zoey.client.products().get(id).body().path("price").asString()).isEqualTo("14.5000");

    assertThatThrownBy(() ->
            zoey.client
                .products()
                .create(
                    json(
                        "{\"sku\":\"CAP\",\"type_id\":\"configurable\",\"name\":\"Cap\",\"price\":\"14\"}")))
        .isInstanceOfSatisfying(RemoteRejected.class, e -> assertThat(e.status()).isEqualTo(405));
    assertThat(zoey.client.products().where("sku", "CAP")).isEmpty();
  }

  @Test
  void stock_of_many_items_is_set_in_one_call_and_each_refusal_is_reported() {
    var tote = product("TOTE-CANVAS").id();
    var tee = product("TEE-CLASSIC-S-BLK").id();
    var items = zoey.client.stockItems(List.of(tote, tee));
    var toteItem = itemOf(items, tote);
    var teeItem = itemOf(items, tee);

    var outcomes =
        zoey.client.updateStock(
            List.of(
                json("{\"item_id\":\"%s\",\"qty\":\"0\"}".formatted(toteItem)),
                json("{\"item_id\":\"%s\",\"qty\":\"75\"}".formatted(teeItem)),
                json("{\"item_id\":\"9999\",\"qty\":\"5\"}")));

    assertThat(outcomes)
        .containsExactlyInAnyOrder(
            new ZoeyItemOutcome.Updated(toteItem),
            new ZoeyItemOutcome.Updated(teeItem),
            new ZoeyItemOutcome.Rejected("9999", 404, "Resource not found."));
    var after = zoey.client.stockItems(List.of(tote, tee));
    assertThat(stockOf(after, tote).path("qty").asString()).isEqualTo("0.0000");
    assertThat(stockOf(after, tote).path("is_in_stock").asString()).isEqualTo("0");
    assertThat(stockOf(after, tee).path("qty").asString()).isEqualTo("75.0000");
  }

  @Test
  void group_prices_and_account_prices_decide_what_a_buyer_pays() {
    var tote = product("TOTE-CANVAS");
    zoey.client
        .products()
        .update(tote.id(), json("{\"group_price\":[{\"cust_group\":\"2\",\"price\":\"13\"}]}"));
    var outcomes =
        zoey.client.putAccountPrices(
            List.of(
                json("{\"account_id\":\"2\",\"sku\":\"TOTE-CANVAS\",\"price\":\"12\"}"),
                json("{\"account_id\":\"2\",\"sku\":\"NO-SUCH-SKU\",\"price\":\"1\"}")));
    assertThat(outcomes).hasSize(2).first().isEqualTo(new ZoeyItemOutcome.Updated("TOTE-CANVAS"));
    assertThat(outcomes.get(1))
        .isInstanceOfSatisfying(
            ZoeyItemOutcome.Rejected.class, r -> assertThat(r.message()).contains("NO-SUCH-SKU"));

    // Northwind (account 2, Distributor group) gets its own price; Bluebird (Retail) the list
    // price.
    var northwind =
        zoey.placeOrder(
            """
            {"customer_id":"%s","payment_method":"netterms","items":[{"sku":"TOTE-CANVAS","qty":1}]}\
            """
                .formatted(zoey.contactId("buyer@northwind.example")));
    var bluebird =
        zoey.placeOrder(
            """
            {"customer_id":"%s","payment_method":"checkmo","items":[{"sku":"TOTE-CANVAS","qty":1}]}\
            """
                .formatted(zoey.contactId("hello@bluebirdgifts.example")));

    assertThat(price(northwind)).isEqualTo("12.0000");
    assertThat(price(bluebird)).isEqualTo("18.0000");
    assertThat(zoey.client.accountPrices().where("account_id", "2"))
        .extracting(p -> p.body().path("price").asString())
        .containsExactly("12.0000");
  }

  private String price(String orderId) {
    return zoey.client
        .orders()
        .get(orderId)
        .body()
        .path("order_items")
        .get(0)
        .path("price")
        .asString();
  }

  private static String itemOf(List<ZoeyRecord> items, String productId) {
    return items.stream()
        .filter(i -> i.body().path("product_id").asString().equals(productId))
        .findFirst()
        .orElseThrow()
        .id();
  }

  private static JsonNode stockOf(List<ZoeyRecord> items, String productId) {
    return items.stream()
        .filter(i -> i.body().path("product_id").asString().equals(productId))
        .findFirst()
        .orElseThrow()
        .body();
  }
}
