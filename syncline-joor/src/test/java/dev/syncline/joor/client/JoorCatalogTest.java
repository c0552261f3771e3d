package dev.syncline.joor.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.joor.client.JoorCatalog.PriceData;
import dev.syncline.joor.client.JoorCatalog.ProductData;
import dev.syncline.joor.client.JoorCatalog.SkuData;
import dev.syncline.joor.client.JoorCatalog.SkuTrait;
import dev.syncline.joor.client.JoorInventory.Item;
import dev.syncline.sandbox.joor.JoorSandbox;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JoorCatalogTest {

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

  private static ProductData hoodie(String externalId) {
    return new ProductData(
        "Hoodie",
        externalId,
        Optional.empty(),
        Optional.of("Fleece hoodie"),
        List.of(),
        List.of("fall"));
  }

  private static SkuData sku(String product, String color, String size, String upc) {
    return new SkuData(
        product,
        "HOOD-" + color + "-" + size,
        new SkuTrait(color, color.substring(0, 3).toUpperCase(), true),
        new SkuTrait(size, size, true),
        Optional.of(upc));
  }

  @Test
  void creates_products_and_reports_a_duplicate_on_its_own_item() {
    var result =
        client
            .catalog()
            .createProducts(List.of(hoodie("HOOD-1"), hoodie("TEE-100"), hoodie("HOOD-2")));

    assertThat(result.written())
        .extracting(p -> p.data().externalId())
        .containsExactly("HOOD-1", "HOOD-2");
    assertThat(result.refused())
        .singleElement()
        .satisfies(r -> {
          assertThat(r.index()).isEqualTo(1);
          assertThat(r.status()).isEqualTo("DUPLICATED");
        });
    var updated =
        client
            .catalog()
            .updateProducts(
                List.of(
                    new JoorCatalog.Product(result.written().getFirst().id(), hoodie("HOOD-1A"))));
    assertThat(updated.written()).extracting(p -> p.data().externalId()).containsExactly("HOOD-1A");
    assertThat(client.catalog().productsByExternalId(List.of("HOOD-1A", "HOOD-2")).toList())
        .hasSize(2);
  }

  @Test
  void creates_the_full_colour_and_size_grid_and_refuses_one_with_a_hole() {
    var product =
        client.catalog().createProducts(List.of(hoodie("HOOD-1"))).written().getFirst().id();

    var holey =
        client
            .catalog()
            .createSkus(
                List.of(
                    sku(product, "Grey", "S", "200000000001"),
                    sku(product, "Black", "M", "200000000002")));
    var full =
        client
            .catalog()
            .createSkus(
                List.of(
                    sku(product, "Grey", "S", "200000000001"),
                    sku(product, "Grey", "M", "200000000003"),
                    sku(product, "Black", "S", "200000000004"),
                    sku(product, "Black", "M", "200000000002")));

    assertThat(holey.refused())
        .hasSize(2)
        .allSatisfy(
            r -> assertThat(r.message()).contains("full list of colour and size combinations"));
    assertThat(full.written()).hasSize(4);
    assertThat(
            client
                .catalog()
                .skusOfProducts(List.of(product))
                .map(s -> s.data().upc().orElseThrow())
                .toList())
        .containsExactlyInAnyOrder("200000000001", "200000000002", "200000000003", "200000000004");
    var deactivated =
        client
            .catalog()
            .updateSkus(
                List.of(
                    new JoorCatalog.Sku(
                        full.written().getFirst().id(),
                        new SkuData(
                            product,
                            "HOOD-Grey-S",
                            new SkuTrait("Grey", "GRE", false),
                            new SkuTrait("S", "S", true),
                            Optional.of("200000000001")))));
    assertThat(deactivated.written().getFirst().data().color().active()).isFalse();
  }

  @Test
  void upserts_prices_creating_new_ones_and_updating_those_joor_calls_duplicated() {
    var wholesale =
        client.catalog().priceTypes().stream()
            .filter(t -> t.name().equals("USD-Wholesale"))
            .findFirst()
            .orElseThrow();
    var tee = client.catalog().productsByExternalId(List.of("TEE-100")).findFirst().orElseThrow();
    var skus = client.catalog().skusOfProducts(List.of(tee.id())).toList();
    var product =
        client.catalog().createProducts(List.of(hoodie("HOOD-9"))).written().getFirst().id();
    var fresh =
        client
            .catalog()
            .createSkus(List.of(sku(product, "Grey", "S", "200000000009")))
            .written()
            .getFirst();

    var result =
        client
            .catalog()
            .upsertPrices(
                List.of(
                    new PriceData(
                        skus.getFirst().id(),
                        wholesale.id(),
                        new BigDecimal("13.50"),
                        Optional.of(new BigDecimal("29.00"))),
                    new PriceData(
                        fresh.id(), wholesale.id(), new BigDecimal("30.00"), Optional.empty())));

    assertThat(result.refused()).isEmpty();
    assertThat(result.written())
        .extracting(p -> p.data().wholesale())
        .containsExactly(new BigDecimal("13.50"), new BigDecimal("30.00"));
    assertThat(
            client
                .catalog()
                .prices(List.of(skus.getFirst().id()))
                .filter(p -> p.data().priceTypeId().equals(wholesale.id()))
                .toList())
        .singleElement()
        .satisfies(p -> assertThat(p.data().retail()).contains(new BigDecimal("29.00")));
  }

  @Test
  void matches_a_refusal_to_its_item_by_the_keys_joor_names_when_it_gives_no_position() {
    joor.sandbox
        .faults()
        .failNext(
            "POST",
            "/v4/prices/bulk_create",
            1,
            dev.syncline.sandbox.common.Faults.Fault.status(
                200,
                """
                {"data": [{"id": "P-2", "sku_id": "B", "price_type": {"id": "T"}, "wholesale_value": "2.00"}],
                 "errors": [{"status": "DUPLICATED", "message": "exists", "details": {"sku_id": "A"}}]}
                """));

    var result =
        client
            .catalog()
            .createPrices(
                List.of(
                    new PriceData("A", "T", BigDecimal.ONE, Optional.empty()),
                    new PriceData("B", "T", BigDecimal.TWO, Optional.empty())));

    assertThat(result.outcomes())
        .satisfiesExactly(
            first ->
                assertThat(first)
                    .isEqualTo(
                        new BulkResult.Refused<JoorCatalog.Price>(0, "DUPLICATED", "exists")),
            second ->
                assertThat(second)
                    .isInstanceOfSatisfying(
                        BulkResult.Written.class, w -> assertThat(w.index()).isEqualTo(1)));
  }

  @Test
  void reads_a_v2_style_with_its_colours_sizes_and_upcs() {
    var style = client.catalog().style("JKT-200", "JKT-200").orElseThrow();

    assertThat(style.name()).isEqualTo("Denim Jacket");
    assertThat(style.colors())
        .singleElement()
        .satisfies(c ->
            assertThat(c.sizes())
                .extracting(JoorCatalog.StyleSize::upc)
                .containsExactly("084123000079", "084123000086", "084123000093", "084123000109"));
    assertThat(client.catalog().style("JKT-200", "nope")).isEmpty();
  }

  @Test
  void loads_inventory_by_upc_or_style_and_reports_an_unknown_warehouse_on_its_item() {
    var result =
        client
            .inventory()
            .load(
                List.of(
                    Item.byUpc("084123000017", "Main Warehouse", 40),
                    Item.byStyle("JKT-200", "IND", "XL", "", 7)
                        .availableFrom(LocalDate.of(2026, 5, 1)),
                    Item.byUpc("084123000024", "Moon Base", 1)),
                JoorInventory.Mode.UPDATE,
                false);

    assertThat(result.written()).hasSize(2);
    assertThat(result.refused())
        .singleElement()
        .satisfies(r -> {
          assertThat(r.index()).isEqualTo(2);
          assertThat(r.message()).contains("Warehouse \"Moon Base\" does not exist");
        });
    assertThat(joor.sandbox.inventory(TestJoor.US))
        .extracting(
            JoorSandbox.InventoryLevel::upc,
            JoorSandbox.InventoryLevel::inventoryDate,
            JoorSandbox.InventoryLevel::inventory)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("084123000017", "", 40),
            org.assertj.core.groups.Tuple.tuple("084123000109", "2026-05-01", 7));
  }
}
