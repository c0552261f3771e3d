package dev.syncline.joor.client;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Pairs a v4 bulk answer with its request (joor.md §1.4). Each entry of {@code errors[]} is matched
 * to the item it names: by {@code details.index} where JOOR gives one (unconfirmed), else by the
 * item's key fields in {@code details} (confirmed for prices: {@code details.sku_id}). The items
 * left are written, and {@code data} lists them in request order.
 */
final class V4Bulk {

  private V4Bulk() {}

  static <T> BulkResult<T> pair(
      List<Map<String, String>> requestKeys, JoorHttp.Answer answer, Function<JsonNode, T> read) {
    var wire = answer.wire();
    var refused = new java.util.TreeMap<Integer, BulkResult.Refused<T>>();
    for (var error : answer.body().path("errors")) {
      var details = error.path("details");
      var index = index(details, requestKeys, refused.keySet());
      if (index < 0) {
        throw wire.surprise("refuses an item Syncline cannot tell among those it sent: " + error);
      }
      refused.put(
          index,
          new BulkResult.Refused<>(
              index, wire.optionalText(error, "status"), wire.optionalText(error, "message")));
    }
    var data = wire.data(answer.body());
    var outcomes = new ArrayList<BulkResult.Outcome<T>>();
    var next = 0;
    for (int i = 0; i < requestKeys.size(); i++) {
      if (refused.containsKey(i)) {
        outcomes.add(refused.get(i));
      } else if (next < data.size()) {
        outcomes.add(new BulkResult.Written<>(i, read.apply(data.get(next++))));
      } else {
        throw wire.surprise(
            "lists "
                + data.size()
                + " written and "
                + refused.size()
                + " refused items for the "
                + requestKeys.size()
                + " sent");
      }
    }
    if (next != data.size()) {
      throw wire.surprise(
          "lists "
              + data.size()
              + " written and "
              + refused.size()
              + " refused items for the "
              + requestKeys.size()
              + " sent");
    }
    return new BulkResult<>(outcomes);
  }

  private static int index(
      JsonNode details, List<Map<String, String>> requestKeys, java.util.Set<Integer> taken) {
    var index = details.path("index");
    if (index.isIntegralNumber()
        && index.intValue() >= 0
        && index.intValue() < requestKeys.size()
        && !taken.contains(index.intValue())) {
      return index.intValue();
    }
    for (int i = 0; i < requestKeys.size(); i++) {
      if (taken.contains(i)) {
        continue;
      }
      var keys = requestKeys.get(i);
      var named = new HashSet<String>();
      var matches = true;
      for (var entry : keys.entrySet()) {
        var value = details.path(entry.getKey());
        if (value.isValueNode() && !value.asString().isEmpty()) {
          named.add(entry.getKey());
          matches &= value.asString().equals(entry.getValue());
        }
      }
      if (matches && !named.isEmpty()) {
        return i;
      }
    }
    return -1;
  }
}
