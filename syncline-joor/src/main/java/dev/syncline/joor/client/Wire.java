package dev.syncline.joor.client;

import dev.syncline.core.PermanentSyncException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads what JOOR answered, refusing surprises with a message that says which answer, which record
 * and which field: the person reading it takes it to JOOR support, so it quotes JOOR's log id.
 */
final class Wire {

  private final String answer;
  private final Optional<String> logId;

  /** {@code answer} names the call, e.g. {@code GET /v2/connection/... for account 4001}. */
  Wire(String answer, Optional<String> logId) {
    this.answer = answer;
    this.logId = logId;
  }

  /** JOOR's id of the request answered (v2's {@code response.log_id}), for its support people. */
  Optional<String> logId() {
    return logId;
  }

  PermanentSyncException surprise(String what) {
    return new PermanentSyncException(
        "joor",
        "JOOR's answer to "
            + answer
            + " "
            + what
            + ". Syncline cannot use it; ask JOOR support about it"
            + logId.map(id -> ", quoting log id " + id).orElse("")
            + ".",
        logId,
        null);
  }

  String text(JsonNode node, String field, String record) {
    var value = optionalText(node, field);
    if (value.isEmpty()) {
      throw surprise("has " + record + " without " + field);
    }
    return value;
  }

  /** JOOR sends missing values as "" (joor.md §2.3); absent and null read the same. */
  String optionalText(JsonNode node, String field) {
    var value = node.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return "";
    }
    if (!value.isValueNode()) {
      throw surprise("has " + field + " that is not a single value: " + value);
    }
    return value.asString().strip();
  }

  Optional<String> optional(JsonNode node, String field) {
    return Optional.of(optionalText(node, field)).filter(s -> !s.isEmpty());
  }

  /** A whole number, sent as a number or as digits in a string. */
  long number(JsonNode node, String field, String record) {
    var value = node.path(field);
    if (value.isIntegralNumber()) {
      return value.longValue();
    }
    var text = text(node, field, record);
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw surprise(
          "has " + record + " whose " + field + " is not a whole number: \"" + text + "\"");
    }
  }

  BigDecimal amount(JsonNode node, String field, String record) {
    var value = node.path(field);
    if (value.isNumber()) {
      return value.decimalValue();
    }
    var text = text(node, field, record);
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw surprise("has " + record + " whose " + field + " is not an amount: \"" + text + "\"");
    }
  }

  Optional<BigDecimal> optionalAmount(JsonNode node, String field, String record) {
    return optional(node, field).map(text -> amount(node, field, record));
  }

  /** v2's UTC {@code YYYY-MM-DDThh:mm:ss.sTZD} (joor.md §1.4). */
  Instant timestamp(JsonNode node, String field, String record) {
    return optionalTimestamp(node, field, record)
        .orElseThrow(() -> surprise("has " + record + " without " + field));
  }

  Optional<Instant> optionalTimestamp(JsonNode node, String field, String record) {
    return optional(node, field)
        .map(text -> {
          try {
            return OffsetDateTime.parse(text).toInstant();
          } catch (DateTimeParseException e) {
            throw surprise(
                "has " + record + " whose " + field + " is not a timestamp: \"" + text + "\"");
          }
        });
  }

  /** v4's YYYY-MM-DD (joor.md §1.4). */
  Optional<LocalDate> optionalDate(JsonNode node, String field, String record) {
    return optional(node, field)
        .map(text -> {
          try {
            return LocalDate.parse(text);
          } catch (DateTimeParseException e) {
            throw surprise(
                "has " + record + " whose " + field + " is not a date: \"" + text + "\"");
          }
        });
  }

  /**
   * The items at the end of a v2 wrapper path such as {@code billing.billing_addresses
   * .billing_address} (joor.md §1.4); a single item may come without its list.
   */
  List<JsonNode> list(JsonNode node, String... path) {
    var current = node;
    for (var step : path) {
      current = current.path(step);
    }
    if (current.isMissingNode()
        || current.isNull()
        || (current.isString() && current.asString().isEmpty())) {
      return List.of();
    }
    if (current.isArray()) {
      return current.valueStream().toList();
    }
    if (current.isObject()) {
      return List.of(current);
    }
    throw surprise("has " + String.join(".", path) + " that is neither a list nor an object");
  }

  /** v4's {@code data} list (joor.md §1.4). */
  List<JsonNode> data(JsonNode body) {
    var data = body.path("data");
    if (!data.isArray()) {
      throw surprise("has no data list");
    }
    return data.valueStream().toList();
  }
}
