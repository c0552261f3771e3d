package dev.syncline.sandbox.joor;

import dev.syncline.sandbox.joor.Connections.Address;
import dev.syncline.sandbox.joor.Orders.Line;
import dev.syncline.sandbox.joor.Orders.Order;
import dev.syncline.sandbox.joor.Orders.Status;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Orders on the wire: the v2 export with the field names a production consumer parses (joor.md
 * §2.3), and the v4 order and SKU line item objects. Values the sandbox does not model are "", as
 * JOOR sends missing values (joor.md §2.3).
 */
final class OrderJson {

  private OrderJson() {}

  /**
   * The order_type an exported order carries. The consumer in joor.md §2.3 reads "4" as approved
   * and "3" as pending, so these codes differ from the order_type query filter's; the others follow
   * the filter's numbers.
   */
  static String typeCode(Status status) {
    return switch (status) {
      case IN_PROGRESS -> "0";
      case NOTES -> "1";
      case PENDING -> "3";
      case APPROVED -> "4";
      case CANCELLED -> "5";
      case SHIPPED -> "7";
    };
  }

  static String typeName(Status status) {
    return switch (status) {
      case IN_PROGRESS -> "In Progress";
      case NOTES -> "Notes";
      case PENDING -> "Pending";
      case APPROVED -> "Approved";
      case CANCELLED -> "Cancelled";
      case SHIPPED -> "Shipped";
    };
  }

  /**
   * The lines still on the order: an INACTIVE colour or size takes its lines off (joor.md §2.4).
   */
  static List<Line> visibleLines(Order order, Account account) {
    return order.lines().stream()
        .filter(l ->
            Optional.ofNullable(account.catalog.skus.get(l.skuId()))
                .map(Catalog.Sku::shoppable)
                .orElse(false))
        .toList();
  }

  static Map<String, Object> v2(Order o, Account account) {
    var connection = account.connections.byId(o.connectionId()).orElseThrow();
    var d = connection.details();
    var type = account.catalog.priceTypes.get(o.priceTypeId());
    var collection = Optional.ofNullable(account.catalog.collections.get(o.collectionId()));
    var lines = visibleLines(o, account);
    var json = new LinkedHashMap<String, Object>();
    json.put("order_id", o.id());
    json.put("order_type", typeCode(o.status()));
    json.put("order_type_name", typeName(o.status()));
    json.put("order_type_code", "");
    json.put("order_source", "JOOR");
    json.put("order_comments", o.comments());
    json.put("order_internal_comments", "");
    json.put("order_currency", type.currency());
    json.put("order_currency_retail", type.retailCurrency());
    json.put("order_currency_name", type.name());
    json.put("order_discount", 0);
    json.put("order_discount_percent", 0);
    json.put("order_shipping_total", 0);
    json.put("order_total", total(lines));
    json.put("order_season_code", "");
    json.put("order_event", "");
    json.put("order_event_code", "");
    json.put("order_delivery_name", collection.map(Catalog.Collection::name).orElse(""));
    json.put("order_delivery_code", collection.map(Catalog.Collection::id).orElse(""));
    json.put("date_created", V2.timestamp(o.created()));
    json.put("date_approved", V2.timestamp(o.approved()));
    json.put("date_modified", V2.timestamp(o.modified()));
    json.put("date_ship_start", collection.map(c -> c.start().toString()).orElse(""));
    json.put("date_ship_end", collection.map(c -> c.end().toString()).orElse(""));
    json.put("sales_representative", "");
    json.put("sales_representative_code", d.salesRepCode());
    json.put("customer_name", d.name());
    json.put("customer_code", connection.code());
    json.put("company_name", d.alias());
    json.put("company_code", d.companyNumberCode());
    json.put("customer_group_name", d.groupName());
    json.put("customer_group_code", d.groupCode());
    json.put("customer_purchase_order", o.purchaseOrder());
    json.put("integration_purchase_order", "");
    json.put("customer_buyer_name", d.buyerName());
    flatAddress(json, "shipping", o.shipping());
    json.put("shipping_email", d.contactEmail());
    json.put("shipping_method_name", "");
    json.put("shipping_method_code", "");
    flatAddress(json, "billing", o.billing());
    json.put("payment_method_name", account.paymentMethods.getOrDefault(o.paymentMethodCode(), ""));
    json.put("payment_method_code", o.paymentMethodCode());
    json.put("tax_id_label", "");
    json.put("warehouse_name", account.warehouses.getOrDefault(o.warehouseCode(), ""));
    json.put("warehouse_code", o.warehouseCode());
    json.put("created_by_username", d.buyerName());
    json.put("created_by_email", d.contactEmail());
    json.put("is_personal_order", false);
    json.put("order_divisions", List.of());
    json.put("order_doors", List.of());
    json.put("line_items", lines.stream().map(l -> v2Line(l, account)).toList());
    return json;
  }

  private static void flatAddress(Map<String, Object> json, String role, Address a) {
    var fields = ConnectionJson.address(role, a);
    fields.remove(role + "_address_id");
    json.putAll(fields);
    var country = a.country().toUpperCase(Locale.ROOT);
    var iso2 = country.length() == 2 ? country : "";
    json.put(
        role + "_country_iso_three", iso2.isEmpty() ? "" : Locale.of("", iso2).getISO3Country());
    json.put(role + "_country_iso_two", iso2);
  }

  private static Map<String, Object> v2Line(Line l, Account account) {
    var sku = account.catalog.skus.get(l.skuId());
    var product = account.catalog.products.get(sku.productId());
    var json = new LinkedHashMap<String, Object>();
    json.put("item_name", product.name());
    json.put("item_number", product.externalId());
    json.put("item_style_id", Long.parseLong(product.id()));
    json.put(
        "item_style_identifier",
        product.identifier().isEmpty() ? product.externalId() : product.identifier());
    json.put("item_color", sku.color().value());
    json.put("item_color_code", sku.color().externalId());
    json.put("item_size", sku.size().value());
    json.put("item_size_code", sku.size().externalId());
    json.put("item_upc", sku.upc().orElse(""));
    json.put("item_price", l.price());
    json.put("item_retail_price", l.retailPrice());
    json.put("item_unit_price", l.price());
    json.put("item_price_adjustment", 0);
    json.put("item_quantity", l.quantity());
    json.put("item_price_extended", l.price().multiply(BigDecimal.valueOf(l.quantity())));
    json.put("item_multiplier", "");
    json.put("item_comment", "");
    json.put("item_color_comment", "");
    json.put("item_door_id", 0);
    json.put("style_tags", List.of());
    return json;
  }

  private static BigDecimal total(List<Line> lines) {
    return lines.stream()
        .map(l -> l.price().multiply(BigDecimal.valueOf(l.quantity())))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** v4 dates are YYYY-MM-DD (joor.md §1.4). */
  private static String date(Instant instant) {
    return instant.atZone(ZoneOffset.UTC).toLocalDate().toString();
  }

  /**
   * The v4 order: the fields of get-orders and of the newer update-orders reference (joor.md §2.3).
   */
  static Map<String, Object> v4(Order o, Account account) {
    var connection = account.connections.byId(o.connectionId()).orElseThrow();
    var json = new LinkedHashMap<String, Object>();
    json.put("id", Long.toString(o.id()));
    json.put("retailer_id", connection.retailerId());
    json.put("price_type_id", o.priceTypeId());
    json.put("collection_id", o.collectionId());
    json.put("status", o.status().name());
    json.put("total", visibleLines(o, account).stream().mapToInt(Line::quantity).sum());
    json.put("date_created", date(o.created()));
    json.put("date_approved", o.approved().map(OrderJson::date).orElse(null));
    json.put("date_modified", date(o.modified()));
    json.put("comments", o.comments());
    json.put("internal_comments", "");
    json.put("tracking_number", o.trackingNumber());
    json.put("export_status", o.export().name());
    json.put("export_description", o.exportDescription());
    json.put("exported_on", o.exportedOn().map(OrderJson::date).orElse(null));
    json.put("shipping_address", v4Address(o.shipping(), connection.details()));
    json.put("billing_address", v4Address(o.billing(), connection.details()));
    json.put("shipping_method", null);
    return json;
  }

  private static Map<String, Object> v4Address(Address a, Connections.Details d) {
    var json = new LinkedHashMap<String, Object>();
    json.put("id", Long.toString(a.id()));
    json.put("code", a.code());
    json.put("name", a.name());
    json.put("company", d.alias());
    json.put("line_1", a.line1());
    json.put("line_2", a.line2());
    json.put("city", a.city());
    json.put("state", a.region());
    json.put("zip", a.postalCode());
    json.put("country", a.country());
    json.put("phone", a.phone());
    json.put("fax", "");
    json.put("email", d.contactEmail());
    return json;
  }

  /** A SKU line item (joor.md §2.3, get-order-line-items). */
  static Map<String, Object> v4Line(Order o, Line l, Account account) {
    var sku = account.catalog.skus.get(l.skuId());
    var product = account.catalog.products.get(sku.productId());
    var lineSku = new LinkedHashMap<String, Object>();
    lineSku.put("original_id", sku.id());
    lineSku.put("product", Map.of("name", product.name(), "external_id", product.externalId()));
    lineSku.put("wholesale_price", l.price());
    lineSku.put("suggested_retail_price", l.retailPrice());
    lineSku.put(
        "trait_values",
        List.of(
            Map.of(
                "trait", Map.of("id", Catalog.COLOR, "name", "Color", "type", "sku"),
                "value", sku.color().value(),
                "external_id", sku.color().externalId()),
            Map.of(
                "trait", Map.of("id", Catalog.SIZE, "name", "Size", "type", "sku"),
                "value", sku.size().value(),
                "external_id", sku.size().externalId())));
    var json = new LinkedHashMap<String, Object>();
    json.put("id", l.id());
    json.put("order_id", Long.toString(o.id()));
    json.put("line_item_sku", lineSku);
    json.put("quantity", l.quantity());
    return json;
  }
}
