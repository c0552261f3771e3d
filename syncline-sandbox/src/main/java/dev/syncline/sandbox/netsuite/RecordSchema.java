package dev.syncline.sandbox.netsuite;

import dev.syncline.sandbox.common.SandboxHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * NetSuite's own property names and kinds for every record type served, from the REST API Browser
 * 2026.1 (netsuite-schema.json, reduced to kinds in {@code record-schema.json}). A definition is a
 * record type's name, or a sublist line's or subrecord's ({@code customer-addressBookElement}).
 */
final class RecordSchema {

  /** What a property holds, and so how it is written, stored and shown. */
  sealed interface Kind {
    /** string, boolean, integer, number, date, date-time or array. */
    record Scalar(String type) implements Kind {}

    /** An enumeration: {@code {"id":"B","refName":"Pending Fulfillment"}}. */
    record Enumeration() implements Kind {}

    /** A select field: {@code {"id":"14"}} naming a record of {@code target} ({@code *}: any). */
    record Reference(String target) implements Kind {}

    /** A multi-select field: a collection of references. */
    record References(String target) implements Kind {}

    /** A sublist of lines, each of the definition {@code line}. */
    record Sublist(String line) implements Kind {}

    /** A subrecord (an address, say) of the definition {@code definition}. */
    record Subrecord(String definition) implements Kind {}
  }

  private static final RecordSchema INSTANCE = load();

  private final Map<String, Map<String, Kind>> definitions;
  private final Map<String, Map<String, String>> namesByLowerCase;

  private RecordSchema(Map<String, Map<String, Kind>> definitions) {
    this.definitions = definitions;
    this.namesByLowerCase = new HashMap<>();
    definitions.forEach((definition, properties) -> {
      var names = new HashMap<String, String>();
      properties.keySet().forEach(n -> names.put(n.toLowerCase(Locale.ROOT), n));
      namesByLowerCase.put(definition, names);
    });
  }

  static RecordSchema get() {
    return INSTANCE;
  }

  /**
   * The property's own spelling. netsuite-api.md §3.3: the simulator accepts field names in any
   * case and emits camelCase.
   */
  Optional<String> property(String definition, String name) {
    return Optional.ofNullable(
        namesByLowerCase.getOrDefault(definition, Map.of()).get(name.toLowerCase(Locale.ROOT)));
  }

  Optional<Kind> kind(String definition, String property) {
    return Optional.ofNullable(definitions.getOrDefault(definition, Map.of()).get(property));
  }

  Map<String, Kind> properties(String definition) {
    return definitions.getOrDefault(definition, Map.of());
  }

  private static RecordSchema load() {
    try (var in = RecordSchema.class.getResourceAsStream("record-schema.json")) {
      var root = SandboxHttp.JSON.readTree(in).path("definitions");
      var definitions = new HashMap<String, Map<String, Kind>>();
      for (var definition : root.properties()) {
        var properties = new HashMap<String, Kind>();
        for (var property : definition.getValue().properties()) {
          properties.put(property.getKey(), parse(property.getValue().asString()));
        }
        definitions.put(definition.getKey(), properties);
      }
      return new RecordSchema(definitions);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Kind parse(String kind) {
    var colon = kind.indexOf(':');
    var head = colon < 0 ? kind : kind.substring(0, colon);
    var tail = colon < 0 ? "" : kind.substring(colon + 1);
    return switch (head) {
      case "enum" -> new Kind.Enumeration();
      case "ref" -> new Kind.Reference(tail);
      case "refs" -> new Kind.References(tail);
      case "sublist" -> new Kind.Sublist(tail);
      case "subrecord" -> new Kind.Subrecord(tail);
      default -> new Kind.Scalar(head);
    };
  }
}
