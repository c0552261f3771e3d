package dev.syncline.app.config;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schema of {@code syncline.yaml}, shipped in the jar, and the translation of its verdicts
 * into sentences a person can act on. Besides the standard keywords a property may carry {@code
 * x-expected} (what a right value looks like, in words) and {@code x-secret} (never echo the
 * value).
 */
final class ConfigSchema {

  static final String RESOURCE = "/dev/syncline/app/config/syncline.schema.json";

  private final JsonNode document;
  private final Schema schema;

  private ConfigSchema(JsonNode document) {
    this.document = document;
    this.schema =
        SchemaRegistry.withDefaultDialect(
                Dialect.builder(Dialects.getDraft202012())
                    .keyword(new NonValidationKeyword("x-expected"))
                    .keyword(new NonValidationKeyword("x-secret"))
                    .build())
            .getSchema(document);
  }

  static ConfigSchema load() {
    try (var in = ConfigSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "The configuration schema " + RESOURCE + " is missing from the jar");
      }
      return new ConfigSchema(JsonMapper.shared().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode document() {
    return document;
  }

  /** Every problem the schema finds. */
  List<ConfigProblem> validate(YamlDocument doc, Substitutions substitutions) {
    var problems = new ArrayList<ConfigProblem>();
    for (var error : schema.validate(doc.root())) {
      problems.add(describe(doc, substitutions, error));
    }
    return problems;
  }

  /**
   * The sub-schema that governs the value at {@code path}, following properties, items and local
   * refs.
   */
  Optional<JsonNode> schemaAt(KeyPath path) {
    JsonNode current = resolve(document);
    for (var element : path.elements()) {
      if (current == null) {
        return Optional.empty();
      }
      JsonNode next;
      if (element instanceof Integer) {
        next = current.get("items");
      } else {
        var properties = current.get("properties");
        next = properties == null ? null : properties.get((String) element);
        if (next == null
            && current.has("additionalProperties")
            && current.get("additionalProperties").isObject()) {
          next = current.get("additionalProperties");
        }
      }
      current = next == null ? null : resolve(next);
    }
    return Optional.ofNullable(current);
  }

  private JsonNode resolve(JsonNode node) {
    var seen = 0;
    while (node != null && node.has("$ref") && seen++ < 16) {
      var ref = node.get("$ref").asString();
      node = ref.startsWith("#") ? document.at(ref.substring(1)) : null;
      if (node != null && node.isMissingNode()) {
        node = null;
      }
    }
    return node;
  }

  private ConfigProblem describe(YamlDocument doc, Substitutions substitutions, Error error) {
    var path = toKeyPath(error);
    var keyword = error.getKeyword() == null ? "" : error.getKeyword();
    var owner = schemaOf(error).or(() -> schemaAt(path));
    switch (keyword) {
      case "additionalProperties", "unevaluatedProperties" -> {
        var key = path.property(error.getProperty());
        var known = new TreeSet<String>();
        owner.map(o -> o.get("properties")).ifPresent(p -> known.addAll(p.propertyNames()));
        return doc.problem(key, unknownKeyMessage(error.getProperty(), known));
      }
      case "required" -> {
        return doc.problem(path, "missing required key \"" + error.getProperty() + "\"");
      }
      default -> {
        var sub = owner;
        var got = describeValue(doc, substitutions, path, sub);
        var expected = sub.map(s -> s.get("x-expected")).map(JsonNode::asString);
        if (expected.isPresent()) {
          return doc.problem(path, "expected " + expected.get() + got);
        }
        if (keyword.equals("enum") && sub.isPresent()) {
          var options = new ArrayList<String>();
          sub.get().get("enum").forEach(v -> options.add(v.toString()));
          return doc.problem(path, "expected one of " + String.join(", ", options) + got);
        }
        if (keyword.equals("type") && sub.isPresent() && sub.get().has("type")) {
          return doc.problem(path, "expected " + typeInWords(sub.get().get("type")) + got);
        }
        return doc.problem(path, stripLocation(error.getMessage()) + got);
      }
    }
  }

  /**
   * The schema holding the keyword that failed, found from the error's schema location: exact even
   * where the instance path alone would not say which branch applied (a system's keys depend on its
   * type).
   */
  private Optional<JsonNode> schemaOf(Error error) {
    var location = error.getSchemaLocation() == null ? "" : error.getSchemaLocation().toString();
    var hash = location.indexOf('#');
    if (hash < 0) {
      return Optional.empty();
    }
    var pointer = location.substring(hash + 1);
    var slash = pointer.lastIndexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    var node = document.at(pointer.substring(0, slash));
    return node.isMissingNode() ? Optional.empty() : Optional.ofNullable(resolve(node));
  }

  static String unknownKeyMessage(String key, Set<String> known) {
    var suggestion = DidYouMean.closest(key, known);
    if (suggestion.isPresent()) {
      return "unknown key; did you mean \"" + suggestion.get() + "\"?";
    }
    if (known.isEmpty()) {
      return "unknown key; nothing may be set here";
    }
    return "unknown key; the keys allowed here are " + String.join(", ", known);
  }

  private static String describeValue(
      YamlDocument doc, Substitutions substitutions, KeyPath path, Optional<JsonNode> sub) {
    var variable = substitutions.variableAt(path);
    if (variable.isPresent()) {
      return ", got the value of ${" + variable.get() + "} (not shown)";
    }
    if (sub.map(s -> s.path("x-secret").asBoolean(false)).orElse(false)) {
      return " (the value is secret and not shown)";
    }
    return doc.nodeAt(path)
        .map(node -> {
          if (node.isString()) {
            return ", got " + JsonMapper.shared().writeValueAsString(node.asString());
          }
          if (node.isObject()) {
            return ", got a mapping";
          }
          if (node.isArray()) {
            return ", got a list";
          }
          if (node.isNull()) {
            return ", got nothing";
          }
          return ", got " + node;
        })
        .orElse("");
  }

  private static String typeInWords(JsonNode type) {
    var words = new ArrayList<String>();
    (type.isArray() ? type : JsonMapper.shared().createArrayNode().add(type))
        .forEach(t ->
            words.add(
                switch (t.asString()) {
                  case "integer" -> "a whole number";
                  case "number" -> "a number";
                  case "boolean" -> "true or false";
                  case "string" -> "text";
                  case "array" -> "a list";
                  case "object" -> "a mapping of keys to values";
                  default -> t.asString();
                }));
    return String.join(" or ", words);
  }

  private static KeyPath toKeyPath(Error error) {
    var location = error.getInstanceLocation();
    var elements = new ArrayList<Object>();
    for (var i = 0; i < location.getNameCount(); i++) {
      var element = location.getElement(i);
      elements.add(
          element instanceof Number n ? Integer.valueOf(n.intValue()) : element.toString());
    }
    return new KeyPath(elements);
  }

  /**
   * networknt prefixes its messages with the instance path, which we already show in our own form.
   */
  private static String stripLocation(String message) {
    var colon = message.indexOf(": ");
    return colon >= 0 && message.startsWith("$") ? message.substring(colon + 2) : message;
  }
}
