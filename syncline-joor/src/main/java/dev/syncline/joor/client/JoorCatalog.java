package dev.syncline.joor.client;

import dev.syncline.core.WireText;
import dev.syncline.joor.client.Call.Api;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The catalog: v4 price types, products, SKUs and prices, written in bulk with per-item results
 * (joor.md §2.2-2.5), and the legacy v2 style reads. New style integrations must use v4 (joor.md
 * §1.1).
 */
public final class JoorCatalog {

  /** The fixed v4 trait ids of colour and size (joor.md §2.4). */
  static final String COLOR = "U0tVVHJhaXQ6U3R5bGVDb2xvcg==";

  static final String SIZE = "U0tVVHJhaXQ6U2l6ZQ==";

  /** v4 lists are read in pages of this many (page and page_size, joor.md §1.5). */
  static final int PAGE_SIZE = 500;

  /** e.g. {@code USD-Wholesale}: the price level a connection buys at (joor.md §2.2). */
  public record PriceType(String id, String name, String currency, String retailCurrency) {}

  /** A product trait such as Division (joor.md §3.5). */
  public record TraitValue(String traitId, String value, String externalId) {}

  /**
   * A product (v2: a style).
   *
   * @param externalId the brand's style number, unique in the account
   */
  public record ProductData(
      String name,
      String externalId,
      Optional<String> identifier,
      Optional<String> description,
      List<TraitValue> traits,
      List<String> tags) {
    public ProductData {
      if (name == null || name.isBlank() || externalId == null || externalId.isBlank()) {
        throw new IllegalArgumentException("A JOOR product needs a name and an external id");
      }
      traits = List.copyOf(traits);
      tags = List.copyOf(tags);
    }
  }

  public record Product(String id, ProductData data) {}

  /**
   * A colour or a size of a SKU. {@code active} false makes it unshoppable and takes it off every
   * order until it is active again (joor.md §2.4).
   */
  public record SkuTrait(String value, String code, boolean active) {}

  /**
   * A SKU: one colour and one size of a product. A product's SKUs must fill its whole colour x size
   * grid, and sizes are case-sensitive (joor.md §2.4).
   */
  public record SkuData(
      String productId, String externalId, SkuTrait color, SkuTrait size, Optional<String> upc) {
    public SkuData {
      Objects.requireNonNull(productId, "productId");
      Objects.requireNonNull(externalId, "externalId");
      Objects.requireNonNull(color, "color");
      Objects.requireNonNull(size, "size");
    }
  }

  public record Sku(String id, SkuData data) {}

  /** A SKU's wholesale and suggested retail price in one price type (joor.md §2.5). */
  public record PriceData(
      String skuId, String priceTypeId, BigDecimal wholesale, Optional<BigDecimal> retail) {}

  public record Price(String id, PriceData data) {}

  /** A v2 style with its colours, sizes and UPCs (joor.md §2.4). */
  public record Style(
      long id, String number, String identifier, String name, List<StyleColor> colors) {}

  public record StyleColor(String name, String code, List<StyleSize> sizes) {}

  public record StyleSize(String name, String code, String upc) {}

  private final JoorHttp http;
  private final JsonMapper json;

  JoorCatalog(JoorHttp http, JsonMapper json) {
    this.http = http;
    this.json = json;
  }

  public List<PriceType> priceTypes() {
    var answer = http.send(Call.get(Api.V4, "/price_types", "/price_types", Map.of()));
    var wire = answer.wire();
    return wire.data(answer.body()).stream()
        .map(n ->
            new PriceType(
                wire.text(n, "id", "a price type"),
                wire.text(n, "name", "a price type"),
                wire.text(n, "currency_code", "a price type"),
                wire.optionalText(n, "retail_currency_code")))
        .toList();
  }

  // Products

  public BulkResult<Product> createProducts(List<ProductData> products) {
    return bulk(
        "/products/bulk_create",
        products,
        p -> Map.of("external_id", p.externalId()),
        p -> product(p, json.createObjectNode()),
        this::product,
        // A repeat is refused as DUPLICATED, never written twice.
        true);
  }

  /** Replaces the products' fields with these. */
  public BulkResult<Product> updateProducts(List<Product> products) {
    return bulk(
        "/products/bulk_update",
        products,
        p -> Map.of("id", p.id()),
        p -> product(p.data(), json.createObjectNode().put("id", p.id())),
        this::product,
        true);
  }

  /** The products with these external ids (style numbers), in pages as the stream is read. */
  public Stream<Product> productsByExternalId(List<String> externalIds) {
    return v4List(
        "/products", Map.of("external_ids", String.join(",", externalIds)), this::product);
  }

  private ObjectNode product(ProductData p, ObjectNode node) {
    node.put("name", p.name()).put("external_id", p.externalId());
    p.identifier().ifPresent(v -> node.put("product_identifier", v));
    p.description().ifPresent(v -> node.put("description", v));
    var traits = node.putArray("product_trait_values");
    p.traits()
        .forEach(t ->
            traits
                .addObject()
                .put("trait_id", t.traitId())
                .put("value", t.value())
                .put("external_id", t.externalId()));
    var tags = node.putArray("tags");
    p.tags().forEach(tags::add);
    return node;
  }

  private Product product(JsonNode n, Wire wire) {
    var id = wire.text(n, "id", "a product");
    var record = "product " + id;
    return new Product(
        id,
        new ProductData(
            wire.text(n, "name", record),
            wire.text(n, "external_id", record),
            wire.optional(n, "product_identifier"),
            wire.optional(n, "description"),
            wire.list(n, "product_trait_values").stream()
                .map(t ->
                    new TraitValue(
                        wire.text(t, "trait_id", record),
                        wire.optionalText(t, "value"),
                        wire.optionalText(t, "external_id")))
                .toList(),
            wire.list(n, "tags").stream().map(JsonNode::asString).toList()));
  }

  // SKUs

  public BulkResult<Sku> createSkus(List<SkuData> skus) {
    return bulk(
        "/skus/bulk_create",
        skus,
        s -> Map.of("product_id", s.productId(), "external_id", s.externalId()),
        s -> sku(s, json.createObjectNode().put("product_id", s.productId())),
        this::sku,
        true);
  }

  /** Changes the SKUs' external ids, identifiers and trait codes and statuses. */
  public BulkResult<Sku> updateSkus(List<Sku> skus) {
    return bulk(
        "/skus/bulk_update",
        skus,
        s -> Map.of("id", s.id()),
        s -> sku(s.data(), json.createObjectNode().put("id", s.id())),
        this::sku,
        true);
  }

  public Stream<Sku> skusOfProducts(List<String> productIds) {
    return v4List("/skus", Map.of("product_ids", String.join(",", productIds)), this::sku);
  }

  private ObjectNode sku(SkuData s, ObjectNode node) {
    node.put("external_id", s.externalId());
    var traits = node.putArray("trait_values");
    trait(traits.addObject().put("trait_id", COLOR), s.color());
    trait(traits.addObject().put("trait_id", SIZE), s.size());
    var identifiers = node.putArray("identifiers");
    s.upc().ifPresent(upc -> identifiers.addObject().put("type", "upc").put("value", upc));
    return node;
  }

  private static void trait(ObjectNode node, SkuTrait t) {
    node.put("value", t.value())
        .put("external_id", t.code())
        .put("status", t.active() ? "ACTIVE" : "INACTIVE");
  }

  private Sku sku(JsonNode n, Wire wire) {
    var id = wire.text(n, "id", "a SKU");
    var record = "SKU " + id;
    SkuTrait color = null;
    SkuTrait size = null;
    for (var t : wire.list(n, "trait_values")) {
      var trait =
          new SkuTrait(
              wire.text(t, "value", record + "'s trait"),
              wire.optionalText(t, "external_id"),
              !wire.optionalText(t, "status").equals("INACTIVE"));
      switch (wire.text(t.path("trait"), "id", record + "'s trait")) {
        case COLOR -> color = trait;
        case SIZE -> size = trait;
        default -> {
          // Other traits do not make a SKU (joor.md §2.4: colour and size).
        }
      }
    }
    if (color == null || size == null) {
      throw wire.surprise("has " + record + " without both a colour and a size");
    }
    var upc =
        wire.list(n, "identifiers").stream()
            .filter(i -> wire.optionalText(i, "type").equals("upc"))
            .map(i -> wire.optionalText(i, "value"))
            .findFirst();
    return new Sku(
        id,
        new SkuData(
            wire.text(n, "product_id", record),
            wire.optionalText(n, "external_id"),
            color,
            size,
            upc));
  }

  // Prices

  public BulkResult<Price> createPrices(List<PriceData> prices) {
    return bulk(
        "/prices/bulk_create",
        prices,
        p -> Map.of("sku_id", p.skuId(), "price_type_id", p.priceTypeId()),
        p ->
            price(
                p,
                json.createObjectNode()
                    .put("sku_id", p.skuId())
                    .put("price_type_id", p.priceTypeId())),
        this::price,
        true);
  }

  /** Changes existing prices (by {@link Price#id()}); the SKU and price type stay. */
  public BulkResult<Price> updatePrices(List<Price> prices) {
    return bulk(
        "/prices/bulk_update",
        prices,
        p -> Map.of("id", p.id()),
        p -> price(p.data(), json.createObjectNode().put("id", p.id())),
        this::price,
        true);
  }

  /**
   * Creates each price, or updates it where the SKU has one in that price type already: JOOR
   * refuses the second create as DUPLICATED, and the price's id is found by SKU (joor.md §4). Costs
   * two bulk calls and a read when some exist.
   */
  public BulkResult<Price> upsertPrices(List<PriceData> prices) {
    var created = createPrices(prices);
    var duplicated =
        created.refused().stream()
            .filter(r -> r.status().equals("DUPLICATED"))
            .map(BulkResult.Refused::index)
            .toList();
    if (duplicated.isEmpty()) {
      return created;
    }
    var existing = new HashMap<String, String>();
    prices(duplicated.stream().map(i -> prices.get(i).skuId()).distinct().toList())
        .forEach(p -> existing.put(p.data().skuId() + "|" + p.data().priceTypeId(), p.id()));
    var updates = new ArrayList<Price>();
    var updatedIndexes = new ArrayList<Integer>();
    for (var i : duplicated) {
      var data = prices.get(i);
      var id = existing.get(data.skuId() + "|" + data.priceTypeId());
      if (id != null) {
        updates.add(new Price(id, data));
        updatedIndexes.add(i);
      }
    }
    var updated = updates.isEmpty() ? new BulkResult<Price>(List.of()) : updatePrices(updates);
    var outcomes = new ArrayList<>(created.outcomes());
    for (var outcome : updated.outcomes()) {
      var original = updatedIndexes.get(outcome.index());
      outcomes.set(
          original,
          switch (outcome) {
            case BulkResult.Written<Price> w -> new BulkResult.Written<>(original, w.item());
            case BulkResult.Refused<Price> r ->
                new BulkResult.Refused<>(original, r.status(), r.message());
          });
    }
    return new BulkResult<>(outcomes);
  }

  /** The prices of these SKUs, in every price type. */
  public Stream<Price> prices(List<String> skuIds) {
    return v4List("/prices", Map.of("sku_ids", String.join(",", skuIds)), this::price);
  }

  private static ObjectNode price(PriceData p, ObjectNode node) {
    // joor.md §2.5: amounts travel as strings.
    node.put("wholesale_value", p.wholesale().toPlainString());
    p.retail().ifPresent(r -> node.put("retail_value", r.toPlainString()));
    return node;
  }

  private Price price(JsonNode n, Wire wire) {
    var id = wire.text(n, "id", "a price");
    var record = "price " + id;
    return new Price(
        id,
        new PriceData(
            wire.text(n, "sku_id", record),
            wire.text(n.path("price_type"), "id", record + "'s price type"),
            wire.amount(n, "wholesale_value", record),
            wire.optionalAmount(n, "retail_value", record)));
  }

  // v2 styles

  /** The style with this number and identifier (joor.md §2.4), if there is one. */
  public Optional<Style> style(String number, String identifier) {
    var path =
        "/style-number/"
            + WireText.percentEncode(number)
            + "/"
            + WireText.percentEncode(identifier);
    return http.find(
            Call.get(Api.V2, "/style-number/{style_number}/{style_identifier}", path, Map.of()))
        .map(answer -> {
          var wire = answer.wire();
          var styles = wire.list(answer.body(), "styles", "styles", "style");
          if (styles.size() != 1) {
            throw wire.surprise("holds " + styles.size() + " styles instead of one");
          }
          var n = styles.getFirst();
          var record = "style " + number;
          return new Style(
              wire.number(n, "style_id", record),
              wire.text(n, "style_number", record),
              wire.text(n, "style_identifier", record),
              wire.text(n, "style_name", record),
              wire.list(n, "colors", "color").stream()
                  .map(c ->
                      new StyleColor(
                          wire.optionalText(c, "color_name"),
                          wire.optionalText(c, "color_code"),
                          wire.list(c, "sizes", "size").stream()
                              .map(s ->
                                  new StyleSize(
                                      wire.optionalText(s, "size_name"),
                                      wire.optionalText(s, "size_code"),
                                      wire.optionalText(s, "upc")))
                              .toList()))
                  .toList());
        });
  }

  // Shared

  private <I, T> BulkResult<T> bulk(
      String path,
      List<I> items,
      Function<I, Map<String, String>> keys,
      Function<I, ObjectNode> write,
      java.util.function.BiFunction<JsonNode, Wire, T> read,
      boolean idempotent) {
    var body = json.createArrayNode();
    items.forEach(i -> body.add(write.apply(i)));
    var answer =
        http.send(Call.write(Api.V4, "POST", path, path, Map.of(), body.toString(), idempotent));
    return V4Bulk.pair(
        items.stream().map(keys).toList(), answer, n -> read.apply(n, answer.wire()));
  }

  private <T> Stream<T> v4List(
      String path,
      Map<String, String> filter,
      java.util.function.BiFunction<JsonNode, Wire, T> read) {
    return v4Pages(http, path, filter, read);
  }

  /** Reads page after page (page and page_size, joor.md §1.5) until one comes back short. */
  static <T> Stream<T> v4Pages(
      JoorHttp http,
      String path,
      Map<String, String> filter,
      java.util.function.BiFunction<JsonNode, Wire, T> read) {
    return Paging.stream(start -> {
      var query = new LinkedHashMap<>(filter);
      query.put("page", Integer.toString(start / PAGE_SIZE + 1));
      query.put("page_size", Integer.toString(PAGE_SIZE));
      var answer = http.send(Call.get(Api.V4, path, path, query));
      var items =
          answer.wire().data(answer.body()).stream()
              .map(n -> read.apply(n, answer.wire()))
              .toList();
      return new Page<>(
          items,
          start,
          items.size() < PAGE_SIZE
              ? java.util.OptionalInt.empty()
              : java.util.OptionalInt.of(start + PAGE_SIZE),
          -1);
    });
  }
}
