package dev.syncline.core.port;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a flow writes to its target for one record: named fields with JSON-like values (text,
 * numbers, booleans, lists, maps), the result of the flow's mapping. Its hash decides whether
 * anything changed since the last write.
 */
public record TargetRecord(Map<String, Object> fields) {

  public TargetRecord {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public Object get(String field) {
    return fields.get(field);
  }

  /**
   * A yes-or-no field, as a mapping gives it: true for {@code true} or the text "true" (any case),
   * false for anything else or nothing.
   */
  public boolean flag(String field) {
    var value = fields.get(field);
    return Boolean.TRUE.equals(value) || (value instanceof String s && s.equalsIgnoreCase("true"));
  }

  /** A text field, or empty when absent or not text. */
  public java.util.Optional<String> text(String field) {
    return fields.get(field) instanceof String s
        ? java.util.Optional.of(s)
        : java.util.Optional.empty();
  }
}
