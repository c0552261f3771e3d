package dev.syncline.netsuite.customer;

import dev.syncline.core.model.Address;
import dev.syncline.core.model.Customer;
import dev.syncline.core.model.Ref;
import dev.syncline.netsuite.client.SuiteQlRow;
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
        custom(c),
        c.path("isPerson").asBoolean(false),
        text(c, "companyName"));
  }

  /**
   * The name people know a customer by: its company name (an individual's too, where it has one),
   * or the person's name, or the entity id.
   */
  static String name(JsonNode c) {
    return name(
        c.path("companyName").asString(""),
        c.path("firstName").asString(""),
        c.path("lastName").asString(""),
        c.path("entityId").asString(""));
  }

  private static String name(
      String companyName, String firstName, String lastName, String entityId) {
    // zoey.md §3.3: an individual is known by its Company Name too, where it has one.
    var company = companyName.strip();
    if (!company.isEmpty()) {
      return company;
    }
    var person = (firstName + " " + lastName).strip();
    return person.isEmpty() ? entityId : person;
  }

  /**
   * The columns of {@code customer} that {@link #fromSuiteQl} reads, for a query over the table
   * aliased {@code c}: every column ({@code c.*}, custom fields included), and the display value of
   * each reference (netsuite-api.md §4: BUILTIN.DF), as {@code <column>_name}.
   */
  public static String suiteQlColumns(String channelsField) {
    return "c.*, BUILTIN.DF(c.terms) AS terms_name, BUILTIN.DF(c.pricelevel) AS pricelevel_name,"
        + " BUILTIN.DF(c.currency) AS currency_name, BUILTIN.DF(c.subsidiary) AS subsidiary_name,"
        + " BUILTIN.DF(c.salesrep) AS salesrep_name, BUILTIN.DF(c."
        + channelsField
        + ") AS channels_name";
  }

  /**
   * The columns of an address book line ({@code customeraddressbook}, aliased {@code ab}, joined
   * with {@code entityaddress}, aliased {@code ea}) that {@link #fromSuiteQl} reads, each with the
   * prefix {@code ab_}: a customer's row joined with each of its lines.
   */
  public static final String ADDRESS_COLUMNS =
      "ab.internalid AS ab_line, ab.label AS ab_label, ab.defaultbilling AS ab_defaultbilling,"
          + " ab.defaultshipping AS ab_defaultshipping, ea.addressee AS ab_addressee,"
          + " ea.attention AS ab_attention, ea.addr1 AS ab_addr1, ea.addr2 AS ab_addr2,"
          + " ea.city AS ab_city, ea.state AS ab_state, ea.zip AS ab_zip,"
          + " ea.country AS ab_country, ea.addrphone AS ab_addrphone";

  /**
   * A customer as SuiteQL reads it ({@link #suiteQlColumns}), in one row per line of its address
   * book ({@link #ADDRESS_COLUMNS}) in their order, or one row without a line, as the same
   * canonical customer the record service's record gives ({@link #toCanonical}). Custom fields come
   * as SuiteQL shows them: text, 'T' or 'F' for a checkbox, the id of a list value, a
   * multi-select's ids joined by ", ". Empty when the channels' names cannot be told apart (a name
   * holding ", "): then the record service must read it.
   */
  public static Optional<Customer> fromSuiteQl(List<SuiteQlRow> rows, String channelsField) {
    var c = rows.getFirst();
    var addressLines = rows.stream().filter(r -> r.get("ab_line").isPresent()).toList();
    var channels = channels(c.get(channelsField), c.get("channels_name"));
    if (channels.isEmpty()) {
      return Optional.empty();
    }
    var custom = new LinkedHashMap<String, Object>();
    c.values()
        .forEach((column, value) -> {
          if (column.startsWith("custentity_")) {
            custom.put(column, value);
          }
        });
    return Optional.of(
        new Customer(
            name(
                c.get("companyname").orElse(""),
                c.get("firstname").orElse(""),
                c.get("lastname").orElse(""),
                c.get("entityid").orElse("")),
            present(c.get("email")),
            present(c.get("phone")),
            flag(c.get("isinactive")),
            ref(c, "terms", "terms_name"),
            ref(c, "pricelevel", "pricelevel_name"),
            ref(c, "currency", "currency_name"),
            ref(c, "subsidiary", "subsidiary_name"),
            ref(c, "salesrep", "salesrep_name"),
            c.get("creditlimit").map(BigDecimal::new),
            channels.get(),
            addressLines.stream()
                .map(a ->
                    new Address(
                        present(a.get("ab_label")),
                        present(a.get("ab_addressee")),
                        present(a.get("ab_attention")),
                        present(a.get("ab_addr1")),
                        present(a.get("ab_addr2")),
                        present(a.get("ab_city")),
                        present(a.get("ab_state")),
                        present(a.get("ab_zip")),
                        present(a.get("ab_country")),
                        present(a.get("ab_addrphone")),
                        flag(a.get("ab_defaultbilling")),
                        flag(a.get("ab_defaultshipping"))))
                .toList(),
            custom,
            flag(c.get("isperson")),
            present(c.get("companyname"))));
  }

  /** netsuite-api.md §4: booleans are 'T' and 'F'. */
  private static boolean flag(Optional<String> value) {
    return value.map("T"::equals).orElse(false);
  }

  private static Optional<String> present(Optional<String> value) {
    return value.map(String::strip).filter(v -> !v.isEmpty());
  }

  private static Optional<Ref> ref(SuiteQlRow row, String column, String nameColumn) {
    return row.get(column).map(id -> new Ref(id, present(row.get(nameColumn))));
  }

  /**
   * A multi-select's names, from its ids and its display value (the names joined by ", ", in the
   * ids' order); empty when a name holds ", " itself, so that the two do not line up.
   */
  private static Optional<List<String>> channels(Optional<String> ids, Optional<String> names) {
    if (ids.isEmpty()) {
      return Optional.of(List.of());
    }
    var idList = List.of(ids.get().split(",\\s*"));
    var nameList = names.map(n -> List.of(n.split(", "))).orElse(idList);
    return nameList.size() == idList.size() ? Optional.of(nameList) : Optional.empty();
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
