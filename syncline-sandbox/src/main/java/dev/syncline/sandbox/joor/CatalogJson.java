package dev.syncline.sandbox.joor;

import dev.syncline.sandbox.joor.Catalog.PriceType;
import dev.syncline.sandbox.joor.Catalog.Product;
import dev.syncline.sandbox.joor.Catalog.Sku;
import dev.syncline.sandbox.joor.Catalog.SkuTrait;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The catalog on the wire: v4 products, SKUs, prices and price types (joor.md §2.2-2.5). */
final class CatalogJson {

  private CatalogJson() {}

  static Map<String, Object> priceType(PriceType p) {
    var json = new LinkedHashMap<String, Object>();
    json.put("id", p.id());
    json.put("name", p.name());
    json.put("currency_code", p.currency());
    json.put("retail_currency_code", p.retailCurrency());
    return json;
  }

  static Map<String, Object> product(Product p) {
    var json = new LinkedHashMap<String, Object>();
    json.put("id", p.id());
    json.put("name", p.name());
    json.put("external_id", p.externalId());
    json.put("product_identifier", p.identifier());
    json.put("description", p.description());
    json.put("order_minimum", p.orderMinimum());
    json.put("category_ids", p.categoryIds());
    json.put(
        "product_trait_values",
        p.traits().stream()
            .map(t ->
                Map.of("trait_id", t.traitId(), "value", t.value(), "external_id", t.externalId()))
            .toList());
    json.put("tags", p.tags());
    return json;
  }

  /** The shape of the GET /skus example (joor.md §2.4), with the identifiers sent on create. */
  static Map<String, Object> sku(Sku s) {
    var json = new LinkedHashMap<String, Object>();
    json.put("id", s.id());
    json.put("product_id", s.productId());
    json.put("external_id", s.externalId());
    json.put("sku_identifier", s.identifier());
    json.put(
        "trait_values",
        List.of(trait(Catalog.COLOR, "Color", s.color()), trait(Catalog.SIZE, "Size", s.size())));
    json.put(
        "identifiers",
        s.identifiers().stream().map(i -> Map.of("type", i.type(), "value", i.value())).toList());
    return json;
  }

  private static Map<String, Object> trait(String id, String name, SkuTrait t) {
    var json = new LinkedHashMap<String, Object>();
    json.put("trait", Map.of("id", id, "name", name));
    json.put("value", t.value());
    json.put("external_id", t.externalId());
    json.put("order_minimum", t.orderMinimum());
    json.put("order_nbr", 1);
    json.put("status", t.status());
    json.put("hexColor", null);
    json.put("swatch", null);
    json.put("images", null);
    return json;
  }

  static Map<String, Object> price(Catalog.Price p, Catalog catalog) {
    var json = new LinkedHashMap<String, Object>();
    json.put("id", p.id());
    json.put("sku_id", p.skuId());
    json.put("price_type", priceType(catalog.priceTypes.get(p.priceTypeId())));
    json.put("wholesale_value", p.wholesale().toPlainString());
    json.put("retail_value", p.retail().map(java.math.BigDecimal::toPlainString).orElse(null));
    return json;
  }

  /**
   * A v2 style: the product with its colours, sizes and UPCs, and one wholesale and retail price
   * per price type (v2 prices a style, not a SKU; joor.md §2.2, §3.5). Field names are v2's; the
   * nesting is ours.
   */
  static Map<String, Object> style(Product p, Catalog catalog) {
    var skus = catalog.skusOf(p.id());
    var colors = new LinkedHashMap<String, List<Sku>>();
    skus.forEach(
        s -> colors.computeIfAbsent(s.color().externalId(), k -> new ArrayList<>()).add(s));
    var json = new LinkedHashMap<String, Object>();
    json.put("style_id", Long.parseLong(p.id()));
    json.put("style_number", p.externalId());
    json.put("style_identifier", p.identifier().isEmpty() ? p.externalId() : p.identifier());
    json.put("style_name", p.name());
    json.put("style_description", p.description());
    json.put("date_created", V2.timestamp(p.created()));
    json.put("date_modified", V2.timestamp(p.modified()));
    json.put(
        "colors",
        Map.of(
            "color",
            colors.values().stream()
                .map(group -> {
                  var color = new LinkedHashMap<String, Object>();
                  color.put("color_name", group.getFirst().color().value());
                  color.put("color_code", group.getFirst().color().externalId());
                  color.put(
                      "sizes",
                      Map.of(
                          "size",
                          group.stream()
                              .map(s ->
                                  Map.of(
                                      "size_name", s.size().value(),
                                      "size_code", s.size().externalId(),
                                      "upc", s.upc().orElse("")))
                              .toList()));
                  return color;
                })
                .toList()));
    var prices = new ArrayList<Map<String, Object>>();
    for (var type : catalog.priceTypes.values()) {
      skus.stream()
          .flatMap(s -> catalog.price(s.id(), type.id()).stream())
          .findFirst()
          .ifPresent(price -> {
            var json2 = new LinkedHashMap<String, Object>();
            json2.put("price_label", type.label());
            json2.put("price_currency", type.currency());
            json2.put("price_wholesale", price.wholesale().toPlainString());
            json2.put(
                "price_retail", price.retail().map(java.math.BigDecimal::toPlainString).orElse(""));
            json2.put("price_currency_retail", type.retailCurrency());
            prices.add(json2);
          });
    }
    json.put("prices", Map.of("price", prices));
    return json;
  }
}
