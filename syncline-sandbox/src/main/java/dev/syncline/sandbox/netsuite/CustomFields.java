package dev.syncline.sandbox.netsuite;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The custom fields defined in one account, by id. */
final class CustomFields {

  private final Map<String, CustomField> byId = new ConcurrentHashMap<>();

  Optional<CustomField> find(String id) {
    return Optional.ofNullable(byId.get(id.toLowerCase(Locale.ROOT)));
  }

  /** Adds a field; redefining one with another type is refused, since its values would not fit. */
  boolean define(CustomField field) {
    var existing = byId.putIfAbsent(field.id(), field);
    if (existing != null && !existing.equals(field)) {
      throw new IllegalArgumentException(
          "Custom field " + field.id() + " is already defined as " + existing.type());
    }
    return existing == null;
  }

  List<CustomField> all() {
    return List.copyOf(byId.values());
  }
}
