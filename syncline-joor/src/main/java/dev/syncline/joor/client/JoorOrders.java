package dev.syncline.joor.client;

import dev.syncline.joor.client.Call.Api;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Orders: the v2 export, which marks what it returns as exported unless told not to, and the v4
 * orders, statuses and SKU line items (joor.md §2.3).
 *
 * <p>A crash between an export that marks orders and storing them would lose them from the "not yet
 * exported" set (joor.md §4), so read with {@code sync} off, store, then {@link #markExported}.
 */
public final class JoorOrders {

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

  /** v4's statuses (joor.md §2.3), and SHIPPED, which only the v2 export knows. */
  public enum OrderStatus {
    IN_PROGRESS,
    NOTES,
    PENDING,
    APPROVED,
    SHIPPED,
    CANCELLED
  }

  /** v2's order_type filter, 1 to 8 (joor.md §2.3). */
  public enum OrderTypes {
    NOTES(1),
    APPROVED_AND_SHIPPED(2),
    PENDING(3),
    ALL_BUT_CANCELLED(4),
    CANCELLED(5),
    APPROVED(6),
    SHIPPED(7),
    ALL(8);

    final int code;

    OrderTypes(int code) {
      this.code = code;
    }
  }

  /** v2's export_status filter, 1 to 7 (joor.md §2.3). */
  public enum ExportStates {
    ALL(1),
    NOT_EXPORTED(2),
    EXPORTED(3),
    MODIFIED_SINCE_EXPORT(4),
    NOT_EXPORTED_OR_MODIFIED(5),
    NEVER_TRIED(6),
    NEVER_TRIED_OR_MODIFIED(7);

    final int code;

    ExportStates(int code) {
      this.code = code;
    }
  }

  /**
   * One v2 export request.
   *
   * @param sync whether JOOR marks the orders it returns as exported
   * @param check 0-3: whether orders missing validated fields (1), or with deleted styles (2), are
   *     left out and marked failed
   */
  public record Export(
      OrderTypes types,
      ExportStates states,
      boolean sync,
      int check,
      Optional<Instant> modifiedFrom,
      Optional<Instant> modifiedTo,
      Optional<String> customerCode,
      int count) {
    public Export {
      if (check < 0
          || check > 3
          || count < 1
          || modifiedFrom.isPresent() != modifiedTo.isPresent()) {
        throw new IllegalArgumentException(
            "check is 0 to 3, count at least 1, and a modified range needs both ends");
      }
    }

    /** Orders not exported yet or changed since, read without marking them. */
    public static Export unexportedOrChanged(OrderTypes types) {
      return new Export(
          types,
          ExportStates.NOT_EXPORTED_OR_MODIFIED,
          false,
          0,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          100);
    }

    public Export modifiedBetween(Instant from, Instant to) {
      return new Export(
          types, states, sync, check, Optional.of(from), Optional.of(to), customerCode, count);
    }
  }

  /** A line of an exported order: one SKU (joor.md §2.3). */
  public record OrderLine(
      String styleNumber,
      String name,
      String colorName,
      String colorCode,
      String size,
      String upc,
      int quantity,
      BigDecimal price,
      BigDecimal retailPrice) {}

  /** An order as the v2 export carries it (joor.md §2.3). */
  public record Order(
      long id,
      OrderStatus status,
      String purchaseOrder,
      String customerCode,
      String customerName,
      String currency,
      String priceTypeName,
      BigDecimal total,
      Instant created,
      Optional<Instant> approved,
      Instant modified,
      Optional<Address> billing,
      Optional<Address> shipping,
      String paymentMethodCode,
      String warehouseCode,
      String comments,
      List<OrderLine> lines) {}

  /** A v4 order (joor.md §2.3: get-orders and update-orders). */
  public record Summary(
      String id,
      String retailerId,
      String priceTypeId,
      String collectionId,
      OrderStatus status,
      int units,
      String exportStatus,
      String trackingNumber) {}

  /** What v4 needs to start an order (joor.md §2.3, create-order). */
  public record NewOrder(
      String retailerId, String priceTypeId, String collectionId, OrderStatus status) {
    public NewOrder {
      Objects.requireNonNull(retailerId, "retailerId");
      Objects.requireNonNull(priceTypeId, "priceTypeId");
      Objects.requireNonNull(collectionId, "collectionId");
      Objects.requireNonNull(status, "status");
    }
  }

  public record StatusChange(String orderId, OrderStatus status) {}

  /** A v4 SKU line item (joor.md §2.3, get-order-line-items). */
  public record LineItem(
      String id,
      String orderId,
      String skuId,
      String productExternalId,
      String color,
      String size,
      BigDecimal wholesale,
      BigDecimal retail,
      int quantity) {}

  public record QuantityChange(String lineItemId, int quantity) {}

  private final JoorHttp http;
  private final JsonMapper json;

  JoorOrders(JoorHttp http, JsonMapper json) {
    this.http = http;
    this.json = json;
  }

  // v2

  /** One page of a v2 export, from {@code startFrom}. With sync on, it marks what it returns. */
  public Page<Order> export(Export export, int startFrom) {
    var query = new LinkedHashMap<String, String>();
    query.put("order_type", Integer.toString(export.types().code));
    query.put("export_status", Integer.toString(export.states().code));
    // joor.md §2.3: sync defaults to 1, so it is always sent.
    query.put("sync", export.sync() ? "1" : "0");
    query.put("check", Integer.toString(export.check()));
    export.modifiedFrom().ifPresent(from -> query.put("date_start", TIMESTAMP.format(from)));
    export.modifiedTo().ifPresent(to -> query.put("date_end", TIMESTAMP.format(to)));
    export.customerCode().ifPresent(code -> query.put("customer_code", code));
    query.put("start_from", Integer.toString(startFrom));
    query.put("count", Integer.toString(export.count()));
    var answer = http.send(Call.get(Api.V2, "/order/", "/order/", query));
    var response = answer.body().path("response");
    var next = response.path("next_start");
    return new Page<>(
        answer.wire().list(answer.body(), "orders").stream()
            .map(n -> order(n, answer.wire()))
            .toList(),
        startFrom,
        next.isNumber() ? OptionalInt.of(next.intValue()) : OptionalInt.empty(),
        response.path("total").asInt(0));
  }

  /**
   * Every order of a v2 export read without marking, a page at a time. Paging through a marking
   * export would skip orders, as each page shrinks the set the next counts from.
   */
  public Stream<Order> read(Export export) {
    if (export.sync()) {
      throw new IllegalArgumentException(
          "Page through the export with sync off, then mark each order exported");
    }
    return Paging.stream(start -> export(export, start));
  }

  /** One order; reading it does not mark it exported. */
  public Optional<Order> order(long orderId) {
    return http.find(Call.get(Api.V2, "/order/{order_id}", "/order/" + orderId, Map.of()))
        .flatMap(answer ->
            answer.wire().list(answer.body(), "orders").stream()
                .findFirst()
                .map(n -> order(n, answer.wire())));
  }

  /**
   * Marks one order exported, the way integrators do: a marking export of just that order (joor.md
   * §2.3, code sample; the order_id filter is unconfirmed). False when JOOR did not return it.
   */
  public boolean markExported(long orderId) {
    var query = new LinkedHashMap<String, String>();
    query.put("order_id", Long.toString(orderId));
    query.put("order_type", Integer.toString(OrderTypes.ALL.code));
    query.put("export_status", Integer.toString(ExportStates.ALL.code));
    query.put("sync", "1");
    query.put("check", "0");
    query.put("count", "1");
    var answer = http.send(Call.get(Api.V2, "/order/", "/order/", query));
    return answer.wire().list(answer.body(), "orders").stream()
        .anyMatch(n -> n.path("order_id").asLong() == orderId);
  }

  /**
   * The export's order_type codes, which differ from the filter's: a consumer in joor.md §2.3 reads
   * "4" as approved and "3" as pending (unconfirmed).
   */
  private static Optional<OrderStatus> status(String code) {
    return switch (code) {
      case "0" -> Optional.of(OrderStatus.IN_PROGRESS);
      case "1" -> Optional.of(OrderStatus.NOTES);
      case "3" -> Optional.of(OrderStatus.PENDING);
      case "4" -> Optional.of(OrderStatus.APPROVED);
      case "5" -> Optional.of(OrderStatus.CANCELLED);
      case "7" -> Optional.of(OrderStatus.SHIPPED);
      default -> Optional.empty();
    };
  }

  private static Order order(JsonNode n, Wire wire) {
    var id = wire.number(n, "order_id", "an order");
    var record = "order " + id;
    var type = wire.text(n, "order_type", record);
    return new Order(
        id,
        status(type)
            .orElseThrow(() ->
                wire.surprise(
                    "has "
                        + record
                        + " of an order_type Syncline does not know: \""
                        + type
                        + "\"")),
        wire.optionalText(n, "customer_purchase_order"),
        wire.text(n, "customer_code", record),
        wire.optionalText(n, "customer_name"),
        wire.text(n, "order_currency", record),
        wire.optionalText(n, "order_currency_name"),
        wire.amount(n, "order_total", record),
        wire.timestamp(n, "date_created", record),
        wire.optionalTimestamp(n, "date_approved", record),
        wire.timestamp(n, "date_modified", record),
        address(n, "billing", wire),
        address(n, "shipping", wire),
        wire.optionalText(n, "payment_method_code"),
        wire.optionalText(n, "warehouse_code"),
        wire.optionalText(n, "order_comments"),
        wire.list(n, "line_items").stream()
            .map(l ->
                new OrderLine(
                    wire.optionalText(l, "item_number"),
                    wire.optionalText(l, "item_name"),
                    wire.optionalText(l, "item_color"),
                    wire.optionalText(l, "item_color_code"),
                    wire.optionalText(l, "item_size"),
                    wire.optionalText(l, "item_upc"),
                    (int) wire.number(l, "item_quantity", record + "'s line"),
                    wire.amount(l, "item_price", record + "'s line"),
                    wire.optionalAmount(l, "item_retail_price", record + "'s line")
                        .orElse(BigDecimal.ZERO)))
            .toList());
  }

  /** The order export's flat {@code billing_*} and {@code shipping_*} fields (joor.md §2.3). */
  private static Optional<Address> address(JsonNode n, String role, Wire wire) {
    return wire.optional(n, role + "_code")
        .map(code ->
            new Address(
                code,
                wire.optionalText(n, role + "_name"),
                wire.optionalText(n, role + "_address_1"),
                wire.optionalText(n, role + "_address_2"),
                wire.optionalText(n, role + "_city"),
                wire.optionalText(n, role + "_region"),
                wire.optionalText(n, role + "_postal_code"),
                wire.optionalText(n, role + "_country"),
                wire.optionalText(n, role + "_phone")));
  }

  // v4

  /** The v4 orders with these ids. */
  public Stream<Summary> summaries(List<String> orderIds) {
    return JoorCatalog.v4Pages(
        http, "/orders", Map.of("order_ids", String.join(",", orderIds)), JoorOrders::summary);
  }

  /** Not idempotent: a second call starts second orders. */
  public BulkResult<Summary> create(List<NewOrder> orders) {
    var body = json.createArrayNode();
    orders.forEach(o ->
        body.addObject()
            .put("retailer_id", o.retailerId())
            .put("price_type_id", o.priceTypeId())
            .put("collection_id", o.collectionId())
            .put("status", o.status().name()));
    var answer =
        http.send(
            Call.write(
                Api.V4,
                "POST",
                "/orders/bulk_create",
                "/orders/bulk_create",
                Map.of(),
                body.toString(),
                false));
    return V4Bulk.pair(
        orders.stream().map(o -> Map.of("retailer_id", o.retailerId())).toList(),
        answer,
        n -> summary(n, answer.wire()));
  }

  /** Moves orders on; JOOR never lets one go back to IN_PROGRESS (joor.md §2.3). */
  public BulkResult<Summary> changeStatus(List<StatusChange> changes) {
    var body = json.createArrayNode();
    changes.forEach(c -> body.addObject().put("id", c.orderId()).put("status", c.status().name()));
    var answer =
        http.send(
            Call.write(
                Api.V4,
                "POST",
                "/orders/bulk_update",
                "/orders/bulk_update",
                Map.of(),
                body.toString(),
                true));
    return V4Bulk.pair(
        changes.stream().map(c -> Map.of("id", c.orderId())).toList(),
        answer,
        n -> summary(n, answer.wire()));
  }

  public Stream<LineItem> lineItems(List<String> orderIds) {
    return JoorCatalog.v4Pages(
        http,
        "/orders/sku_line_items",
        Map.of("order_ids", String.join(",", orderIds)),
        JoorOrders::lineItem);
  }

  public BulkResult<LineItem> changeQuantities(List<QuantityChange> changes) {
    var body = json.createArrayNode();
    changes.forEach(c -> body.addObject().put("id", c.lineItemId()).put("quantity", c.quantity()));
    var path = "/orders/sku_line_items/bulk_update";
    var answer = http.send(Call.write(Api.V4, "POST", path, path, Map.of(), body.toString(), true));
    return V4Bulk.pair(
        changes.stream().map(c -> Map.of("id", c.lineItemId())).toList(),
        answer,
        n -> lineItem(n, answer.wire()));
  }

  private static Summary summary(JsonNode n, Wire wire) {
    var id = wire.text(n, "id", "an order");
    var record = "order " + id;
    var status = wire.text(n, "status", record);
    OrderStatus parsed;
    try {
      parsed = OrderStatus.valueOf(status);
    } catch (IllegalArgumentException e) {
      throw wire.surprise(
          "has " + record + " in a status Syncline does not know: \"" + status + "\"");
    }
    return new Summary(
        id,
        wire.optionalText(n, "retailer_id"),
        wire.optionalText(n, "price_type_id"),
        wire.optionalText(n, "collection_id"),
        parsed,
        n.path("total").asInt(0),
        wire.optionalText(n, "export_status"),
        wire.optionalText(n, "tracking_number"));
  }

  private static LineItem lineItem(JsonNode n, Wire wire) {
    var id = wire.text(n, "id", "a line item");
    var record = "line item " + id;
    var sku = n.path("line_item_sku");
    String color = "";
    String size = "";
    for (var t : wire.list(sku, "trait_values")) {
      var traitId = t.path("trait").path("id").asString("");
      if (traitId.equals(JoorCatalog.COLOR)) {
        color = wire.optionalText(t, "value");
      } else if (traitId.equals(JoorCatalog.SIZE)) {
        size = wire.optionalText(t, "value");
      }
    }
    return new LineItem(
        id,
        wire.text(n, "order_id", record),
        wire.text(sku, "original_id", record + "'s SKU"),
        wire.optionalText(sku.path("product"), "external_id"),
        color,
        size,
        wire.amount(sku, "wholesale_price", record),
        wire.optionalAmount(sku, "suggested_retail_price", record).orElse(BigDecimal.ZERO),
        (int) wire.number(n, "quantity", record));
  }
}
