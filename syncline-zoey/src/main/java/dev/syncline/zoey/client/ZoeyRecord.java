package dev.syncline.zoey.client;

import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One record as Zoey sent it: its id, when it last changed (when the resource says), and the whole
 * body for an adapter's mapper to read. Values on Zoey's wire are mostly strings (zoey.md §5.2).
 */
public record ZoeyRecord(String id, Optional<Instant> updatedAt, JsonNode body) {

  public ZoeyRecord {
    body = body.deepCopy();
  }

  @Override
  public JsonNode body() {
    return body.deepCopy();
  }

  /** A field of a Zoey body as text, stripped; empty when absent, null or blank. */
  public static Optional<String> text(JsonNode node, String field) {
    var value = node.path(field);
    return value.isNull() || value.isMissingNode() || value.asString("").isBlank()
        ? Optional.empty()
        : Optional.of(value.asString().strip());
  }
}
