package dev.syncline.sandbox.joor;

import dev.syncline.sandbox.common.SandboxHttp;
import dev.syncline.sandbox.joor.Catalog.Collection;
import dev.syncline.sandbox.joor.Catalog.PriceType;
import dev.syncline.sandbox.joor.Catalog.Product;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * New accounts with their set-up (what JOOR's integration manager does), and the credentials that
 * reach them. The format is ours, documented in docs/sandboxes.md; connections use the v2 field
 * names. Every problem is refused with a message naming the place in the seed.
 */
final class Seed {

  private static final Set<String> TOP = Set.of("accounts", "v2_tokens", "api_clients", "users");

  private static final Set<String> ACCOUNT =
      Set.of(
          "id",
          "name",
          "price_types",
          "payment_methods",
          "warehouses",
          "collections",
          "validated_order_fields",
          "connections",
          "products",
          "orders");

  /** The fields JOOR's order validation can check (joor.md §2.3) that the v2 export carries. */
  static final Set<String> VALIDATABLE =
      Set.of(
          "payment_method_code",
          "shipping_method_code",
          "shipping_code",
          "customer_code",
          "customer_group_name",
          "customer_group_code",
          "order_delivery_code",
          "order_season_code",
          "billing_code",
          "order_type_code",
          "company_name",
          "company_code",
          "order_event",
          "order_event_code",
          "warehouse_name",
          "warehouse_code",
          "sales_representative_code",
          "sales_representative",
          "tax_id_label");

  private Seed() {}

  /** The account ids a seed creates, so that the caller can refuse ones that exist. */
  static List<String> accountIds(JsonNode seed) {
    return fields(seed, "the seed").allowOnly(TOP).array("accounts").stream()
        .map(a -> fields(a, "an account").required("id", 12))
        .toList();
  }

  static void apply(JoorState state, JsonNode seed, Instant now, Predicate<String> accountExists) {
    var top = fields(seed, "the seed").allowOnly(TOP);
    for (var node : top.array("accounts")) {
      account(state, fields(node, "account " + node.path("id").asString("?")), now);
    }
    for (var node : top.array("v2_tokens")) {
      var t = fields(node, "v2_tokens").allowOnly(Set.of("account", "token"));
      var account = t.required("account", 12);
      check(accountExists.test(account), "v2_tokens: there is no account " + account);
      state.auth.addV2Token(t.required("token", 200), account);
    }
    for (var node : top.array("api_clients")) {
      var c = fields(node, "api_clients").allowOnly(Set.of("client_id", "client_secret"));
      state.auth.addClient(c.required("client_id", 200), c.required("client_secret", 200));
    }
    for (var node : top.array("users")) {
      var u = fields(node, "users").allowOnly(Set.of("username", "password", "accounts"));
      var accounts = u.array("accounts").stream().map(JsonNode::asString).toList();
      accounts.forEach(a -> check(accountExists.test(a), "users: there is no account " + a));
      state.auth.addUser(
          new Auth.User(u.required("username", 200), u.required("password", 200), accounts));
    }
  }

  private static void account(JoorState state, Fields f, Instant now) {
    f.allowOnly(ACCOUNT);
    var account = state.addAccount(f.required("id", 12), f.required("name", 150));
    for (var node : f.array("price_types")) {
      var p =
          fields(node, f.where() + " price_types")
              .allowOnly(Set.of("name", "currency", "retail_currency", "label"));
      var currency = p.required("currency", 3);
      var type =
          new PriceType(
              account.ids.priceType(),
              p.required("name", 100),
              currency,
              p.has("retail_currency") ? p.required("retail_currency", 3) : currency,
              p.required("label", 100));
      check(
          account.catalog.priceType(type.currency(), type.label()).isEmpty(),
          f.where() + ": two price types are " + type.currency() + " / " + type.label());
      account.catalog.priceTypes.put(type.id(), type);
    }
    for (var node : f.array("payment_methods")) {
      var p = fields(node, f.where() + " payment_methods").allowOnly(Set.of("code", "name"));
      account.paymentMethods.put(p.required("code", 100), p.required("name", 150));
    }
    for (var node : f.array("warehouses")) {
      var w = fields(node, f.where() + " warehouses").allowOnly(Set.of("code", "name"));
      account.warehouses.put(w.required("code", 100), w.required("name", 150));
    }
    for (var node : f.array("collections")) {
      var c = fields(node, f.where() + " collections").allowOnly(Set.of("name", "start", "end"));
      var collection =
          new Collection(
              account.ids.collection(), c.required("name", 100), date(c, "start"), date(c, "end"));
      account.catalog.collections.put(collection.id(), collection);
    }
    for (var node : f.array("validated_order_fields")) {
      check(
          VALIDATABLE.contains(node.asString()),
          f.where()
              + ": JOOR cannot validate \""
              + node.asString()
              + "\"; it can validate "
              + VALIDATABLE);
      account.validatedOrderFields.add(node.asString());
    }
    for (var node : f.array("connections")) {
      connection(account, node, now);
    }
    for (var node : f.array("products")) {
      product(
          account,
          fields(node, f.where() + " product " + node.path("external_id").asString("")),
          now);
    }
    for (var node : f.array("orders")) {
      OrderPlacement.place(account, fields(node, f.where() + " order"), now);
    }
  }

  /** v2 connection fields plus {@code connection_status}: PENDING, or CONNECTED by hand. */
  private static void connection(Account account, JsonNode node, Instant now) {
    check(node.isObject(), "a connection must be a JSON object");
    var fields = (ObjectNode) node.deepCopy();
    var status = fields.path("connection_status").asString("CONNECTED");
    fields.remove("connection_status");
    check(
        status.equals("CONNECTED") || status.equals("PENDING"),
        "connection_status must be CONNECTED or PENDING, not " + status);
    var parsed =
        ConnectionJson.parse(
            fields(fields, "connection " + fields.path("customer_code").asString("")),
            account,
            java.util.Optional.empty());
    var created = ConnectionWrites.create(account, parsed, now);
    if (status.equals("CONNECTED")) {
      account.match(created, now);
    }
  }

  /**
   * {@code {"name", "external_id", "description", "skus": [{"color", "color_code", "size", "upc"}],
   * "prices": [{"price_type", "wholesale", "retail"}]}}: the SKUs go through the v4 checks (full
   * grid, unique UPCs), and every SKU gets each price.
   */
  private static void product(Account account, Fields f, Instant now) {
    f.allowOnly(Set.of("name", "external_id", "description", "skus", "prices"));
    var product =
        new Product(
            account.ids.product(),
            f.required("name", 255),
            f.required("external_id", 100),
            "",
            f.optional("description", 2000),
            0,
            List.of(),
            List.of(),
            List.of(),
            now,
            now);
    account.catalog.products.put(product.id(), product);
    var items = new ArrayList<JsonNode>();
    for (var node : f.array("skus")) {
      var s =
          fields(node, f.where() + " sku").allowOnly(Set.of("color", "color_code", "size", "upc"));
      items.add(
          SandboxHttp.JSON.valueToTree(
              Map.of(
                  "product_id", product.id(),
                  "external_id",
                      product.externalId()
                          + "-"
                          + s.required("color_code", 100)
                          + "-"
                          + s.required("size", 100),
                  "trait_values",
                      List.of(
                          Map.of(
                              "trait_id",
                              Catalog.COLOR,
                              "value",
                              s.required("color", 100),
                              "external_id",
                              s.required("color_code", 100)),
                          Map.of(
                              "trait_id",
                              Catalog.SIZE,
                              "value",
                              s.required("size", 100),
                              "external_id",
                              s.required("size", 100))),
                  "identifiers", List.of(Map.of("type", "upc", "value", s.required("upc", 14))))));
    }
    @SuppressWarnings("unchecked")
    var errors = (List<Map<String, Object>>) SkuApi.create(account, items, now).get("errors");
    check(errors.isEmpty(), f.where() + ": " + errors.stream().map(e -> e.get("message")).toList());
    for (var node : f.array("prices")) {
      var p =
          fields(node, f.where() + " price").allowOnly(Set.of("price_type", "wholesale", "retail"));
      var name = p.required("price_type", 100);
      var type =
          account.catalog.priceTypes.values().stream()
              .filter(t -> t.name().equals(name))
              .findFirst()
              .orElseThrow(
                  () -> new IllegalArgumentException(f.where() + ": no price type " + name));
      var wholesale = p.requiredAmount("wholesale");
      var retail = p.amount("retail");
      for (var sku : account.catalog.skusOf(product.id())) {
        var price = new Catalog.Price(account.ids.price(), sku.id(), type.id(), wholesale, retail);
        account.catalog.prices.put(price.id(), price);
      }
    }
  }

  private static LocalDate date(Fields f, String name) {
    try {
      return LocalDate.parse(f.required(name, 10));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(f.where() + ": " + name + " must be YYYY-MM-DD");
    }
  }

  private static Fields fields(JsonNode node, String where) {
    return Fields.of(node, where);
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
