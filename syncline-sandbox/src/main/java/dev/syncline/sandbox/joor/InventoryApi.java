package dev.syncline.sandbox.joor;

import dev.syncline.sandbox.common.SandboxClock;
import dev.syncline.sandbox.joor.Inventory.Key;
import dev.syncline.sandbox.joor.Orders.Status;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * v2 bulk inventory (joor.md §2.6): quantities per warehouse and SKU, the SKU named by UPC or by
 * style number, colour code and size; {@code overwrite=1} replaces the account's inventory and
 * {@code dec_pending=1} deducts what open orders hold. JOOR gives "unexpected results" for an
 * unknown warehouse; the sandbox refuses the item instead (joor.md §5). The answer lists every item
 * in request order, as the single-style update's {@code inventory_log} does.
 */
final class InventoryApi {

  private static final Set<String> FIELDS =
      Set.of(
          "warehouse",
          "inventory_date",
          "style_number",
          "style_identifier",
          "style_id",
          "color_code",
          "style_color_id",
          "size",
          "size_code",
          "inventory",
          "upc",
          "made_to_order");

  private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM-dd-yyyy");

  private final SandboxClock clock;
  private final JoorSandboxSettings settings;

  InventoryApi(SandboxClock clock, JoorSandboxSettings settings) {
    this.clock = clock;
    this.settings = settings;
  }

  void routes(RoutesConfig routes) {
    routes.post("/v2/bulk-inventory", this::load);
    routes.put("/v2/bulk-inventory", this::load);
  }

  private void load(Context ctx) {
    var account = Requests.account(ctx);
    var overwrite = Requests.flag(ctx, "overwrite");
    var decPending = Requests.flag(ctx, "dec_pending");
    var body = Fields.of(Requests.json(ctx), "the body").allowOnly(Set.of("inventory_items"));
    var items = body.nested("inventory_items", "inventory_item");
    if (items.isEmpty()) {
      throw JoorError.badRequest(
          "The body must be {\"inventory_items\": {\"inventory_item\": [...]}}");
    }
    if (items.size() > settings.maxBulkRecords()) {
      throw JoorError.badRequest(
          "A bulk-inventory request takes at most "
              + settings.maxBulkRecords()
              + " items; this one has "
              + items.size());
    }
    ctx.json(
        account.locked(
            clock.instant(),
            () -> {
              if (overwrite) {
                account.inventory.quantities.clear();
                account.inventory.madeToOrder.clear();
              }
              var log = new ArrayList<Map<String, Object>>();
              var passed = 0;
              for (int i = 0; i < items.size(); i++) {
                var entry = new LinkedHashMap<String, Object>();
                entry.put("inventory_log_id", UUID.randomUUID().toString());
                try {
                  var f = Fields.of(items.get(i), "inventory_item[" + i + "]").allowOnly(FIELDS);
                  var sku = OrderPlacement.sku(account, f);
                  entry.put("sku", sku.id());
                  entry.put("upc", sku.upc().orElse(""));
                  apply(account, f, sku, decPending);
                  entry.put("status", "pass");
                  entry.put("comment", "");
                  passed++;
                } catch (JoorError e) {
                  entry.putIfAbsent("sku", "");
                  entry.putIfAbsent("upc", items.get(i).path("upc").asString(""));
                  entry.put("status", "fail");
                  entry.put("comment", e.getMessage());
                }
                log.add(entry);
              }
              var answer = new LinkedHashMap<String, Object>();
              answer.put("response", V2.response(ctx, 0, ""));
              answer.put("sku_count", passed);
              answer.put("inventory_log", log);
              return answer;
            }));
  }

  private static void apply(Account account, Fields f, Catalog.Sku sku, boolean decPending) {
    var warehouseName = f.optional("warehouse", 150);
    var warehouse =
        warehouseName.isEmpty()
            ? Account.DEFAULT_WAREHOUSE_CODE
            : account.warehouses.entrySet().stream()
                .filter(w -> w.getValue().equals(warehouseName))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() ->
                    JoorError.badRequest(
                        "Warehouse \""
                            + warehouseName
                            + "\" does not exist; the warehouses are "
                            + account.warehouses.values()));
    if (f.bool("made_to_order")) {
      account.inventory.quantities.keySet().removeIf(k -> k.skuId().equals(sku.id()));
      account.inventory.madeToOrder.add(sku.id());
      return;
    }
    if (!f.has("inventory")) {
      throw JoorError.badRequest(f.where() + " needs inventory");
    }
    var quantity = f.integer("inventory", 0);
    if (decPending) {
      quantity -= pending(account, sku.id());
    }
    account.inventory.madeToOrder.remove(sku.id());
    account.inventory.quantities.put(new Key(warehouse, sku.id(), date(f)), Math.max(0, quantity));
  }

  /** Units of the SKU on orders not yet shipped or cancelled. */
  private static int pending(Account account, String skuId) {
    return account.orders.byId.values().stream()
        .filter(o -> o.status() == Status.PENDING || o.status() == Status.APPROVED)
        .flatMap(o -> OrderJson.visibleLines(o, account).stream())
        .filter(l -> l.skuId().equals(skuId))
        .mapToInt(Orders.Line::quantity)
        .sum();
  }

  /** YYYY-MM-DD or MM-DD-YYYY (joor.md §2.6), kept as YYYY-MM-DD; "" for available now. */
  private static String date(Fields f) {
    var value = f.optional("inventory_date", 10);
    if (value.isEmpty()) {
      return "";
    }
    try {
      return LocalDate.parse(value).toString();
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(value, US_DATE).toString();
      } catch (DateTimeParseException e2) {
        throw JoorError.badRequest(
            f.where() + ": inventory_date must be YYYY-MM-DD or MM-DD-YYYY, not \"" + value + "\"");
      }
    }
  }

  /** What the account holds, for the control API. */
  static List<Map<String, Object>> levels(Account account) {
    var levels = new ArrayList<Map<String, Object>>();
    account.inventory.quantities.forEach((key, quantity) -> {
      var level = new LinkedHashMap<String, Object>();
      level.put("warehouse_code", key.warehouse());
      level.put("sku_id", key.skuId());
      level.put("upc", account.catalog.skus.get(key.skuId()).upc().orElse(""));
      level.put("inventory_date", key.date());
      level.put("inventory", quantity);
      levels.add(level);
    });
    return levels;
  }
}
