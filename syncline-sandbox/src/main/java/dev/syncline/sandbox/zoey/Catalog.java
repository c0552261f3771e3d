package dev.syncline.sandbox.zoey;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Products, their stock items, group prices and account-specific prices. zoey.md §2.4 and §3.7:
 * products link to NetSuite by SKU or a NetSuite product id attribute, with a NetSuite product type
 * attribute; §5.1-5.2: Magento 1's products and stock items; §2.2: group and account prices.
 */
final class Catalog {

  static final Set<String> PRODUCT_FIELDS =
      Set.of(
          "entity_id",
          "sku",
          "type_id",
          "name",
          "price",
          "status",
          "netsuite_product_id",
          "netsuite_product_type",
          "created_at",
          "updated_at");
  static final Set<String> STOCK_FIELDS = Set.of("item_id", "product_id", "qty", "is_in_stock");
  static final Set<String> PRICE_FIELDS =
      Set.of("entity_id", "account_id", "sku", "price", "created_at", "updated_at");

  // zoey.md §2.4: Zoey products are simple or configurable (variations) in M1 terms.
  private static final Set<String> TYPES = Set.of("simple", "configurable");
  // zoey.md §2.4 and §3.4: a Zoey product is sent to NetSuite as an Inventory or Assembly item.
  private static final Set<String> NETSUITE_TYPES = Set.of("inventory", "assembly");

  final Table products = new Table("entity_id");
  final Table stock = new Table("item_id");
  final Table accountPrices = new Table("entity_id");
  private final Supplier<Instant> now;
  private final Accounts accounts;

  Catalog(Supplier<Instant> now, Accounts accounts) {
    this.now = now;
    this.accounts = accounts;
  }

  /**
   * zoey.md §5.1: REST creates only {@code type_id=simple}; other types get 405. The seed makes
   * configurable products directly, as Zoey's admin and imports can.
   */
  ObjectNode createProduct(JsonNode body) {
    Accounts.requireObject(body);
    if (!Wire.text(body, "type_id").equals("simple")) {
      throw new ApiError(405, ApiError.METHOD_NOT_ALLOWED);
    }
    return addProduct(body);
  }

  ObjectNode addProduct(JsonNode body) {
    var sku = Wire.text(body, "sku");
    if (bySku(sku).isPresent()) {
      throw ApiError.badRequest("The value of attribute \"SKU\" must be unique.");
    }
    var type = Wire.text(body, "type_id");
    if (!TYPES.contains(type)) {
      throw ApiError.badRequest(
          "Invalid value for \"type_id\": \"" + type + "\"; use one of " + TYPES + ".");
    }
    var row = Wire.object();
    row.put("sku", sku);
    row.put("type_id", type);
    row.put("name", "");
    row.put("price", Wire.decimal(BigDecimal.ZERO));
    row.put("status", "1");
    row.putNull("netsuite_product_id");
    row.put("netsuite_product_type", "inventory");
    row.set("group_price", Wire.array());
    if (!body.has("name")) {
      throw ApiError.emptyValue("name");
    }
    applyProductFields(row, body);
    var qty = Wire.numberOr(body, "qty", BigDecimal.ZERO);
    var product = products.insert(row, now.get());
    var item = Wire.object();
    item.put("product_id", product.path("entity_id").asString());
    item.put("stock_id", "1");
    item.put("qty", Wire.decimal(qty));
    item.put("is_in_stock", Wire.flag(qty.signum() > 0));
    item.put("manage_stock", "1");
    item.put("backorders", "0");
    item.putNull("low_stock_date");
    var stored = stock.insert(item, now.get());
    stored.remove("created_at");
    stored.remove("updated_at");
    return product;
  }

  ObjectNode updateProduct(String id, JsonNode body) {
    Accounts.requireObject(body);
    var row = products.get(id);
    if (body.has("sku") && !Wire.text(body, "sku").equals(row.path("sku").asString())) {
      if (bySku(Wire.text(body, "sku")).isPresent()) {
        throw ApiError.badRequest("The value of attribute \"SKU\" must be unique.");
      }
    }
    if (body.has("type_id") && !Wire.text(body, "type_id").equals(row.path("type_id").asString())) {
      throw ApiError.badRequest("\"type_id\" of a product cannot be changed.");
    }
    var changed = row.deepCopy();
    if (body.has("sku")) {
      changed.put("sku", Wire.text(body, "sku"));
    }
    applyProductFields(changed, body);
    row.setAll(changed);
    products.touch(row, now.get());
    return row;
  }

  /** zoey.md §5.2: {@code PUT /stockitems/1} with {@code {"qty":"99"}}. */
  ObjectNode updateStock(String id, JsonNode body) {
    Accounts.requireObject(body);
    var item = stock.get(id);
    var changed = item.deepCopy();
    if (body.has("qty")) {
      var qty = Wire.number(body, "qty");
      changed.put("qty", Wire.decimal(qty));
      if (!body.has("is_in_stock")) {
        changed.put("is_in_stock", Wire.flag(qty.signum() > 0));
      }
    }
    if (body.has("is_in_stock")) {
      changed.put("is_in_stock", Wire.flag(Wire.flag(body, "is_in_stock")));
    }
    if (body.has("backorders")) {
      changed.put("backorders", Wire.flag(Wire.flag(body, "backorders")));
    }
    item.setAll(changed);
    return item;
  }

  Optional<ObjectNode> bySku(String sku) {
    return products.rows().stream().filter(p -> p.path("sku").asString().equals(sku)).findFirst();
  }

  ObjectNode stockOf(ObjectNode product) {
    var id = product.path("entity_id").asString();
    return stock.rows().stream()
        .filter(s -> s.path("product_id").asString().equals(id))
        .findFirst()
        .orElseThrow();
  }

  /**
   * zoey.md §2.2: account-specific prices, one per account and SKU (the CSV is {@code
   * Account,SKU,Price}); a second one for the same pair replaces the first.
   */
  ObjectNode putAccountPrice(JsonNode body) {
    Accounts.requireObject(body);
    var account = accounts.accounts.get(Wire.text(body, "account_id"));
    var sku = Wire.text(body, "sku");
    if (bySku(sku).isEmpty()) {
      throw ApiError.badRequest("No product has SKU \"" + sku + "\".");
    }
    var price = Wire.number(body, "price");
    if (price.signum() < 0) {
      throw ApiError.badRequest("Invalid value for \"price\": it cannot be negative.");
    }
    var accountId = account.path("entity_id").asString();
    var existing =
        accountPrices.rows().stream()
            .filter(p ->
                p.path("account_id").asString().equals(accountId)
                    && p.path("sku").asString().equals(sku))
            .findFirst();
    if (existing.isPresent()) {
      existing.get().put("price", Wire.decimal(price));
      accountPrices.touch(existing.get(), now.get());
      return existing.get();
    }
    var row = Wire.object();
    row.put("account_id", accountId);
    row.put("sku", sku);
    row.put("price", Wire.decimal(price));
    return accountPrices.insert(row, now.get());
  }

  /**
   * The price a contact of {@code account} pays: account-specific first (zoey.md §2.2: they "take
   * priority over all other Product prices"), then the group price, then the product's price.
   */
  BigDecimal priceFor(ObjectNode product, Optional<ObjectNode> account, String groupId) {
    var sku = product.path("sku").asString();
    if (account.isPresent()) {
      var accountId = account.get().path("entity_id").asString();
      for (var price : accountPrices.rows()) {
        if (price.path("account_id").asString().equals(accountId)
            && price.path("sku").asString().equals(sku)) {
          return Wire.amount(price, "price");
        }
      }
    }
    for (var price : product.path("group_price")) {
      if (price.path("cust_group").asString().equals(groupId)) {
        return Wire.amount(price, "price");
      }
    }
    return Wire.amount(product, "price");
  }

  void clear() {
    products.clear();
    stock.clear();
    accountPrices.clear();
  }

  private void applyProductFields(ObjectNode row, JsonNode body) {
    if (body.has("name")) {
      row.put("name", Wire.text(body, "name"));
    }
    if (body.has("price")) {
      var price = Wire.number(body, "price");
      if (price.signum() < 0) {
        throw ApiError.badRequest("Invalid value for \"price\": it cannot be negative.");
      }
      row.put("price", Wire.decimal(price));
    }
    if (body.has("status")) {
      // Magento 1: status 1 is enabled, 2 disabled.
      var status = Wire.text(body, "status");
      if (!status.equals("1") && !status.equals("2")) {
        throw ApiError.badRequest(
            "Invalid value for \"status\": \"" + status + "\"; use 1 (enabled) or 2 (disabled).");
      }
      row.put("status", status);
    }
    if (body.has("netsuite_product_id")) {
      var id = Wire.textOr(body, "netsuite_product_id", "");
      if (id.isEmpty()) {
        row.putNull("netsuite_product_id");
      } else {
        row.put("netsuite_product_id", id);
      }
    }
    if (body.has("netsuite_product_type")) {
      var type = Wire.text(body, "netsuite_product_type");
      if (!NETSUITE_TYPES.contains(type)) {
        throw ApiError.badRequest(
            "Invalid value for \"netsuite_product_type\": \""
                + type
                + "\"; use inventory or assembly.");
      }
      row.put("netsuite_product_type", type);
    }
    if (body.has("group_price")) {
      // Magento 1's group_price attribute: [{website_id, cust_group, price}].
      var prices = Wire.array();
      for (var entry : Wire.elements(body.get("group_price"))) {
        var group = Wire.text(entry, "cust_group");
        accounts
            .groups
            .find(group)
            .orElseThrow(() ->
                ApiError.badRequest(
                    "Invalid value for \"group_price.cust_group\": no customer group has id "
                        + group
                        + "."));
        var price = Wire.object();
        price.put("website_id", "0");
        price.put("cust_group", group);
        price.put("price", Wire.decimal(Wire.number(entry, "price")));
        prices.add(price);
      }
      row.set("group_price", prices);
    }
  }
}
