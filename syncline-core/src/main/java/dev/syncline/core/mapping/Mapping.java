package dev.syncline.core.mapping;

import dev.syncline.core.port.TargetRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A flow's field mapping: for each target field, the JSONata expression that makes it from the
 * canonical record (the target's default, or the flow's override), and the value maps {@code
 * $lookup(table, key)} reads; {@code $link(type, id)} gives the target's id of a record the record
 * refers to, as the engine resolved it for the batch. Compiled once when the flow is set up;
 * applied to each record by workers, concurrently.
 */
public final class Mapping {

  /** {@code $lookup('table', ...)}: the value maps an expression reads. */
  private static final java.util.regex.Pattern LOOKUP =
      java.util.regex.Pattern.compile("\\$lookup\\(\\s*(['\"])([^'\"]+)\\1");

  private final Map<String, Expression> fields;
  private final Map<String, Map<String, String>> valueMaps;

  private Mapping(Map<String, Expression> fields, Map<String, Map<String, String>> valueMaps) {
    this.fields = fields;
    this.valueMaps = valueMaps;
  }

  /**
   * Compiles the target's defaults with the flow's overrides on top.
   *
   * @throws MappingConfigException naming every override that names no target field or does not
   *     compile
   */
  public static Mapping compile(
      Map<String, String> defaults,
      Map<String, String> overrides,
      Map<String, Map<String, String>> valueMaps) {
    return compile(defaults, overrides, valueMaps, field -> false);
  }

  /**
   * Compiles the target's defaults with the flow's overrides on top, where the target also takes
   * fields its defaults do not name (NetSuite's {@code custentity_*} custom fields).
   *
   * @param alsoTakes whether the target takes a field its defaults do not name
   * @throws MappingConfigException naming every override that names no target field or does not
   *     compile
   */
  public static Mapping compile(
      Map<String, String> targetDefaults,
      Map<String, String> overrides,
      Map<String, Map<String, String>> valueMaps,
      java.util.function.Predicate<String> alsoTakes) {
    var problems = new ArrayList<String>();
    var defaults = new LinkedHashMap<>(targetDefaults);
    overrides.keySet().stream()
        .filter(field -> !defaults.containsKey(field) && alsoTakes.test(field))
        .forEach(field -> defaults.put(field, ""));
    overrides.keySet().stream()
        .filter(field -> !defaults.containsKey(field))
        .sorted()
        .forEach(field ->
            problems.add(
                "mapping."
                    + field
                    + ": the target has no field '"
                    + field
                    + "'; its fields are "
                    + String.join(", ", defaults.keySet().stream().sorted().toList())));
    var compiled = new LinkedHashMap<String, Expression>();
    for (var field : defaults.keySet()) {
      var text = overrides.getOrDefault(field, defaults.get(field));
      if (text.isBlank()) {
        // A field the target takes but leaves empty unless the flow maps it.
        continue;
      }
      try {
        compiled.put(field, Expression.compile(text));
      } catch (IllegalArgumentException e) {
        problems.add("mapping." + field + ": " + e.getMessage());
        continue;
      }
      // Without its value map, every record would fail on this field: say so before the first.
      var lookups = LOOKUP.matcher(text);
      while (lookups.find()) {
        var table = lookups.group(2);
        var key = "valueMaps." + table + ":";
        if (!valueMaps.containsKey(table) && problems.stream().noneMatch(p -> p.startsWith(key))) {
          problems.add(
              "valueMaps."
                  + table
                  + ": missing; the mapping of '"
                  + field
                  + "' looks values up in it. Add valueMaps."
                  + table
                  + " to the flow, each value from the source with the value the target takes");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new MappingConfigException(problems);
    }
    return new Mapping(compiled, Map.copyOf(valueMaps));
  }

  /** The expression text of each target field, as compiled. */
  public Map<String, String> expressions() {
    var texts = new LinkedHashMap<String, String>();
    fields.forEach((k, v) -> texts.put(k, v.text()));
    return texts;
  }

  /**
   * Maps one canonical record.
   *
   * @param canonical the record as a JSON tree ({@link Json#tree})
   * @throws MappingFailed naming the field whose expression failed, and why
   */
  public TargetRecord apply(String sourceId, Map<String, Object> canonical) {
    return apply(sourceId, canonical, Map.of());
  }

  /**
   * Maps one canonical record whose references are resolved: {@code $link(type, id)} reads them.
   *
   * @param linked the target's ids of the records it refers to, by record type key, then by their
   *     id in the source
   * @throws MappingFailed naming the field whose expression failed, and why
   */
  public TargetRecord apply(
      String sourceId, Map<String, Object> canonical, Map<String, Map<String, String>> linked) {
    var out = new LinkedHashMap<String, Object>();
    var variables = Map.<String, Object>of("sourceId", sourceId);
    Expression.Bindings lookup =
        frame -> {
          frame.bind("lookup", (String table, Object key) -> lookup(table, key));
          frame.bind("link", (String type, Object id) -> link(linked, type, id));
        };
    for (var entry : fields.entrySet()) {
      try {
        var value = entry.getValue().evaluate(canonical, variables, lookup);
        if (value != null) {
          out.put(entry.getKey(), value);
        }
      } catch (Expression.EvaluationException e) {
        throw new MappingFailed(entry.getKey(), e.getMessage());
      }
    }
    return new TargetRecord(out);
  }

  private static Object link(Map<String, Map<String, String>> linked, String type, Object id) {
    if (id == null) {
      return null;
    }
    var text = Objects.toString(id);
    var target = linked.getOrDefault(type, Map.of()).get(text);
    if (target == null) {
      throw new Expression.LookupMissing(
          type
              + " "
              + text
              + " is not among the records this record refers to, or is not linked yet; the"
              + " importer declares what a record refers to, and $link reads only those");
    }
    return target;
  }

  private Object lookup(String table, Object key) {
    var map = valueMaps.get(table);
    if (map == null) {
      throw new Expression.LookupMissing(
          "there is no value map '" + table + "'; add valueMaps." + table + " to the flow");
    }
    if (key == null) {
      return null;
    }
    var text = Objects.toString(key);
    var value = map.get(text);
    if (value == null) {
      throw new Expression.LookupMissing(
          "no value for '"
              + text
              + "' in the value map '"
              + table
              + "'; add it under the flow's valueMaps."
              + table);
    }
    return value;
  }

  /** The flow's mapping cannot be compiled; each problem names the key at fault. */
  public static final class MappingConfigException extends RuntimeException {
    private final List<String> problems;

    MappingConfigException(List<String> problems) {
      super(String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  /** A field's expression failed on one record. */
  public static final class MappingFailed extends RuntimeException {
    private final String field;

    MappingFailed(String field, String reason) {
      super("the mapping of '" + field + "' failed: " + reason);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }
}
