package dev.syncline.zoey.customer;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.port.TargetRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The mapped fields of a customer as a Zoey account with its addresses and main contact: pure
 * functions. The fields, and their defaults over the canonical customer, are those of {@link
 * #DEFAULT_MAPPING}; docs/flows/customers-netsuite-zoey.md describes each.
 */
public final class ZoeyCustomerMapper {

  /**
   * The account carries the NetSuite internal id on its NetSuite tab (zoey.md §3.3), which is also
   * its create key; the customer group is named after the price level (zoey.md §2.2: price levels
   * sync to customer groups); Net Terms and credit limit come from the terms (§3.3); the customer's
   * email becomes the account's main contact.
   */
  public static final Map<String, String> DEFAULT_MAPPING;

  /**
   * The label of an address that is only a bill-to: Zoey names no bill-to (zoey.md §2.1), so one
   * read from Zoey, and not also a ship-to, is labelled so, and an address so labelled goes to Zoey
   * as a bill-to.
   */
  public static final String BILL_TO = "Bill To";

  private static final String ADDRESS_FIELDS =
      "{%s'addressee': addressee, 'attention': attention, 'line1': line1, 'line2': line2,"
          + " 'city': city, 'state': state, 'zip': zip, 'country': country, 'phone': phone}";

  static {
    var m = new LinkedHashMap<String, String>();
    m.put("netsuiteCustomerId", "$sourceId");
    // zoey.md §3.3: the account is named after the Company Name, else an individual's
    // "First Last - NetSuite ID".
    m.put("name", "individual and $not($exists(companyName)) ? name & ' - ' & $sourceId : name");
    m.put("customerGroup", "priceLevel.name");
    m.put("salesRep", "salesRep.name");
    // Terms that are not Net Terms (Due on Receipt, Prepaid) turn them off.
    m.put("netTerms", "$contains($lowercase(terms.name), 'net') ? terms.name");
    m.put("creditLimit", "creditLimit");
    m.put("subsidiaryId", "subsidiary.id");
    m.put("contactEmail", "email");
    m.put("contactFirstName", "$contains(name, ' ') ? $substringBefore(name, ' ') : name");
    m.put("contactLastName", "$contains(name, ' ') ? $substringAfter(name, ' ') : name");
    m.put("sendInvite", "false");
    // zoey.md §3.3: accounts are linked by NetSuite id, or by account name when the flow says so.
    m.put("linkByName", "false");
    // zoey.md §2.1 (2023): an address is a bill-to or a ship-to, never both; one that is both in
    // NetSuite is one of each here. Each keeps only what Zoey keeps of it.
    m.put(
        "billTos",
        "addresses[defaultBilling or label = '" + BILL_TO + "']." + ADDRESS_FIELDS.formatted(""));
    m.put(
        "shipTos",
        "addresses[defaultShipping or ($not(defaultBilling) and $not(label = '"
            + BILL_TO
            + "'))]."
            + ADDRESS_FIELDS.formatted("'location': $exists(label) ? label : city, "));
    DEFAULT_MAPPING = Collections.unmodifiableMap(m);
  }

  /** zoey.md §2.3: Net 10 to Net 120, or a discount term "2% 10 Net 30". */
  private static final Pattern NET = Pattern.compile("(?i)net\\s*(\\d+)");

  private static final Pattern DISCOUNT =
      Pattern.compile("(?i)(\\d+(?:\\.\\d+)?)\\s*%\\s*(\\d+)\\s*,?\\s*net\\s*(\\d+)");

  private ZoeyCustomerMapper() {}

  /** A postal address as Zoey keeps it (zoey.md §5.2: Magento 1's address fields). */
  public record ZoeyAddress(
      String company,
      String firstname,
      String lastname,
      List<String> street,
      String city,
      String region,
      String postcode,
      String country,
      String telephone) {

    public ZoeyAddress {
      street = List.copyOf(street);
    }

    /** The address as Zoey's API takes it, with extra fields (a location, the scope) added. */
    ObjectNode body() {
      var a = JsonNodeFactory.instance.objectNode();
      put(a, "company", company);
      put(a, "firstname", firstname);
      put(a, "lastname", lastname);
      var lines = a.putArray("street");
      street.forEach(lines::add);
      a.put("city", city);
      put(a, "region", region);
      a.put("postcode", postcode);
      a.put("country_id", country);
      put(a, "telephone", telephone);
      return a;
    }

    /** An address Zoey holds, read back in the same form, so that the two compare by content. */
    static ZoeyAddress of(JsonNode a) {
      var street = new ArrayList<String>();
      a.path("street").forEach(s -> street.add(s.asString("").strip()));
      return new ZoeyAddress(
          text(a, "company"),
          text(a, "firstname"),
          text(a, "lastname"),
          street,
          text(a, "city"),
          text(a, "region"),
          text(a, "postcode"),
          text(a, "country_id"),
          text(a, "telephone"));
    }

    /** Compared as a person would: case and surrounding space aside. */
    String key() {
      return String.join(
              "\u001f",
              company,
              firstname,
              lastname,
              String.join("\u001e", street),
              city,
              region,
              postcode,
              country,
              telephone)
          .toLowerCase(Locale.ROOT);
    }

    private static void put(ObjectNode node, String field, String value) {
      if (value.isEmpty()) {
        node.putNull(field);
      } else {
        node.put(field, value);
      }
    }

    private static String text(JsonNode node, String field) {
      var value = node.path(field);
      return value.isNull() || value.isMissingNode() ? "" : value.asString("").strip();
    }
  }

  /** A ship-to address and the location it belongs to, by the location's name. */
  public record ShipTo(String location, ZoeyAddress address) {}

  /** The account's main contact: a person who signs in (zoey.md §2.1). */
  public record Contact(String email, String firstname, String lastname) {}

  /**
   * Zoey's Net Terms (zoey.md §2.3); {@code days} empty when net terms are off.
   *
   * @param discountPercent zero when the term gives no early-payment discount
   */
  public record NetTerms(
      Optional<Integer> days, Optional<Integer> discountDays, BigDecimal discountPercent) {

    static final NetTerms OFF = new NetTerms(Optional.empty(), Optional.empty(), BigDecimal.ZERO);

    ObjectNode body() {
      var t = JsonNodeFactory.instance.objectNode();
      t.put("enabled", days.isPresent());
      days.ifPresent(d -> t.put("days", d));
      if (discountPercent.signum() > 0) {
        t.put("discount_percent", discountPercent.toPlainString());
        discountDays.ifPresent(d -> t.put("discount_days", d));
      }
      return t;
    }
  }

  /** Everything one customer is on Zoey. */
  public record Account(
      String netsuiteCustomerId,
      String name,
      String customerGroup,
      Optional<String> salesRep,
      NetTerms netTerms,
      Optional<BigDecimal> creditLimit,
      Optional<String> subsidiaryId,
      List<ZoeyAddress> billTos,
      List<ShipTo> shipTos,
      Optional<Contact> contact,
      boolean sendInvite,
      boolean linkByName) {

    public Account {
      billTos = List.copyOf(billTos);
      shipTos = List.copyOf(shipTos);
    }

    /**
     * The account's own fields, as Zoey's create and update take them; the group as its id.
     *
     * @param groupId the id of {@link #customerGroup} in this store
     */
    ObjectNode fields(String groupId) {
      var a = JsonNodeFactory.instance.objectNode();
      a.put("name", name);
      a.put("status", "enabled");
      a.put("customer_group_id", groupId);
      a.put("sales_rep", salesRep.orElse(""));
      a.set("net_terms", netTerms.body());
      creditLimit.ifPresent(l -> a.put("credit_limit", l.toPlainString()));
      a.put("netsuite_customer_id", netsuiteCustomerId);
      a.put("netsuite_subsidiary_id", subsidiaryId.orElse(""));
      return a;
    }
  }

  /**
   * @throws PermanentSyncException naming the field, when a mapped value is not what Zoey takes
   */
  public static Account toAccount(TargetRecord r) {
    var name = required(r, "name", "the account name");
    var email = text(r.get("contactEmail"));
    Optional<Contact> contact =
        email.isEmpty()
            ? Optional.empty()
            : Optional.of(
                new Contact(
                    email,
                    orElse(text(r.get("contactFirstName")), name),
                    orElse(text(r.get("contactLastName")), name)));
    var billTos = new ArrayList<ZoeyAddress>();
    for (var item : list(r.get("billTos"))) {
      billTos.add(address(item, name));
    }
    // A ship-to belongs to one location (zoey.md §2.1), named after the address.
    var shipTos = new ArrayList<ShipTo>();
    for (var item : list(r.get("shipTos"))) {
      var address = address(item, name);
      var location = text(item.get("location"));
      shipTos.add(new ShipTo(location.isEmpty() ? address.city() : location, address));
    }
    return new Account(
        required(r, "netsuiteCustomerId", "the NetSuite customer id"),
        name,
        required(r, "customerGroup", "a customer group, which Zoey requires of an account"),
        Optional.of(text(r.get("salesRep"))).filter(s -> !s.isEmpty()),
        netTerms(text(r.get("netTerms"))),
        decimal(r.get("creditLimit")),
        Optional.of(text(r.get("subsidiaryId"))).filter(s -> !s.isEmpty()),
        billTos,
        shipTos,
        contact,
        r.flag("sendInvite"),
        r.flag("linkByName"));
  }

  /** Net terms from their name: "Net 30", "2% 10 Net 30"; none for an empty name. */
  static NetTerms netTerms(String name) {
    if (name.isEmpty()) {
      return NetTerms.OFF;
    }
    var discount = DISCOUNT.matcher(name);
    if (discount.find()) {
      return new NetTerms(
          Optional.of(Integer.parseInt(discount.group(3))),
          Optional.of(Integer.parseInt(discount.group(2))),
          new BigDecimal(discount.group(1)));
    }
    var net = NET.matcher(name);
    if (net.find()) {
      return new NetTerms(
          Optional.of(Integer.parseInt(net.group(1))), Optional.empty(), BigDecimal.ZERO);
    }
    throw invalid(
        "the payment terms '"
            + name
            + "' are not Zoey Net Terms, which are Net 10, 15, 20, 30, 60, 90 or 120, or a"
            + " discount term like '2% 10 Net 30'. Map them in the flow: mapping.netTerms:"
            + " \"$lookup('netTerms', terms.name)\" with a valueMaps.netTerms entry for '"
            + name
            + "' (an empty value turns Net Terms off)");
  }

  private static ZoeyAddress address(Map<?, ?> a, String customerName) {
    var street = new ArrayList<String>();
    for (var line : List.of("line1", "line2")) {
      var value = text(a.get(line));
      if (!value.isEmpty()) {
        street.add(value);
      }
    }
    var attention = text(a.get("attention"));
    var space = attention.indexOf(' ');
    return new ZoeyAddress(
        orElse(text(a.get("addressee")), customerName),
        space < 0 ? attention : attention.substring(0, space),
        space < 0 ? "" : attention.substring(space + 1).strip(),
        street,
        text(a.get("city")),
        text(a.get("state")),
        text(a.get("zip")),
        text(a.get("country")),
        text(a.get("phone")));
  }

  /** A list of objects; JSONata gives one object, not a list of one, when one matches. */
  private static List<Map<?, ?>> list(Object value) {
    var result = new ArrayList<Map<?, ?>>();
    if (value instanceof Map<?, ?> one) {
      result.add(one);
    } else if (value instanceof List<?> items) {
      for (var item : items) {
        if (item instanceof Map<?, ?> map) {
          result.add(map);
        }
      }
    }
    return result;
  }

  private static Optional<BigDecimal> decimal(Object value) {
    if (value == null || text(value).isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BigDecimal(text(value)));
    } catch (NumberFormatException e) {
      throw invalid(
          "the credit limit '" + value + "' is not a number; correct mapping.creditLimit");
    }
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString().strip();
  }

  private static String orElse(String value, String fallback) {
    return value.isEmpty() ? fallback : value;
  }

  private static String required(TargetRecord r, String field, String what) {
    var value = text(r.get(field));
    if (value.isEmpty()) {
      throw invalid(
          "the mapping gave no "
              + field
              + " ("
              + what
              + "). Fill in what mapping."
              + field
              + " reads at the source"
              + Optional.ofNullable(DEFAULT_MAPPING.get(field))
                  .map(source -> " (by default " + source + ")")
                  .orElse("")
              + ", or correct mapping."
              + field);
    }
    return value;
  }

  private static PermanentSyncException invalid(String message) {
    return new PermanentSyncException("zoey", message);
  }
}
