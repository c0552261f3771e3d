package dev.syncline.sandbox.joor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The answer of a v4 bulk call: HTTP 200 with the written items in {@code data} and one entry in
 * {@code errors} per refused item (joor.md §1.4). Each error's details name the item by its key
 * fields (as {@code details.sku_id} does for prices) and by its position in the request.
 */
final class BulkItems {

  /** An item's refusal, with the key fields that name it. */
  static final class ItemError extends RuntimeException {
    final String status;
    final Map<String, Object> keys;

    ItemError(String status, String message, Map<String, Object> keys) {
      super(message, null, false, false);
      this.status = status;
      this.keys = keys;
    }
  }

  /** Writes one item and returns its JSON. */
  interface Write {
    Object apply(Fields item, int index);
  }

  private final List<Object> data = new ArrayList<>();
  private final List<Map<String, Object>> errors = new ArrayList<>();

  /**
   * Runs {@code write} on each item; a {@link JoorError} or {@link ItemError} refuses that item
   * alone, and {@code keys} says how to name it in the error.
   */
  static BulkItems each(
      List<JsonNode> items, Function<JsonNode, Map<String, Object>> keys, Write write) {
    var result = new BulkItems();
    for (int i = 0; i < items.size(); i++) {
      try {
        result.data.add(write.apply(Fields.of(items.get(i), "item " + i), i));
      } catch (ItemError e) {
        result.refuse(i, e.status, e.getMessage(), e.keys);
      } catch (JoorError e) {
        result.refuse(
            i,
            e.code().equals("BAD_REQUEST") ? "INVALID" : e.code(),
            e.getMessage(),
            keys.apply(items.get(i)));
      }
    }
    return result;
  }

  private void refuse(int index, String status, String message, Map<String, Object> keys) {
    var details = new LinkedHashMap<String, Object>(keys);
    details.put("index", index);
    errors.add(V4.error(status, message, details));
  }

  Map<String, Object> envelope() {
    return V4.envelope(data, errors);
  }

  /** The text of a key field, for naming an item in its error; "" when absent. */
  static Map<String, Object> key(JsonNode item, String... names) {
    var keys = new LinkedHashMap<String, Object>();
    for (var name : names) {
      var value = item.path(name);
      keys.put(name, value.isValueNode() ? value.asString() : "");
    }
    return keys;
  }
}
