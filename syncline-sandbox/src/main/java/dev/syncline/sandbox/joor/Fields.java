package dev.syncline.sandbox.joor;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One JSON object of a request, read strictly: unknown fields, wrong types and values longer than
 * JOOR's maximum lengths (joor.md §2.1) are refused with a message naming the field. JOOR's v4 bulk
 * endpoints reject extra fields (joor.md §4); the sandbox does so everywhere, so that a client that
 * passes here does not depend on leniency.
 */
final class Fields {

  private final JsonNode node;
  private final String where;

  private Fields(JsonNode node, String where) {
    this.node = node;
    this.where = where;
  }

  /** {@code where} names the object in messages, e.g. {@code connection[2] (customer_code 17)}. */
  static Fields of(JsonNode node, String where) {
    if (!node.isObject()) {
      throw JoorError.badRequest(where + " must be a JSON object");
    }
    return new Fields(node, where);
  }

  String where() {
    return where;
  }

  JsonNode node() {
    return node;
  }

  Fields allowOnly(Set<String> names) {
    for (var name : node.propertyNames()) {
      if (!names.contains(name)) {
        throw JoorError.badRequest(
            where + " has an unknown field \"" + name + "\"; the known fields are " + names);
      }
    }
    return this;
  }

  boolean has(String name) {
    return node.has(name) && !node.get(name).isNull();
  }

  String required(String name, int maxLength) {
    var value = optional(name, maxLength);
    if (value.isBlank()) {
      throw JoorError.badRequest(where + " needs " + name);
    }
    return value;
  }

  /** The field's text, or "" when absent: JOOR sends missing values as "" (joor.md §2.3). */
  String optional(String name, int maxLength) {
    if (!has(name)) {
      return "";
    }
    var value = node.get(name);
    if (!value.isString() && !value.isNumber()) {
      throw JoorError.badRequest(where + ": " + name + " must be text, not " + value);
    }
    var text = value.asString().strip();
    if (text.length() > maxLength) {
      throw JoorError.badRequest(
          where
              + ": "
              + name
              + " is "
              + text.length()
              + " characters long; JOOR allows at most "
              + maxLength);
    }
    return text;
  }

  /** A string that must hold a decimal amount, as v4 prices do (joor.md §2.5). */
  Optional<BigDecimal> amount(String name) {
    if (!has(name)) {
      return Optional.empty();
    }
    var value = node.get(name);
    if (!value.isString()) {
      throw JoorError.badRequest(
          where + ": " + name + " must be a string such as \"100.00\", not " + value);
    }
    try {
      var amount = new BigDecimal(value.asString());
      if (amount.signum() < 0) {
        throw JoorError.badRequest(where + ": " + name + " cannot be negative");
      }
      return Optional.of(amount);
    } catch (NumberFormatException e) {
      throw JoorError.badRequest(
          where + ": " + name + " must be a decimal amount, not \"" + value.asString() + "\"");
    }
  }

  BigDecimal requiredAmount(String name) {
    return amount(name).orElseThrow(() -> JoorError.badRequest(where + " needs " + name));
  }

  int integer(String name, int fallback) {
    if (!has(name)) {
      return fallback;
    }
    var value = node.get(name);
    if (!value.canConvertToInt() || !value.isIntegralNumber()) {
      throw JoorError.badRequest(where + ": " + name + " must be a whole number, not " + value);
    }
    return value.intValue();
  }

  boolean bool(String name) {
    if (!has(name)) {
      return false;
    }
    var value = node.get(name);
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber() && (value.intValue() == 0 || value.intValue() == 1)) {
      return value.intValue() == 1;
    }
    throw JoorError.badRequest(where + ": " + name + " must be true or false, not " + value);
  }

  /** The items of an array field, empty when absent. */
  List<JsonNode> array(String name) {
    if (!has(name)) {
      return List.of();
    }
    var value = node.get(name);
    if (!value.isArray()) {
      throw JoorError.badRequest(where + ": " + name + " must be a list, not " + value);
    }
    return value.valueStream().toList();
  }

  /**
   * The items at the end of a v2 wrapper path such as {@code billing.billing_addresses
   * .billing_address}: v2 writes its XML node trees as nested objects in JSON (joor.md §1.4). A
   * single item may come without its list.
   */
  List<JsonNode> nested(String... path) {
    var current = this;
    for (int i = 0; i < path.length - 1; i++) {
      if (!current.has(path[i])) {
        return List.of();
      }
      current =
          Fields.of(current.node.get(path[i]), current.where + "." + path[i])
              .allowOnly(Set.of(path[i + 1]));
    }
    var last = path[path.length - 1];
    if (!current.has(last)) {
      return List.of();
    }
    var items = current.node.get(last);
    return items.isArray() ? items.valueStream().toList() : List.of(items);
  }
}
