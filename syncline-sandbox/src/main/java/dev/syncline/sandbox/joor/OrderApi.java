package dev.syncline.sandbox.joor;

import dev.syncline.sandbox.common.SandboxClock;
import dev.syncline.sandbox.common.SandboxHttp;
import dev.syncline.sandbox.joor.Orders.Export;
import dev.syncline.sandbox.joor.Orders.Line;
import dev.syncline.sandbox.joor.Orders.Order;
import dev.syncline.sandbox.joor.Orders.Status;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Orders: the v2 export list with its order_type, export_status, sync and check semantics, one
 * order by id, and the v4 orders list, bulk create and status update, and SKU line items (joor.md
 * §2.3).
 */
final class OrderApi {

  private final SandboxClock clock;
  private final JoorSandboxSettings settings;

  OrderApi(SandboxClock clock, JoorSandboxSettings settings) {
    this.clock = clock;
    this.settings = settings;
  }

  void routes(RoutesConfig routes) {
    routes.get("/v2/order", this::export);
    routes.get("/v2/order/{order_id}", this::one);
    routes.get("/v4/orders", this::list);
    routes.post("/v4/orders/bulk_create", this::create);
    routes.post("/v4/orders/bulk_update", this::update);
    routes.get("/v4/orders/sku_line_items", this::lines);
    routes.post("/v4/orders/sku_line_items/bulk_update", this::updateLines);
  }

  /** order_type 1-8 (joor.md §2.3); 2, Approved and Shipped, by default. */
  private static Set<Status> orderType(int code) {
    return switch (code) {
      case 1 -> EnumSet.of(Status.NOTES);
      case 2 -> EnumSet.of(Status.APPROVED, Status.SHIPPED);
      case 3 -> EnumSet.of(Status.PENDING);
      case 4 -> EnumSet.of(Status.NOTES, Status.PENDING, Status.APPROVED, Status.SHIPPED);
      case 5 -> EnumSet.of(Status.CANCELLED);
      case 6 -> EnumSet.of(Status.APPROVED);
      case 7 -> EnumSet.of(Status.SHIPPED);
      case 8 -> EnumSet.complementOf(EnumSet.of(Status.IN_PROGRESS));
      default -> throw JoorError.badRequest("order_type must be 1 to 8, not " + code);
    };
  }

  /** export_status 1-7 (joor.md §2.3). */
  private static boolean exportStatus(int code, Order o) {
    var notExported = o.export() == Export.NEVER || o.export() == Export.FAILED;
    return switch (code) {
      case 1 -> true;
      case 2 -> notExported;
      case 3 -> o.export() == Export.SUCCESS;
      case 4 -> o.modifiedSinceExport();
      case 5 -> notExported || o.modifiedSinceExport();
      case 6 -> o.export() == Export.NEVER;
      default -> o.export() == Export.NEVER || o.modifiedSinceExport();
    };
  }

  /**
   * The v2 export. {@code sync} defaults to 1: the orders returned are marked exported. {@code
   * check} (default 1 with sync, 0 without) leaves out orders that miss a validated field, and
   * marks them failed with the details (joor.md §2.3). The sandbox has no style deletion, so the
   * deleted-styles check (check 2) finds nothing.
   */
  private void export(Context ctx) {
    var account = Requests.account(ctx);
    var sync = ctx.queryParam("sync") == null || Requests.flag(ctx, "sync");
    var types = orderType(V2.number(ctx, "order_type", 2));
    var exportStatus = V2.number(ctx, "export_status", sync ? 2 : 1);
    if (exportStatus < 1 || exportStatus > 7) {
      throw JoorError.badRequest("export_status must be 1 to 7, not " + exportStatus);
    }
    var check = V2.number(ctx, "check", sync ? 1 : 0);
    if (check < 0 || check > 3) {
      throw JoorError.badRequest("check must be 0 to 3, not " + check);
    }
    var range = V2.DateRange.of(ctx);
    var customerCode = Optional.ofNullable(ctx.queryParam("customer_code"));
    var group = Optional.ofNullable(ctx.queryParam("customer_group_name"));
    var orderId = Optional.ofNullable(ctx.queryParam("order_id")).map(String::strip);
    var paging = V2.Paging.of(ctx, settings.maxPageSize());
    var now = clock.instant();
    ctx.json(
        account.locked(
            now,
            () -> {
              var matching = new ArrayList<Order>();
              for (var o : account.orders.byId.values()) {
                var connection = account.connections.byId(o.connectionId()).orElseThrow();
                if (!types.contains(o.status())
                    || !exportStatus(exportStatus, o)
                    || !range.map(r -> r.contains(o.modified())).orElse(true)
                    || !customerCode.map(connection.code()::equals).orElse(true)
                    || !group.map(connection.details().groupName()::equals).orElse(true)
                    || !orderId.map(Long.toString(o.id())::equals).orElse(true)) {
                  continue;
                }
                var missing = (check & 1) == 1 ? missingFields(o, account) : List.<String>of();
                if (!missing.isEmpty()) {
                  account.orders.byId.put(
                      o.id(),
                      o.withExport(
                          Export.FAILED,
                          now,
                          "Missing required fields: " + String.join(", ", missing)));
                  continue;
                }
                matching.add(o);
              }
              var page = paging.of(matching);
              if (sync) {
                page.forEach(
                    o -> account.orders.byId.put(o.id(), o.withExport(Export.SUCCESS, now, "")));
                SandboxHttp.detail(ctx, "exported", Integer.toString(page.size()));
              }
              var body = new LinkedHashMap<String, Object>();
              body.put("response", V2.response(ctx, paging, page.size(), matching.size()));
              body.put("orders", page.stream().map(o -> OrderJson.v2(o, account)).toList());
              return body;
            }));
  }

  private static List<String> missingFields(Order o, Account account) {
    var json = OrderJson.v2(o, account);
    return account.validatedOrderFields.stream()
        .filter(field -> !(json.get(field) instanceof String s) || s.isEmpty())
        .toList();
  }

  /** One order; reading it does not mark it exported. */
  private void one(Context ctx) {
    var account = Requests.account(ctx);
    var id = Requests.id(ctx, "order_id");
    ctx.json(
        account.locked(
            clock.instant(),
            () -> {
              var order =
                  Optional.ofNullable(account.orders.byId.get(id))
                      .orElseThrow(
                          () -> JoorError.notFound("No order " + id + " in account " + account.id));
              var body = new LinkedHashMap<String, Object>();
              body.put("response", V2.response(ctx, 0, ""));
              body.put("orders", List.of(OrderJson.v2(order, account)));
              return body;
            }));
  }

  /** Filters by order_ids and status; pages with page and page_size (joor.md §1.5, §2.3). */
  private void list(Context ctx) {
    var account = Requests.account(ctx);
    var ids = V4.ids(ctx, "order_ids");
    var statuses = V4.ids(ctx, "status").stream().map(OrderApi::status).toList();
    ctx.json(
        account.locked(
            clock.instant(),
            () -> {
              var matching =
                  account.orders.byId.values().stream()
                      .filter(o -> ids.isEmpty() || ids.contains(Long.toString(o.id())))
                      .filter(o -> statuses.isEmpty() || statuses.contains(o.status()))
                      .toList();
              return V4.envelope(
                  V4.page(ctx, matching, settings.maxPageSize()).stream()
                      .map(o -> OrderJson.v4(o, account))
                      .toList(),
                  List.of());
            }));
  }

  private static Status status(String name) {
    try {
      return Status.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw JoorError.badRequest(
          "status must be one of IN_PROGRESS, NOTES, PENDING, APPROVED, CANCELLED, not " + name);
    }
  }

  /**
   * retailer_id, price_type_id, collection_id and status are required; addresses, sales rep,
   * payment method and discounts are "not available at this time" (joor.md §2.3).
   */
  private void create(Context ctx) {
    var account = Requests.account(ctx);
    var items = V4.items(ctx, settings.maxBulkRecords());
    var now = clock.instant();
    ctx.json(
        account.locked(
            now,
            () ->
                BulkItems.each(
                        items,
                        item -> BulkItems.key(item, "retailer_id"),
                        (f, i) -> {
                          f.allowOnly(
                              Set.of("retailer_id", "price_type_id", "collection_id", "status"));
                          var retailer = f.required("retailer_id", 100);
                          var connection =
                              account
                                  .connections
                                  .byRetailer(retailer)
                                  .orElseThrow(() ->
                                      JoorError.notFound(
                                          "Retailer "
                                              + retailer
                                              + " is not connected to account "
                                              + account.id));
                          var typeId = f.required("price_type_id", 100);
                          if (!account.catalog.priceTypes.containsKey(typeId)) {
                            throw JoorError.notFound("No price type " + typeId);
                          }
                          var collectionId = f.required("collection_id", 100);
                          if (!account.catalog.collections.containsKey(collectionId)) {
                            throw JoorError.notFound("No collection " + collectionId);
                          }
                          var status = status(f.required("status", 20));
                          if (status == Status.SHIPPED) {
                            throw JoorError.badRequest(
                                "SHIPPED is not an order status of the v4 API");
                          }
                          var d = connection.details();
                          var order =
                              new Order(
                                  account.ids.order(),
                                  connection.id(),
                                  typeId,
                                  collectionId,
                                  status,
                                  List.of(),
                                  "",
                                  "",
                                  d.billing().isEmpty()
                                      ? OrderPlacement.NO_ADDRESS
                                      : d.billing().getFirst(),
                                  d.shipping().isEmpty()
                                      ? OrderPlacement.NO_ADDRESS
                                      : d.shipping().getFirst(),
                                  d.paymentMethodCode(),
                                  d.warehouseCodes().isEmpty()
                                      ? Account.DEFAULT_WAREHOUSE_CODE
                                      : d.warehouseCodes().getFirst(),
                                  now,
                                  status == Status.APPROVED ? Optional.of(now) : Optional.empty(),
                                  now,
                                  Export.NEVER,
                                  Optional.empty(),
                                  "",
                                  "");
                          requirements(order, status, account);
                          account.orders.byId.put(order.id(), order);
                          return OrderJson.v4(order, account);
                        })
                    .envelope()));
  }

  /**
   * What each status needs (joor.md §2.3, update-order-status): NOTES needs shipping and billing
   * addresses and a payment method; PENDING and APPROVED also at least one unit on every item.
   */
  private static void requirements(Order order, Status to, Account account) {
    if (to == Status.NOTES || to == Status.PENDING || to == Status.APPROVED) {
      if (order.shipping().code().isEmpty() || order.billing().code().isEmpty()) {
        throw JoorError.badRequest(
            to + " needs a shipping and a billing address on the connection");
      }
      if (order.paymentMethodCode().isEmpty()) {
        throw JoorError.badRequest(to + " needs a payment method on the connection");
      }
    }
    if (to == Status.PENDING || to == Status.APPROVED) {
      var lines = OrderJson.visibleLines(order, account);
      if (lines.isEmpty() || lines.stream().anyMatch(l -> l.quantity() < 1)) {
        throw JoorError.badRequest(
            to + " needs at least one unit on every item, and at least one item");
      }
    }
  }

  /** {@code [{id, status, integration_status}]}; integration_status is "not yet available". */
  private void update(Context ctx) {
    var account = Requests.account(ctx);
    var items = V4.items(ctx, settings.maxBulkRecords());
    var now = clock.instant();
    ctx.json(
        account.locked(
            now,
            () ->
                BulkItems.each(
                        items,
                        item -> BulkItems.key(item, "id"),
                        (f, i) -> {
                          f.allowOnly(Set.of("id", "status", "integration_status"));
                          if (f.has("integration_status")) {
                            throw JoorError.badRequest("integration_status is not yet available");
                          }
                          var order = order(account, f.required("id", 20));
                          var to = status(f.required("status", 20));
                          if (to == Status.IN_PROGRESS && order.status() != Status.IN_PROGRESS) {
                            throw JoorError.badRequest("An order cannot go back to IN_PROGRESS");
                          }
                          if (to == Status.SHIPPED) {
                            throw JoorError.badRequest(
                                "SHIPPED is not an order status of the v4 API");
                          }
                          requirements(order, to, account);
                          var updated = order.withStatus(to, now);
                          account.orders.byId.put(order.id(), updated);
                          return OrderJson.v4(updated, account);
                        })
                    .envelope()));
  }

  private static Order order(Account account, String id) {
    try {
      return Optional.ofNullable(account.orders.byId.get(Long.parseLong(id)))
          .orElseThrow(() -> JoorError.notFound("No order " + id));
    } catch (NumberFormatException e) {
      throw JoorError.notFound("No order " + id);
    }
  }

  private void lines(Context ctx) {
    var account = Requests.account(ctx);
    var orderIds = V4.ids(ctx, "order_ids");
    var lineIds = V4.ids(ctx, "line_item_ids");
    if (orderIds.isEmpty() && lineIds.isEmpty()) {
      throw JoorError.badRequest("Send order_ids or line_item_ids");
    }
    ctx.json(
        account.locked(
            clock.instant(),
            () -> {
              var data = new ArrayList<Map<String, Object>>();
              for (var o : account.orders.byId.values()) {
                if (!orderIds.isEmpty() && !orderIds.contains(Long.toString(o.id()))) {
                  continue;
                }
                for (var l : OrderJson.visibleLines(o, account)) {
                  if (lineIds.isEmpty() || lineIds.contains(l.id())) {
                    data.add(OrderJson.v4Line(o, l, account));
                  }
                }
              }
              return V4.envelope(V4.page(ctx, data, settings.maxPageSize()), List.of());
            }));
  }

  /** {@code [{id, quantity}]} (joor.md §2.3, update-line-item-quantity). */
  private void updateLines(Context ctx) {
    var account = Requests.account(ctx);
    var items = V4.items(ctx, settings.maxBulkRecords());
    var now = clock.instant();
    ctx.json(
        account.locked(
            now,
            () ->
                BulkItems.each(
                        items,
                        item -> BulkItems.key(item, "id"),
                        (f, i) -> {
                          f.allowOnly(Set.of("id", "quantity"));
                          var id = f.required("id", 100);
                          var quantity = f.integer("quantity", -1);
                          if (quantity < 0) {
                            throw JoorError.badRequest("quantity must be 0 or more");
                          }
                          for (var o : account.orders.byId.values()) {
                            for (var l : o.lines()) {
                              if (l.id().equals(id)) {
                                var lines = new ArrayList<Line>();
                                o.lines()
                                    .forEach(x ->
                                        lines.add(
                                            x.id().equals(id)
                                                ? new Line(
                                                    x.id(),
                                                    x.skuId(),
                                                    quantity,
                                                    x.price(),
                                                    x.retailPrice())
                                                : x));
                                var updated = o.withLines(lines, now);
                                account.orders.byId.put(o.id(), updated);
                                return OrderJson.v4Line(
                                    updated,
                                    lines.stream()
                                        .filter(x -> x.id().equals(id))
                                        .findFirst()
                                        .orElseThrow(),
                                    account);
                              }
                            }
                          }
                          throw JoorError.notFound("No line item " + id);
                        })
                    .envelope()));
  }

  /** Moves an order on (approve, ship, cancel) as a brand user in JOOR's web app would. */
  static Order setStatus(Account account, long id, Status to, String trackingNumber, Instant now) {
    var order =
        Optional.ofNullable(account.orders.byId.get(id))
            .orElseThrow(
                () -> new IllegalArgumentException("No order " + id + " in account " + account.id));
    var updated = order.withStatus(to, now);
    if (!trackingNumber.isEmpty()) {
      updated =
          new Order(
              updated.id(),
              updated.connectionId(),
              updated.priceTypeId(),
              updated.collectionId(),
              updated.status(),
              updated.lines(),
              updated.purchaseOrder(),
              updated.comments(),
              updated.billing(),
              updated.shipping(),
              updated.paymentMethodCode(),
              updated.warehouseCode(),
              updated.created(),
              updated.approved(),
              updated.modified(),
              updated.export(),
              updated.exportedOn(),
              updated.exportDescription(),
              trackingNumber);
    }
    account.orders.byId.put(id, updated);
    return updated;
  }
}
