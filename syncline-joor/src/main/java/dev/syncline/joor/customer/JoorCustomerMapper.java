package dev.syncline.joor.customer;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.port.TargetRecord;
import dev.syncline.joor.client.Address;
import dev.syncline.joor.client.ConnectionData;
import dev.syncline.joor.client.PriceTypeRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The mapped fields of a customer as a JOOR connection: a pure function. The fields, and their
 * defaults over the canonical customer, are those of {@link #DEFAULT_MAPPING}.
 */
public final class JoorCustomerMapper {

  /**
   * The customer code is the NetSuite internal id (docs/flows/customers-netsuite-to-joor.md); buyer
   * name and contact email come from the customer's name and email; payment method and price type
   * through value maps; every address goes (joor.md §2.1 names the fields).
   */
  public static final Map<String, String> DEFAULT_MAPPING;

  static {
    var m = new LinkedHashMap<String, String>();
    m.put("customerCode", "$sourceId");
    m.put("name", "name");
    m.put("contactName", "name");
    m.put("contactEmail", "email");
    m.put("buyerName", "name");
    m.put("paymentMethod", "$lookup('paymentMethod', terms.name)");
    m.put("priceType", "$lookup('priceType', priceLevel.name & ' ' & currency.name)");
    m.put("customerGroup", "");
    m.put("salesRep", "");
    m.put("warehouses", "");
    m.put("addresses", "addresses");
    DEFAULT_MAPPING = java.util.Collections.unmodifiableMap(m);
  }

  /** joor.md §2.2: a price type names its currency and label, as in USD-Wholesale. */
  private static final Pattern PRICE_TYPE = Pattern.compile("([A-Z]{3})-(.+)");

  private JoorCustomerMapper() {}

  /**
   * @throws PermanentSyncException naming the field, when a mapped value is not what JOOR takes
   */
  public static ConnectionData toConnection(TargetRecord r) {
    var code = required(r, "customerCode");
    var priceTypeText = required(r, "priceType");
    var priceType = PRICE_TYPE.matcher(priceTypeText);
    if (!priceType.matches()) {
      throw invalid(
          "the price type '"
              + priceTypeText
              + "' is not a JOOR price type, which is a currency and a label like USD-Wholesale; correct the"
              + " flow's valueMaps.priceType");
    }
    var addresses = addresses(r.get("addresses"));
    var billing = new ArrayList<Address>();
    var shipping = new ArrayList<Address>();
    // Every address serves both roles on JOOR; the customer's default for each role comes first.
    addresses.stream()
        .sorted(Comparator.comparing(a -> !a.defaultBilling()))
        .forEach(a -> billing.add(a.address()));
    addresses.stream()
        .sorted(Comparator.comparing(a -> !a.defaultShipping()))
        .forEach(a -> shipping.add(a.address()));
    try {
      return new ConnectionData(
          code,
          required(r, "name"),
          r.text("contactName"),
          r.text("contactEmail"),
          r.text("buyerName"),
          new PriceTypeRef(priceType.group(1), priceType.group(2)),
          r.text("paymentMethod"),
          r.text("customerGroup"),
          r.text("salesRep"),
          texts(r.get("warehouses")),
          billing,
          shipping);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
  }

  private record RoleAddress(Address address, boolean defaultBilling, boolean defaultShipping) {}

  private static List<RoleAddress> addresses(Object value) {
    if (!(value instanceof List<?> list)) {
      return List.of();
    }
    var result = new ArrayList<RoleAddress>();
    for (var item : list) {
      if (item instanceof Map<?, ?> a) {
        var label = text(a, "label");
        result.add(
            new RoleAddress(
                new Address(
                    label,
                    text(a, "addressee").isEmpty() ? label : text(a, "addressee"),
                    text(a, "line1"),
                    text(a, "line2"),
                    text(a, "city"),
                    text(a, "state"),
                    text(a, "zip"),
                    text(a, "country"),
                    text(a, "phone")),
                Boolean.TRUE.equals(a.get("defaultBilling")),
                Boolean.TRUE.equals(a.get("defaultShipping"))));
      }
    }
    return result;
  }

  private static String text(Map<?, ?> map, String key) {
    var value = map.get(key);
    return value == null ? "" : value.toString();
  }

  private static List<String> texts(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return value == null ? List.of() : List.of(value.toString());
  }

  private static String required(TargetRecord r, String field) {
    return r.text(field)
        .filter(s -> !s.isBlank())
        .or(() -> Optional.ofNullable(r.get(field)).map(Object::toString))
        .orElseThrow(() -> invalid("the mapping gave no " + field + ", which JOOR requires"));
  }

  private static PermanentSyncException invalid(String message) {
    return new PermanentSyncException("joor", message);
  }
}
