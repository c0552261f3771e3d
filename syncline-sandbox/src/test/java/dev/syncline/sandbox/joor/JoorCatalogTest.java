package dev.syncline.sandbox.joor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.sandbox.common.SandboxClock;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JoorCatalogTest {

  private static final String COLOR = "U0tVVHJhaXQ6U3R5bGVDb2xvcg==";
  private static final String SIZE = "U0tVVHJhaXQ6U2l6ZQ==";

  private final SandboxClock clock =
      new SandboxClock(InstantSource.fixed(Instant.parse("2026-03-02T09:00:00Z")));
  private JoorSandbox sandbox;
  private Http http;

  @BeforeEach
  void start() {
    sandbox = JoorSandbox.start("127.0.0.1", 0, clock, JoorSandboxSettings.defaults());
    sandbox.seedDemo();
    http = new Http(sandbox.baseUrl());
    var token =
        http.form("/auth/", JoorGatewayTest.PASSWORD_GRANT).body().path("access_token").asString();
    http.bearer(token);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private static String sku(String product, String color, String size, String upc) {
    return """
    {"product_id": "%s", "external_id": "X-%s-%s",
     "trait_values": [{"trait_id": "%s", "value": "%s"}, {"trait_id": "%s", "value": "%s"}],
     "identifiers": [{"type": "upc", "value": "%s"}]}
    """
        .formatted(product, color, size, COLOR, color, SIZE, size, upc);
  }

  private String newProduct() {
    return http.post(
            "/v4/products/bulk_create?account=4001",
            "[{\"name\": \"Hoodie\", \"external_id\": \"HOOD-1\"}]")
        .body()
        .path("data")
        .path(0)
        .path("id")
        .asString();
  }

  @Test
  void skus_must_fill_the_whole_colour_and_size_grid_with_case_sensitive_sizes() {
    var product = newProduct();

    var holey =
        http.post(
            "/v4/skus/bulk_create?account=4001",
            "["
                + sku(product, "Red", "S", "100000000001")
                + ","
                + sku(product, "Red", "M", "100000000002")
                + ","
                + sku(product, "Blue", "s", "100000000003")
                + "]");
    var full =
        http.post(
            "/v4/skus/bulk_create?account=4001",
            "["
                + sku(product, "Red", "S", "100000000001")
                + ","
                + sku(product, "Blue", "S", "100000000003")
                + "]");

    assertThat(holey.body().path("data").size()).isZero();
    assertThat(holey.body().path("errors").size()).isEqualTo(3);
    assertThat(holey.body().path("errors").path(0).path("message").asString())
        .contains("full list of colour and size combinations")
        .contains("Blue / S");
    assertThat(full.body().path("data").size()).isEqualTo(2);
  }

  @Test
  void creating_a_product_or_price_twice_is_duplicated_per_item() {
    newProduct();
    var again =
        http.post(
            "/v4/products/bulk_create?account=4001",
            "[{\"name\": \"Hoodie\", \"external_id\": \"HOOD-1\"}, {\"name\": \"Cap\", \"external_id\": \"CAP-1\"}]");
    var sku =
        http.get("/v4/skus?account=4001&external_ids=TEE-100-NAV-S").body().path("data").path(0);
    var priceType =
        http.get("/v4/price_types?account=4001").body().path("data").path(0).path("id").asString();
    var price =
        http.post(
            "/v4/prices/bulk_create?account=4001",
            "[{\"sku_id\": \"%s\", \"price_type_id\": \"%s\", \"wholesale_value\": \"13.00\"}]"
                .formatted(sku.path("id").asString(), priceType));

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("data").path(0).path("external_id").asString()).isEqualTo("CAP-1");
    assertThat(again.body().path("errors").path(0).path("status").asString())
        .isEqualTo("DUPLICATED");
    assertThat(price.body().path("errors").path(0).path("status").asString())
        .isEqualTo("DUPLICATED");
    assertThat(price.body().path("errors").path(0).path("details").path("sku_id").asString())
        .isEqualTo(sku.path("id").asString());
  }

  @Test
  void prices_are_strings_and_a_number_is_refused() {
    var sku =
        http.get("/v4/skus?account=4001&external_ids=JKT-200-IND-XL").body().path("data").path(0);
    var prices =
        http.get("/v4/prices?account=4001&sku_ids=" + sku.path("id").asString())
            .body()
            .path("data");

    var number =
        http.post(
            "/v4/prices/bulk_update?account=4001",
            "[{\"id\": \"%s\", \"wholesale_value\": 50}]"
                .formatted(prices.path(0).path("id").asString()));

    assertThat(prices.path(0).path("wholesale_value").asString()).isEqualTo("48.00");
    assertThat(number.body().path("errors").path(0).path("message").asString())
        .contains("must be a string such as \"100.00\"");
  }

  @Test
  void loads_inventory_by_upc_or_style_and_refuses_unknown_warehouses_item_by_item() {
    var v2 = new Http(sandbox.baseUrl()).v2Token(JoorGatewayTest.US_TOKEN);
    var loaded =
        v2.post(
            "/v2/bulk-inventory?dec_pending=1",
            """
            {"inventory_items": {"inventory_item": [
              {"upc": "084123000024", "inventory": 30},
              {"style_number": "TEE-100", "color_code": "WHT", "size": "S", "inventory": 10,
               "warehouse": "East Coast 3PL", "inventory_date": "04-15-2026"},
              {"upc": "084123000031", "inventory": 5, "warehouse": "Moon Base"}
            ]}}
            """);
    var overwritten =
        v2.put(
            "/v2/bulk-inventory?overwrite=1",
            "{\"inventory_items\": {\"inventory_item\": [{\"upc\": \"084123000017\", \"inventory\": 3}]}}");

    var log = loaded.body().path("inventory_log");
    assertThat(loaded.body().path("sku_count").asInt()).isEqualTo(2);
    assertThat(log.path(2).path("status").asString()).isEqualTo("fail");
    assertThat(log.path(2).path("comment").asString())
        .contains("Warehouse \"Moon Base\" does not exist");
    assertThat(overwritten.status()).isEqualTo(200);
    assertThat(sandbox.inventory("4001"))
        .singleElement()
        .satisfies(level -> {
          assertThat(level.upc()).isEqualTo("084123000017");
          assertThat(level.inventory()).isEqualTo(3);
        });
  }

  @Test
  void deducts_pending_orders_when_asked() {
    var v2 = new Http(sandbox.baseUrl()).v2Token(JoorGatewayTest.US_TOKEN);

    v2.post(
        "/v2/bulk-inventory?dec_pending=1",
        """
        {"inventory_items": {"inventory_item": [
          {"upc": "084123000024", "inventory": 30, "warehouse": "Main Warehouse"},
          {"style_number": "TEE-100", "color_code": "WHT", "size": "S", "inventory": 10, "inventory_date": "2026-04-15"}
        ]}}
        """);

    assertThat(sandbox.inventory("4001"))
        .extracting(
            JoorSandbox.InventoryLevel::upc,
            JoorSandbox.InventoryLevel::warehouseCode,
            JoorSandbox.InventoryLevel::inventory)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("084123000024", "MAIN", 18),
            org.assertj.core.groups.Tuple.tuple("084123000048", "DEF", 4));
  }

  @Test
  void v2_reads_the_same_catalog_as_styles_with_style_level_prices() {
    var v2 = new Http(sandbox.baseUrl()).v2Token(JoorGatewayTest.US_TOKEN);

    var style =
        v2.get("/v2/style-number/TEE-100/TEE-100")
            .body()
            .path("styles")
            .path("styles")
            .path("style")
            .path(0);
    var list = v2.get("/v2/style?count=1").body().path("styles").path("response");

    assertThat(style.path("style_name").asString()).isEqualTo("Classic Tee");
    assertThat(style.path("colors").path("color").size()).isEqualTo(2);
    assertThat(style.path("prices").path("price").path(0).path("price_label").asString())
        .isEqualTo("Wholesale");
    assertThat(list.path("total").asInt()).isEqualTo(2);
    assertThat(list.path("next_start").asInt()).isEqualTo(1);
  }
}
