package dev.syncline.sandbox.zoey;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How values look on Zoey's wire. zoey.md §5.2: Magento 1 answers every scalar as a string ({@code
 * "entity_id":"2"}, {@code "qty":"99.0000"}) and dates as {@code 2012-03-22 14:15:54}.
 */
final class Wire {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  // zoey.md §5.2: "created_at":"2012-03-22 14:15:54", stored in UTC as Magento 1 does.
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private Wire() {}

  static String time(Instant instant) {
    return TIME.format(instant);
  }

  /** zoey.md §5.2: decimals carry four places ({@code "qty":"200.0000"}). */
  static String decimal(BigDecimal value) {
    return value.setScale(4, RoundingMode.HALF_UP).toPlainString();
  }

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** A required text value of a request body. */
  static String text(JsonNode body, String field) {
    var value = body.path(field);
    if (!value.isValueNode() || value.isNull() || value.asString().isBlank()) {
      throw ApiError.emptyValue(field);
    }
    return value.asString().strip();
  }

  static String textOr(JsonNode body, String field, String fallback) {
    var value = body.path(field);
    return value.isValueNode() && !value.isNull() && !value.asString().isBlank()
        ? value.asString().strip()
        : fallback;
  }

  /** A required decimal of a request body, given as a JSON number or a numeric string. */
  static BigDecimal number(JsonNode body, String field) {
    var text = text(body, field);
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(
          "Invalid value for \"" + field + "\": \"" + text + "\" is not a number.");
    }
  }

  static BigDecimal numberOr(JsonNode body, String field, BigDecimal fallback) {
    return body.path(field).isMissingNode() || body.path(field).isNull()
        ? fallback
        : number(body, field);
  }

  static boolean flag(JsonNode body, String field) {
    var value = body.path(field);
    return value.asBoolean(false) || value.asString("").equals("1");
  }

  /** A decimal field of a stored row. */
  static BigDecimal amount(JsonNode row, String field) {
    var text = row.path(field).asString("");
    return text.isEmpty() ? BigDecimal.ZERO : new BigDecimal(text);
  }

  static List<JsonNode> elements(JsonNode array) {
    return array.isArray() ? array.valueStream().toList() : List.of();
  }

  static String flag(boolean value) {
    return value ? "1" : "0";
  }
}
