package dev.syncline.app.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replaces {@code ${NAME}} in string values with the environment variable NAME ({@code $${} stays a literal
 * {@code ${}), and remembers which values came from where, so that no message ever echoes them. A value that
 * is wholly one variable takes the type its key expects: {@code port: ${PORT}} is a number.
 */
final class Substitutions {

  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final Pattern WHOLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private final Map<KeyPath, String> variables = new HashMap<>();
  private final List<ConfigProblem> problems = new ArrayList<>();

  private Substitutions() {}

  /** Substitutes in place throughout the document's tree. */
  static Substitutions apply(
      YamlDocument doc, Function<String, String> environment, ConfigSchema schema) {
    var substitutions = new Substitutions();
    substitutions.walk(doc, doc.root(), KeyPath.ROOT, environment, schema);
    return substitutions;
  }

  List<ConfigProblem> problems() {
    return problems;
  }

  /** The variable the value at this path came from, if it came from one. */
  Optional<String> variableAt(KeyPath path) {
    return Optional.ofNullable(variables.get(path));
  }

  private void walk(
      YamlDocument doc,
      JsonNode node,
      KeyPath path,
      Function<String, String> env,
      ConfigSchema schema) {
    if (node instanceof ObjectNode object) {
      for (var name : new ArrayList<>(object.propertyNames())) {
        var child = object.get(name);
        var childPath = path.property(name);
        if (child.isString()) {
          substitute(doc, child.asString(), childPath, env, schema)
              .ifPresent(v -> object.set(name, v));
        } else {
          walk(doc, child, childPath, env, schema);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (var i = 0; i < array.size(); i++) {
        var child = array.get(i);
        var childPath = path.index(i);
        if (child.isString()) {
          var index = i;
          substitute(doc, child.asString(), childPath, env, schema)
              .ifPresent(v -> array.set(index, v));
        } else {
          walk(doc, child, childPath, env, schema);
        }
      }
    }
  }

  private Optional<JsonNode> substitute(
      YamlDocument doc,
      String text,
      KeyPath path,
      Function<String, String> env,
      ConfigSchema schema) {
    if (!text.contains("${")) {
      return Optional.empty();
    }
    var matcher = VARIABLE.matcher(text);
    var result = new StringBuilder();
    var missing = false;
    while (matcher.find()) {
      if (matcher.group(1) == null) {
        matcher.appendReplacement(result, Matcher.quoteReplacement("${"));
        continue;
      }
      var name = matcher.group(1);
      var value = env.apply(name);
      if (value == null) {
        problems.add(
            doc.problem(
                path,
                "environment variable "
                    + name
                    + " is not set; set it before starting Syncline, or write the value here"));
        missing = true;
        matcher.appendReplacement(result, "");
      } else {
        variables.put(path, name);
        matcher.appendReplacement(result, Matcher.quoteReplacement(value));
      }
    }
    matcher.appendTail(result);
    if (missing) {
      return Optional.empty();
    }
    var value = result.toString();
    if (WHOLE.matcher(text).matches()) {
      return Optional.of(
          typed(value, schema.schemaAt(path).map(s -> s.path("type").asString("")).orElse("")));
    }
    return Optional.of(JsonNodeFactory.instance.stringNode(value));
  }

  private static JsonNode typed(String value, String type) {
    var nodes = JsonNodeFactory.instance;
    try {
      return switch (type) {
        case "integer" -> nodes.numberNode(Long.parseLong(value.trim()));
        case "number" -> nodes.numberNode(new java.math.BigDecimal(value.trim()));
        case "boolean" ->
            switch (value.trim()) {
              case "true" -> nodes.booleanNode(true);
              case "false" -> nodes.booleanNode(false);
              default -> nodes.stringNode(value);
            };
        default -> nodes.stringNode(value);
      };
    } catch (NumberFormatException e) {
      // Left as text, so that the schema reports the wrong type, naming the variable.
      return nodes.stringNode(value);
    }
  }
}
