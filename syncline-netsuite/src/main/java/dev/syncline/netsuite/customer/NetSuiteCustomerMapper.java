package dev.syncline.netsuite.customer;

import dev.syncline.core.model.Address;
import dev.syncline.core.model.Customer;
import dev.syncline.core.model.Ref;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A NetSuite customer record (REST, with sub-resources expanded) as a canonical customer: a pure
 * function. Property names are NetSuite's own (research/netsuite-schema.json, customer;
 * netsuite-api.md §3.8).
 */
public final class NetSuiteCustomerMapper {

  private static final JsonMapper JSON = JsonMapper.shared();

  private NetSuiteCustomerMapper() {}

  /**
   * @param channelsField the multi-select custom field that names the channels a customer is
   *     enabled for
   */
  public static Customer toCanonical(JsonNode c, String channelsField) {
    return new Customer(
        name(c),
        text(c, "email"),
        text(c, "phone"),
        c.path("isInactive").asBoolean(false),
        ref(c.get("terms")),
        ref(c.get("priceLevel")),
        ref(c.get("currency")),
        ref(c.get("subsidiary")),
        ref(c.get("salesRep")),
        c.path("creditLimit").isNumber()
            ? Optional.of(c.path("creditLimit").decimalValue())
            : Optional.<BigDecimal>empty(),
        channels(c.get(channelsField)),
        addresses(c.path("addressBook").path("items")),
        custom(c));
  }

  /** The name people know a customer by: the company, or the person, or the entity id. */
  static String name(JsonNode c) {
    var company = c.path("companyName").asString("").strip();
    if (!company.isEmpty() && !c.path("isPerson").asBoolean(false)) {
      return company;
    }
    var person = (c.path("firstName").asString("") + " " + c.path("lastName").asString("")).strip();
    if (!person.isEmpty()) {
      return person;
    }
    return company.isEmpty() ? c.path("entityId").asString("") : company;
  }

  private static Optional<String> text(JsonNode node, String field) {
    var value = node.get(field);
    return value == null || value.isNull() || value.asString("").isBlank()
        ? Optional.empty()
        : Optional.of(value.asString().strip());
  }

  /** netsuite-api.md §3.3: a reference is {id, refName, links}. */
  private static Optional<Ref> ref(JsonNode node) {
    if (node == null || node.isNull() || !node.has("id")) {
      return Optional.empty();
    }
    return Optional.of(new Ref(node.get("id").asString(), text(node, "refName")));
  }

  /** A multi-select custom field: {items: [{id, refName}]}; the channel names are the refNames. */
  private static List<String> channels(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    var items = node.has("items") ? node.get("items") : node;
    var names = new ArrayList<String>();
    for (var item : items) {
      names.add(item.path("refName").asString(item.path("id").asString("")));
    }
    return names;
  }

  /** The addressBook sublist: label and roles on the line, the address in addressBookAddress. */
  private static List<Address> addresses(JsonNode items) {
    var addresses = new ArrayList<Address>();
    for (var line : items) {
      var a = line.path("addressBookAddress");
      addresses.add(
          new Address(
              text(line, "label"),
              text(a, "addressee"),
              text(a, "attention"),
              text(a, "addr1"),
              text(a, "addr2"),
              text(a, "city"),
              text(a, "state"),
              text(a, "zip"),
              a.path("country").isObject() ? text(a.path("country"), "id") : text(a, "country"),
              text(a, "addrPhone"),
              line.path("defaultBilling").asBoolean(false),
              line.path("defaultShipping").asBoolean(false)));
    }
    return addresses;
  }

  /** The custom fields (custentity_*), as plain values for mappings, without NetSuite's links. */
  private static Map<String, Object> custom(JsonNode c) {
    var custom = new LinkedHashMap<String, Object>();
    for (var name : c.propertyNames()) {
      var value = c.get(name);
      if (name.startsWith("custentity_") && value != null && !value.isNull()) {
        custom.put(name, withoutLinks(JSON.convertValue(value, Object.class)));
      }
    }
    return custom;
  }

  private static Object withoutLinks(Object value) {
    if (value instanceof Map<?, ?> map) {
      var copy = new LinkedHashMap<String, Object>();
      map.forEach((k, v) -> {
        if (!"links".equals(k) && v != null) {
          copy.put(k.toString(), withoutLinks(v));
        }
      });
      return copy;
    }
    if (value instanceof List<?> list) {
      return list.stream()
          .filter(java.util.Objects::nonNull)
          .map(NetSuiteCustomerMapper::withoutLinks)
          .toList();
    }
    return value;
  }
}
