package dev.syncline.sandbox.joor;

import dev.syncline.sandbox.joor.Connections.Address;
import dev.syncline.sandbox.joor.Orders.Export;
import dev.syncline.sandbox.joor.Orders.Line;
import dev.syncline.sandbox.joor.Orders.Order;
import dev.syncline.sandbox.joor.Orders.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A retailer placing an order in JOOR's web app, for seeds and the control API: the buyer picks a
 * price type and SKUs, and the order takes the connection's addresses and payment method. Only
 * matched connections can order (joor.md §4).
 */
final class OrderPlacement {

  static final Address NO_ADDRESS = new Address(0, "", "", "", "", "", "", "", "", "");

  private OrderPlacement() {}

  /**
   * {@code {"customer_code", "price_type" (name), "collection" (name or id, optional), "status",
   * "purchase_order", "comments", "lines": [{"upc" | "style_number"+"color_code"+"size",
   * "quantity"}]}}
   */
  static Order place(Account account, Fields f, Instant now) {
    f.allowOnly(
        Set.of(
            "customer_code",
            "price_type",
            "collection",
            "status",
            "purchase_order",
            "comments",
            "lines"));
    var code = f.required("customer_code", 50);
    var connection =
        account
            .connections
            .byCode(code)
            .orElseThrow(() ->
                new IllegalArgumentException(
                    "No connection with customer code " + code + " in account " + account.id));
    if (connection.status() != Connections.Status.CONNECTED) {
      throw new IllegalArgumentException(
          "Connection "
              + code
              + " is still pending; a retailer can order only once JOOR has matched it");
    }
    var typeName = f.required("price_type", 100);
    var type =
        account.catalog.priceTypes.values().stream()
            .filter(p -> p.name().equals(typeName))
            .findFirst()
            .orElseThrow(() ->
                new IllegalArgumentException(
                    "No price type named " + typeName + " in account " + account.id));
    var collectionName = f.optional("collection", 100);
    var collection =
        account.catalog.collections.values().stream()
            .filter(c ->
                collectionName.isEmpty()
                    || c.name().equals(collectionName)
                    || c.id().equals(collectionName))
            .findFirst()
            .orElseThrow(() ->
                new IllegalArgumentException(
                    "No collection " + collectionName + " in account " + account.id));
    Status status;
    try {
      status = Status.valueOf(f.required("status", 20));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("status must be one of " + List.of(Status.values()));
    }
    var lines = new ArrayList<Line>();
    for (var node : f.array("lines")) {
      var l =
          Fields.of(node, "line " + lines.size())
              .allowOnly(Set.of("upc", "style_number", "color_code", "size", "quantity"));
      var sku = sku(account, l);
      var price =
          account
              .catalog
              .price(sku.id(), type.id())
              .orElseThrow(() ->
                  new IllegalArgumentException(
                      "SKU " + sku.upc().orElse(sku.id()) + " has no price for " + typeName));
      var quantity = l.integer("quantity", 0);
      if (quantity < 1) {
        throw new IllegalArgumentException(l.where() + ": quantity must be at least 1");
      }
      lines.add(
          new Line(
              account.ids.line(),
              sku.id(),
              quantity,
              price.wholesale(),
              price.retail().orElse(price.wholesale())));
    }
    var d = connection.details();
    var order =
        new Order(
            account.ids.order(),
            connection.id(),
            type.id(),
            collection.id(),
            status,
            lines,
            f.optional("purchase_order", 100),
            f.optional("comments", 1000),
            d.billing().isEmpty() ? NO_ADDRESS : d.billing().getFirst(),
            d.shipping().isEmpty() ? NO_ADDRESS : d.shipping().getFirst(),
            d.paymentMethodCode(),
            d.warehouseCodes().isEmpty()
                ? Account.DEFAULT_WAREHOUSE_CODE
                : d.warehouseCodes().getFirst(),
            now,
            status == Status.APPROVED || status == Status.SHIPPED
                ? Optional.of(now)
                : Optional.empty(),
            now,
            Export.NEVER,
            Optional.empty(),
            "",
            "");
    account.orders.byId.put(order.id(), order);
    return order;
  }

  /**
   * By UPC, or by style (number or JOOR id), colour code and size (name or code): the SKU keys of
   * joor.md §2.6. The sandbox has no ids for a style's colours, so style_color_id is not accepted.
   */
  static Catalog.Sku sku(Account account, Fields f) {
    if (f.has("upc")) {
      var upc = f.required("upc", 14);
      return account
          .catalog
          .skuByUpc(upc)
          .orElseThrow(() -> JoorError.notFound("No SKU with UPC " + upc));
    }
    if (f.has("style_color_id")) {
      throw JoorError.badRequest(
          f.where()
              + ": name the SKU by upc, or by style_number (or style_id), color_code and size; style_color_id is not simulated");
    }
    var style = f.has("style_id") ? f.required("style_id", 20) : f.required("style_number", 45);
    var product =
        (f.has("style_id")
                ? java.util.Optional.ofNullable(account.catalog.products.get(style))
                : account.catalog.productByExternalId(style))
            .orElseThrow(() -> JoorError.notFound("No style " + style));
    var color = f.required("color_code", 100);
    var bySizeCode = !f.has("size") && f.has("size_code");
    var size = bySizeCode ? f.required("size_code", 100) : f.required("size", 100);
    return account.catalog.skusOf(product.id()).stream()
        .filter(s -> s.color().externalId().equals(color))
        .filter(s -> (bySizeCode ? s.size().externalId() : s.size().value()).equals(size))
        .findFirst()
        .orElseThrow(() ->
            JoorError.notFound("Style " + style + " has no colour " + color + " in size " + size));
  }
}
