package dev.syncline.sandbox.joor;

import dev.syncline.sandbox.joor.Connections.Address;
import dev.syncline.sandbox.joor.Connections.Connection;
import dev.syncline.sandbox.joor.Connections.Details;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A connection on the v2 wire. Field names and maximum lengths are JOOR's (joor.md §2.1:
 * connection-get, bulk-connection); the address, price type and payment method fields were cut off
 * in research and follow the order export's names (joor.md §2.1 [I], §2.3). Reading checks the
 * account's prerequisites: price types, payment methods and warehouses must exist (joor.md §2.1).
 */
final class ConnectionJson {

  static final Set<String> FIELDS =
      Set.of(
          "customer_code",
          "customer_name",
          "customer_alias",
          "customer_contact_name",
          "customer_contact_email",
          "customer_buyer_name",
          "company_number_name",
          "company_number_code",
          "customer_group_name",
          "customer_group_code",
          "sales_rep_code",
          "price_currency",
          "price_label",
          "payment_method_code",
          "warehouses",
          "billing",
          "shipping");

  private static final List<String> ADDRESS_PARTS =
      List.of(
          "code",
          "name",
          "address_1",
          "address_2",
          "city",
          "region",
          "postal_code",
          "country",
          "phone");

  private ConnectionJson() {}

  /** The customer code and details a request carries, checked against the account. */
  record Parsed(String code, Details details) {}

  static Parsed parse(Fields f, Account account, Optional<Connection> existing) {
    f.allowOnly(FIELDS);
    var code = f.required("customer_code", 50);
    var name = f.required("customer_name", 100);
    var email = f.optional("customer_contact_email", 50);
    if (!email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      throw JoorError.badRequest(
          f.where() + ": customer_contact_email \"" + email + "\" is not an email address");
    }
    var currency = f.required("price_currency", 3);
    var label = f.required("price_label", 100);
    if (account.catalog.priceType(currency, label).isEmpty()) {
      throw JoorError.badRequest(
          f.where()
              + ": the price type "
              + currency
              + " / "
              + label
              + " does not exist in account "
              + account.id
              + ". Price types (currency and price label) must be set up in JOOR first.");
    }
    var payment = f.optional("payment_method_code", 100);
    if (!payment.isEmpty() && !account.paymentMethods.containsKey(payment)) {
      throw JoorError.badRequest(
          f.where()
              + ": the payment method code \""
              + payment
              + "\" does not exist in account "
              + account.id
              + "; the codes are "
              + account.paymentMethods.keySet());
    }
    return new Parsed(
        code,
        new Details(
            name,
            orElse(f.optional("customer_alias", 150), name),
            orElse(f.optional("customer_contact_name", 1000), name),
            email,
            f.optional("customer_buyer_name", 50),
            f.optional("company_number_name", 150),
            f.optional("company_number_code", 100),
            f.optional("customer_group_name", 150),
            f.optional("customer_group_code", 100),
            f.optional("sales_rep_code", 100),
            currency,
            label,
            payment,
            warehouses(f, account),
            addresses(f, "billing", account, existing.map(c -> c.details().billing())),
            addresses(f, "shipping", account, existing.map(c -> c.details().shipping()))));
  }

  private static String orElse(String value, String fallback) {
    return value.isEmpty() ? fallback : value;
  }

  private static List<String> warehouses(Fields f, Account account) {
    var codes = new ArrayList<String>();
    for (var node : f.nested("warehouses", "warehouse")) {
      var w =
          Fields.of(node, f.where() + ".warehouses.warehouse")
              .allowOnly(Set.of("warehouse_code", "warehouse_name"));
      var code = w.required("warehouse_code", 100);
      var known = account.warehouses.get(code);
      if (known == null) {
        throw JoorError.badRequest(
            f.where()
                + ": the warehouse code \""
                + code
                + "\" does not exist in account "
                + account.id
                + "; the codes are "
                + account.warehouses.keySet());
      }
      var name = w.optional("warehouse_name", 150);
      if (!name.isEmpty() && !name.equals(known)) {
        throw JoorError.badRequest(
            f.where()
                + ": warehouse "
                + code
                + " is named \""
                + known
                + "\", not \""
                + name
                + "\"");
      }
      codes.add(code);
    }
    return codes;
  }

  private static List<Address> addresses(
      Fields f, String role, Account account, Optional<List<Address>> before) {
    var fields = new HashSet<String>();
    ADDRESS_PARTS.forEach(part -> fields.add(role + "_" + part));
    var addresses = new ArrayList<Address>();
    var codes = new HashSet<String>();
    for (var node : f.nested(role, role + "_addresses", role + "_address")) {
      var a = Fields.of(node, f.where() + "." + role + "_address").allowOnly(fields);
      var code = a.required(role + "_code", 50);
      if (!codes.add(code)) {
        throw JoorError.badRequest(
            f.where() + ": two " + role + " addresses have the code \"" + code + "\"");
      }
      // An address keeps JOOR's id across updates as long as its code stays.
      var id =
          before.orElse(List.of()).stream()
              .filter(old -> old.code().equals(code))
              .map(Address::id)
              .findFirst()
              .orElseGet(account.ids::address);
      addresses.add(
          new Address(
              id,
              code,
              a.optional(role + "_name", 150),
              a.optional(role + "_address_1", 150),
              a.optional(role + "_address_2", 150),
              a.optional(role + "_city", 100),
              a.optional(role + "_region", 100),
              a.optional(role + "_postal_code", 20),
              a.optional(role + "_country", 100),
              a.optional(role + "_phone", 50)));
    }
    return addresses;
  }

  static Map<String, Object> render(Connection c, Account account) {
    var d = c.details();
    var json = new LinkedHashMap<String, Object>();
    json.put("customer_account_id", c.id());
    json.put("customer_code", c.code());
    json.put("customer_name", d.name());
    json.put("customer_alias", d.alias());
    json.put("customer_contact_name", d.contactName());
    json.put("customer_contact_email", d.contactEmail());
    json.put("customer_buyer_name", d.buyerName());
    json.put("company_number_name", d.companyNumberName());
    json.put("company_number_code", d.companyNumberCode());
    json.put("customer_group_name", d.groupName());
    json.put("customer_group_code", d.groupCode());
    json.put("sales_rep_code", d.salesRepCode());
    json.put("price_currency", d.priceCurrency());
    json.put("price_label", d.priceLabel());
    json.put("payment_method_code", d.paymentMethodCode());
    json.put("payment_method_name", account.paymentMethods.getOrDefault(d.paymentMethodCode(), ""));
    json.put("connection_status", c.status().name());
    json.put("retailer_id", c.retailerId());
    json.put("date_created", V2.timestamp(c.created()));
    json.put("date_modified", V2.timestamp(c.modified()));
    json.put(
        "warehouses",
        Map.of(
            "warehouse",
            d.warehouseCodes().stream()
                .map(code ->
                    Map.of(
                        "warehouse_code",
                        code,
                        "warehouse_name",
                        account.warehouses.getOrDefault(code, "")))
                .toList()));
    json.put("billing", wrap("billing", d.billing()));
    json.put("shipping", wrap("shipping", d.shipping()));
    return json;
  }

  private static Map<String, Object> wrap(String role, List<Address> addresses) {
    return Map.of(
        role + "_addresses",
        Map.of(role + "_address", addresses.stream().map(a -> address(role, a)).toList()));
  }

  static Map<String, Object> address(String role, Address a) {
    var json = new LinkedHashMap<String, Object>();
    json.put(role + "_address_id", a.id());
    json.put(role + "_code", a.code());
    json.put(role + "_name", a.name());
    json.put(role + "_address_1", a.line1());
    json.put(role + "_address_2", a.line2());
    json.put(role + "_city", a.city());
    json.put(role + "_region", a.region());
    json.put(role + "_postal_code", a.postalCode());
    json.put(role + "_country", a.country());
    json.put(role + "_phone", a.phone());
    return json;
  }

  /** The request's connection objects under {@code bulk_connections.connection} (joor.md §2.1). */
  static List<JsonNode> bulk(Fields body) {
    return body.allowOnly(Set.of("bulk_connections")).nested("bulk_connections", "connection");
  }
}
