package dev.syncline.joor.client;

import dev.syncline.joor.client.Call.Api;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/** Inventory through v2 bulk inventory, the recommended way (joor.md §2.6). */
public final class JoorInventory {

  /** Whether a load updates the SKUs it names, or replaces the account's whole inventory. */
  public enum Mode {
    UPDATE,
    OVERWRITE
  }

  /**
   * A quantity of one SKU, named by UPC (recommended) or by style number, colour code and size, in
   * a warehouse (by name; JOOR's Default warehouse, stock available now, when empty) and from a
   * date for future stock (joor.md §2.6).
   */
  public record Item(
      Optional<String> upc,
      Optional<String> styleNumber,
      Optional<String> colorCode,
      Optional<String> size,
      String warehouse,
      Optional<LocalDate> date,
      int quantity) {

    public Item {
      if (upc.isEmpty() && (styleNumber.isEmpty() || colorCode.isEmpty() || size.isEmpty())) {
        throw new IllegalArgumentException(
            "Name the SKU by UPC, or by style number, colour code and size");
      }
      if (quantity < 0) {
        throw new IllegalArgumentException("An inventory quantity cannot be negative");
      }
    }

    public static Item byUpc(String upc, String warehouse, int quantity) {
      return new Item(
          Optional.of(upc),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          warehouse,
          Optional.empty(),
          quantity);
    }

    public static Item byStyle(
        String styleNumber, String colorCode, String size, String warehouse, int quantity) {
      return new Item(
          Optional.empty(),
          Optional.of(styleNumber),
          Optional.of(colorCode),
          Optional.of(size),
          warehouse,
          Optional.empty(),
          quantity);
    }

    public Item availableFrom(LocalDate day) {
      return new Item(upc, styleNumber, colorCode, size, warehouse, Optional.of(day), quantity);
    }
  }

  private final JoorHttp http;
  private final JsonMapper json;

  JoorInventory(JoorHttp http, JsonMapper json) {
    this.http = http;
    this.json = json;
  }

  /**
   * Loads quantities; each item is written or refused on its own, and a written one comes back with
   * JOOR's SKU id.
   *
   * @param deductPending whether JOOR subtracts what open orders hold, giving available-to-sell
   */
  public BulkResult<String> load(List<Item> items, Mode mode, boolean deductPending) {
    var body = json.createObjectNode();
    var list = body.putObject("inventory_items").putArray("inventory_item");
    for (var item : items) {
      var node = list.addObject();
      item.upc().ifPresent(v -> node.put("upc", v));
      item.styleNumber().ifPresent(v -> node.put("style_number", v));
      item.colorCode().ifPresent(v -> node.put("color_code", v));
      item.size().ifPresent(v -> node.put("size", v));
      if (!item.warehouse().isEmpty()) {
        node.put("warehouse", item.warehouse());
      }
      item.date().ifPresent(d -> node.put("inventory_date", d.toString()));
      node.put("inventory", item.quantity());
    }
    var query = new LinkedHashMap<String, String>();
    query.put("overwrite", mode == Mode.OVERWRITE ? "1" : "0");
    query.put("dec_pending", deductPending ? "1" : "0");
    // Setting quantities twice sets the same quantities.
    var answer =
        http.send(
            Call.write(
                Api.V2,
                "POST",
                "/bulk-inventory",
                "/bulk-inventory",
                query,
                body.toString(),
                true));
    var wire = answer.wire();
    var log = wire.list(answer.body(), "inventory_log");
    if (log.size() != items.size()) {
      throw wire.surprise("logs " + log.size() + " items for the " + items.size() + " sent");
    }
    var outcomes = new java.util.ArrayList<BulkResult.Outcome<String>>();
    for (int i = 0; i < log.size(); i++) {
      var entry = log.get(i);
      outcomes.add(
          wire.optionalText(entry, "status").equals("pass")
              ? new BulkResult.Written<>(i, wire.optionalText(entry, "sku"))
              : new BulkResult.Refused<>(i, "fail", wire.optionalText(entry, "comment")));
    }
    return new BulkResult<>(outcomes);
  }
}
