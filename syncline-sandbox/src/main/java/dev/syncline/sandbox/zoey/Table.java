package dev.syncline.sandbox.zoey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * One resource's rows as they go over the wire, keyed by their id. Rows are stamped with {@code
 * created_at} and {@code updated_at} (zoey.md §5.2: order fields), which collections filter on.
 */
final class Table {

  private final String idField;
  private final LinkedHashMap<Long, ObjectNode> rows = new LinkedHashMap<>();
  private long lastId;

  /**
   * @param idField {@code entity_id} for most resources; {@code item_id} for stock items (zoey.md
   *     §5.2)
   */
  Table(String idField) {
    this.idField = idField;
  }

  String idField() {
    return idField;
  }

  ObjectNode insert(ObjectNode row, Instant now) {
    var id = ++lastId;
    var stamped = Wire.object();
    stamped.put(idField, String.valueOf(id));
    stamped.setAll(row);
    stamped.put("created_at", Wire.time(now));
    stamped.put("updated_at", Wire.time(now));
    rows.put(id, stamped);
    return stamped;
  }

  Optional<ObjectNode> find(String id) {
    try {
      return Optional.ofNullable(rows.get(Long.parseLong(id)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** zoey.md §5.2: an unknown id is 404 "Resource not found.". */
  ObjectNode get(String id) {
    return find(id).orElseThrow(ApiError::notFound);
  }

  void touch(ObjectNode row, Instant now) {
    row.put("updated_at", Wire.time(now));
  }

  void remove(String id) {
    rows.remove(Long.parseLong(id));
  }

  List<ObjectNode> rows() {
    return new ArrayList<>(rows.values());
  }

  void clear() {
    rows.clear();
    lastId = 0;
  }
}
