package dev.syncline.sandbox.joor;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An account's products (v2: styles), SKUs, price types, prices and collections (joor.md §2). */
final class Catalog {

  /** The fixed v4 trait ids of colour and size (joor.md §2.4). */
  static final String COLOR = "U0tVVHJhaXQ6U3R5bGVDb2xvcg==";

  static final String SIZE = "U0tVVHJhaXQ6U2l6ZQ==";

  /**
   * A currency and price label pair (v2), with a v4 id and name such as {@code USD-1} (joor.md
   * §2.2).
   */
  record PriceType(String id, String name, String currency, String retailCurrency, String label) {}

  /** A selling period; orders take its dates (joor.md §2.3). */
  record Collection(String id, String name, LocalDate start, LocalDate end) {}

  record TraitValue(String traitId, String value, String externalId) {}

  record Product(
      String id,
      String name,
      String externalId,
      String identifier,
      String description,
      int orderMinimum,
      List<String> categoryIds,
      List<TraitValue> traits,
      List<String> tags,
      Instant created,
      Instant modified) {}

  /** One colour or size of a SKU; INACTIVE makes it unshoppable (joor.md §2.4). */
  record SkuTrait(String value, String externalId, int orderMinimum, String status) {
    boolean active() {
      return status.equals("ACTIVE");
    }
  }

  record Identifier(String type, String value) {}

  record Sku(
      String id,
      String productId,
      String externalId,
      String identifier,
      SkuTrait color,
      SkuTrait size,
      List<Identifier> identifiers,
      Instant created,
      Instant modified) {

    Optional<String> upc() {
      return identifiers.stream()
          .filter(i -> i.type().equals("upc"))
          .map(Identifier::value)
          .findFirst();
    }

    boolean shoppable() {
      return color.active() && size.active();
    }
  }

  record Price(
      String id,
      String skuId,
      String priceTypeId,
      BigDecimal wholesale,
      Optional<BigDecimal> retail) {}

  final Map<String, PriceType> priceTypes = new LinkedHashMap<>();
  final Map<String, Collection> collections = new LinkedHashMap<>();
  final Map<String, Product> products = new LinkedHashMap<>();
  final Map<String, Sku> skus = new LinkedHashMap<>();
  final Map<String, Price> prices = new LinkedHashMap<>();

  Optional<PriceType> priceType(String currency, String label) {
    return priceTypes.values().stream()
        .filter(p -> p.currency().equals(currency) && p.label().equals(label))
        .findFirst();
  }

  Optional<Product> productByExternalId(String externalId) {
    return products.values().stream().filter(p -> p.externalId().equals(externalId)).findFirst();
  }

  List<Sku> skusOf(String productId) {
    return skus.values().stream().filter(s -> s.productId().equals(productId)).toList();
  }

  Optional<Sku> skuByUpc(String upc) {
    return skus.values().stream().filter(s -> s.upc().equals(Optional.of(upc))).findFirst();
  }

  Optional<Price> price(String skuId, String priceTypeId) {
    return prices.values().stream()
        .filter(p -> p.skuId().equals(skuId) && p.priceTypeId().equals(priceTypeId))
        .findFirst();
  }
}
