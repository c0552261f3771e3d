package dev.syncline.app.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A YAML file read into a tree, with the line and column of every key and list item in it, so that
 * a problem found later (by the schema, or by binding) can point at the place in the file.
 */
final class YamlDocument {

  static final YAMLMapper MAPPER =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** 1-based line and column. */
  record Position(int line, int column) {
    static final Position UNKNOWN = new Position(0, 0);
  }

  private final String fileName;
  private final JsonNode root;
  private final Map<KeyPath, Position> positions;

  private YamlDocument(String fileName, JsonNode root, Map<KeyPath, Position> positions) {
    this.fileName = fileName;
    this.root = root;
    this.positions = positions;
  }

  /**
   * Reads the text, or throws a {@link ConfigException} naming the line and column where it stops
   * being YAML.
   */
  static YamlDocument parse(String fileName, String text) {
    var positions = new HashMap<KeyPath, Position>();
    try (var parser = MAPPER.createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        var context = parser.streamReadContext();
        var path =
            token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY
                ? pathOf(context.getParent())
                : pathOf(context);
        if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
          positions.putIfAbsent(path, positionOf(parser.currentTokenLocation()));
        }
      }
      JsonNode root =
          text.isBlank() ? JsonNodeFactory.instance.objectNode() : MAPPER.readTree(text);
      if (root == null || root.isMissingNode() || root.isNull()) {
        root = JsonNodeFactory.instance.objectNode();
      }
      return new YamlDocument(fileName, root, positions);
    } catch (JacksonException e) {
      var at = e.getLocation() == null ? Position.UNKNOWN : positionOf(e.getLocation());
      throw new ConfigException(
          List.of(
              new ConfigProblem(
                  fileName,
                  at.line(),
                  at.column(),
                  "",
                  "is not valid YAML: " + e.getOriginalMessage())));
    }
  }

  String fileName() {
    return fileName;
  }

  JsonNode root() {
    return root;
  }

  /** The place of the key (or list item) at this path, else of the nearest enclosing one. */
  Position positionOf(KeyPath path) {
    var p = path;
    while (true) {
      var found = positions.get(p);
      if (found != null) {
        return found;
      }
      if (p.isRoot()) {
        return new Position(1, 1);
      }
      p = p.parent();
    }
  }

  Optional<JsonNode> nodeAt(KeyPath path) {
    JsonNode node = root;
    for (var element : path.elements()) {
      node = element instanceof Integer i ? node.get(i) : node.get((String) element);
      if (node == null) {
        return Optional.empty();
      }
    }
    return Optional.of(node);
  }

  ConfigProblem problem(KeyPath path, String message) {
    var at = positionOf(path);
    return new ConfigProblem(fileName, at.line(), at.column(), path.display(), message);
  }

  private static KeyPath pathOf(TokenStreamContext context) {
    var elements = new ArrayList<Object>();
    for (var c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        elements.addFirst(Math.max(0, c.getCurrentIndex()));
      } else if (c.inObject() && c.currentName() != null) {
        elements.addFirst(c.currentName());
      }
    }
    return new KeyPath(elements);
  }

  private static Position positionOf(TokenStreamLocation location) {
    return new Position(location.getLineNr(), location.getColumnNr());
  }
}
