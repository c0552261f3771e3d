package dev.syncline.core.flow;

import java.util.Map;
import java.util.Optional;

/**
 * What one direction of a flow does to its records: which it sends, and how its target's fields are
 * made. A two-way flow has one per direction, each checked against its own target.
 *
 * @param filter a JSONata expression over the canonical record; records for which it is false are
 *     not sent
 * @param mapping target field to JSONata expression, overriding the target's defaults
 * @param valueMaps named tables for {@code $lookup(table, key)} in mappings
 */
public record RouteSettings(
    Optional<String> filter,
    Map<String, String> mapping,
    Map<String, Map<String, String>> valueMaps) {

  public RouteSettings {
    mapping = Map.copyOf(mapping);
    valueMaps = Map.copyOf(valueMaps);
  }
}
