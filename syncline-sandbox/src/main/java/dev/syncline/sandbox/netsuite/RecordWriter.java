package dev.syncline.sandbox.netsuite;

import dev.syncline.sandbox.common.SandboxHttp;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a request body to a record, as NetSuite checks and stores it: property names and kinds
 * from the schema, references that must name existing records, sublists merged or replaced, and
 * subrecords merged. What it refuses is a 400 naming the property and its path; a refused body
 * changes nothing.
 */
final class RecordWriter {

  /**
   * netsuite-api.md §3.2: {@code X-NetSuite-PropertyNameValidation} is {@code Error}, {@code
   * Warning} (the default) or {@code Ignore}; only {@code Error} refuses unknown names.
   */
  enum NameValidation {
    ERROR,
    WARNING,
    IGNORE
  }

  /** Fields NetSuite sets itself; a body's values for them are dropped. */
  private static final Set<String> SYSTEM_FIELDS =
      Set.of(
          "id",
          "links",
          "refName",
          "lastModifiedDate",
          "dateCreated",
          "createdDate",
          "status",
          "total",
          "subtotal",
          "amountRemaining",
          "amountPaid",
          "balance",
          "internalId",
          "quantityFulfilled",
          "quantityBilled");

  private final Connection connection;
  private final AccountStore store;
  private final CustomFields customFields;
  private final NameValidation names;
  private final Map<String, Boolean> existing = new HashMap<>();

  RecordWriter(
      Connection connection, AccountStore store, CustomFields customFields, NameValidation names) {
    this.connection = connection;
    this.store = store;
    this.customFields = customFields;
    this.names = names;
  }

  /**
   * The record after applying {@code body} to {@code current} (an empty object for a new record).
   * netsuite-api.md §3.5: sublists named in {@code replace} lose the lines the body does not carry.
   */
  ObjectNode apply(RecordType type, ObjectNode current, JsonNode body, Set<String> replace)
      throws SQLException {
    if (!body.isObject()) {
      throw NetSuiteError.badRequest(
          "INVALID_CONTENT", "The request body must be a JSON object of the record's fields.");
    }
    var result = current.deepCopy();
    applyFields(type, type.restName(), result, (ObjectNode) body, "", replace, false);
    return result;
  }

  private void applyFields(
      RecordType type,
      String definition,
      ObjectNode target,
      ObjectNode body,
      String path,
      Set<String> replace,
      boolean line)
      throws SQLException {
    for (var entry : body.properties()) {
      var given = entry.getKey();
      var value = entry.getValue();
      var fieldPath = path + given;
      var custom = customFields.find(given).filter(f -> f.appliesTo(type, line));
      if (custom.isPresent()) {
        var field = custom.get();
        setValue(target, field.id(), field.kind(), value, fieldPath, field, type, replace);
        continue;
      }
      var property = RecordSchema.get().property(definition, given);
      if (property.isEmpty()) {
        if (SYSTEM_FIELDS.contains(given)) {
          continue;
        }
        if (names == NameValidation.ERROR) {
          throw new NetSuiteError(
              400,
              "NONEXISTENT_FIELD",
              "Invalid field name: '" + given + "' is not a field of " + definition + ".",
              java.util.Optional.of(fieldPath));
        }
        continue;
      }
      var name = property.get();
      if (SYSTEM_FIELDS.contains(name) && !(line && name.equals("internalId"))) {
        continue;
      }
      var kind = RecordSchema.get().kind(definition, name).orElseThrow();
      setValue(target, name, kind, value, fieldPath, null, type, replace);
    }
  }

  private void setValue(
      ObjectNode target,
      String name,
      RecordSchema.Kind kind,
      JsonNode value,
      String path,
      CustomField custom,
      RecordType type,
      Set<String> replace)
      throws SQLException {
    if (value.isNull()) {
      target.remove(name);
      return;
    }
    switch (kind) {
      case RecordSchema.Kind.Scalar scalar ->
          target.set(name, scalar(scalar.type(), value, name, path));
      case RecordSchema.Kind.Enumeration e -> target.set(name, enumeration(value, name, path));
      case RecordSchema.Kind.Reference ref ->
          target.set(name, reference(ref.target(), custom, value, name, path));
      case RecordSchema.Kind.References refs -> {
        var items = value.path("items");
        if (!items.isArray()) {
          throw NetSuiteError.invalidValue(value, name, path);
        }
        var out = SandboxHttp.JSON.createArrayNode();
        for (int i = 0; i < items.size(); i++) {
          out.add(reference(refs.target(), custom, items.get(i), name, path + ".items[" + i + "]"));
        }
        target.set(name, SandboxHttp.JSON.createObjectNode().set("items", out));
      }
      case RecordSchema.Kind.Sublist sublist ->
          target.set(
              name,
              sublist(
                  type,
                  name,
                  sublist.line(),
                  target.path(name),
                  value,
                  path,
                  replace.contains(name)));
      case RecordSchema.Kind.Subrecord sub -> {
        if (!value.isObject()) {
          throw NetSuiteError.invalidValue(value, name, path);
        }
        var existing =
            target.path(name).isObject()
                ? (ObjectNode) target.get(name)
                : SandboxHttp.JSON.createObjectNode();
        applyFields(
            type, sub.definition(), existing, (ObjectNode) value, path + ".", replace, false);
        target.set(name, existing);
      }
    }
  }

  /**
   * netsuite-api.md §3.5: keyed lines (a transaction's {@code line}, an address book's {@code
   * internalId}) update the line they name; lines without a key are added; with {@code replace},
   * lines the body does not name are removed.
   */
  private JsonNode sublist(
      RecordType type,
      String name,
      String lineDefinition,
      JsonNode current,
      JsonNode value,
      String path,
      boolean replace)
      throws SQLException {
    var items = value.path("items");
    if (!items.isArray()) {
      throw new NetSuiteError(
          400,
          "INVALID_CONTENT",
          "The sublist " + name + " must be written as {\"items\": [...]}.",
          java.util.Optional.of(path));
    }
    var existing = current.path("items");
    var result = SandboxHttp.JSON.createArrayNode();
    if (!replace) {
      existing.forEach(l -> result.add(l.deepCopy()));
    }
    for (int i = 0; i < items.size(); i++) {
      var given = items.get(i);
      var linePath = path + ".items[" + i + "]";
      if (!given.isObject()) {
        throw NetSuiteError.invalidValue(given, name, linePath);
      }
      var key = lineKey(given);
      ObjectNode line = null;
      if (key != null) {
        line = findLine(result, key);
        if (line == null) {
          var old =
              findLine(
                  (ArrayNode) (existing.isArray() ? existing : SandboxHttp.JSON.createArrayNode()),
                  key);
          if (old == null) {
            throw new NetSuiteError(
                400,
                "INVALID_CONTENT",
                "The " + name + " sublist has no line " + key + ".",
                java.util.Optional.of(linePath));
          }
          line = old.deepCopy();
          result.add(line);
        }
      } else {
        line = SandboxHttp.JSON.createObjectNode();
        result.add(line);
      }
      applyFields(type, lineDefinition, line, (ObjectNode) given, linePath + ".", Set.of(), true);
    }
    var out = SandboxHttp.JSON.createObjectNode();
    out.set("items", result);
    return out;
  }

  private static String lineKey(JsonNode line) {
    for (var key : new String[] {"line", "internalId", "id"}) {
      if (line.hasNonNull(key)) {
        return key.equals("line")
            ? "line:" + line.get(key).asString()
            : "id:" + line.get(key).asString();
      }
    }
    return null;
  }

  private static ObjectNode findLine(ArrayNode lines, String key) {
    for (var line : lines) {
      var lineKey =
          key.startsWith("line:")
              ? "line:" + line.path("line").asString("")
              : "id:" + line.path("internalId").asString("");
      if (lineKey.equals(key)) {
        return (ObjectNode) line;
      }
    }
    return null;
  }

  private static JsonNode scalar(String type, JsonNode value, String name, String path) {
    var ok =
        switch (type) {
          case "string" -> value.isString();
          case "boolean" -> value.isBoolean();
          case "integer" -> value.isIntegralNumber();
          case "number" -> value.isNumber();
          case "date" -> value.isString() && parsesAsDate(value.asString());
          case "date-time" -> value.isString() && parsesAsInstant(value.asString());
          default -> true;
        };
    if (!ok) {
      throw NetSuiteError.invalidValue(value, name, path);
    }
    if (type.equals("date-time")) {
      return SandboxHttp.JSON
          .getNodeFactory()
          .stringNode(Instant.parse(value.asString()).toString());
    }
    return value;
  }

  private static boolean parsesAsDate(String text) {
    try {
      LocalDate.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** netsuite-api.md §3.3: datetimes are ISO 8601 in UTC. */
  private static boolean parsesAsInstant(String text) {
    try {
      Instant.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static JsonNode enumeration(JsonNode value, String name, String path) {
    var id = value.isObject() ? value.path("id") : value;
    if (!id.isString() || id.asString().isEmpty()) {
      throw NetSuiteError.invalidValue(value, name, path);
    }
    return SandboxHttp.JSON.createObjectNode().put("id", id.asString());
  }

  /**
   * netsuite-api.md §3.3: a select field is set with {@code {"id":"1"}}; §3.4: an external id may
   * stand wherever an internal id is allowed.
   */
  private JsonNode reference(
      String target, CustomField custom, JsonNode value, String name, String path)
      throws SQLException {
    if (!value.isObject() || !(value.hasNonNull("id") || value.hasNonNull("externalId"))) {
      throw NetSuiteError.invalidValue(value, name, path);
    }
    if (custom != null) {
      var id = value.path("id").asString();
      if (!custom.listValues().containsKey(id)) {
        throw NetSuiteError.invalidValue(id, name, path);
      }
      return SandboxHttp.JSON.createObjectNode().put("id", id);
    }
    var types = RecordType.referencedBy(target);
    if (value.hasNonNull("externalId") && !value.hasNonNull("id")) {
      var externalId = value.get("externalId").asString();
      for (var type : types) {
        var id = store.idOfExternal(connection, type, externalId);
        if (id.isPresent()) {
          return SandboxHttp.JSON.createObjectNode().put("id", id.get().toString());
        }
      }
      throw NetSuiteError.invalidValue(externalId, name, path);
    }
    var id = value.get("id").asString();
    if (id.isEmpty() || !id.chars().allMatch(Character::isDigit)) {
      throw NetSuiteError.invalidValue(id, name, path);
    }
    if (!types.isEmpty() && !exists(target, types, Long.parseLong(id))) {
      throw NetSuiteError.invalidValue(id, name, path);
    }
    return SandboxHttp.JSON.createObjectNode().put("id", id);
  }

  private boolean exists(String target, java.util.List<RecordType> types, long id)
      throws SQLException {
    var key = target + ":" + id;
    var known = existing.get(key);
    if (known == null) {
      known = store.typeOf(connection, types, id).isPresent();
      existing.put(key, known);
    }
    return known;
  }
}
