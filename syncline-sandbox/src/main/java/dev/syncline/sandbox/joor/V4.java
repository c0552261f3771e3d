package dev.syncline.sandbox.joor;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The shapes of v4: the {@code {data, errors}} envelope and per-item errors (joor.md §1.4). */
final class V4 {

  private V4() {}

  /** One entry of {@code errors[]}: a status word, a message and details naming the item. */
  static Map<String, Object> error(String status, String message, Map<String, Object> details) {
    var error = new LinkedHashMap<String, Object>();
    error.put("status", status);
    error.put("message", message);
    error.put("details", details);
    return error;
  }

  static Map<String, Object> envelope(List<?> data, List<Map<String, Object>> errors) {
    var body = new LinkedHashMap<String, Object>();
    body.put("data", data);
    body.put("errors", errors);
    return body;
  }

  /** The items of a bulk call's body: a JSON array of at most {@code max} (joor.md §2.4-2.5). */
  static List<JsonNode> items(Context ctx, int max) {
    var body = Requests.json(ctx);
    if (!body.isArray() || body.isEmpty()) {
      throw JoorError.badRequest("The body must be a non-empty JSON array of items");
    }
    if (body.size() > max) {
      throw JoorError.badRequest(
          "A bulk call takes at most " + max + " items; this one has " + body.size());
    }
    return body.valueStream().toList();
  }

  /** A comma-separated list query parameter such as {@code order_ids=a,b}; empty when absent. */
  static List<String> ids(Context ctx, String name) {
    var value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return List.of();
    }
    var ids = new ArrayList<String>();
    for (var id : value.split(",")) {
      if (!id.isBlank()) {
        ids.add(id.strip());
      }
    }
    return ids;
  }

  /** {@code page} (from 1) and {@code page_size}, as third-party code sends them (joor.md §1.5). */
  static <T> List<T> page(Context ctx, List<T> all, int maxPageSize) {
    var page = V2.number(ctx, "page", 1);
    var size = Math.min(V2.number(ctx, "page_size", maxPageSize), maxPageSize);
    if (page < 1 || size < 1) {
      throw JoorError.badRequest("page and page_size must be 1 or more");
    }
    var from = (long) (page - 1) * size;
    if (from >= all.size()) {
      return List.of();
    }
    return all.subList((int) from, (int) Math.min(from + size, all.size()));
  }
}
