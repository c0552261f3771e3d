package dev.syncline.zoey.customer;

import static dev.syncline.zoey.client.ZoeyRecord.text;

import dev.syncline.core.model.Address;
import dev.syncline.core.model.Customer;
import dev.syncline.core.model.Ref;
import dev.syncline.core.port.Change;
import dev.syncline.core.port.RecordImporter;
import dev.syncline.core.port.SourceRecord;
import dev.syncline.core.port.Watermark;
import dev.syncline.zoey.client.ZoeyClient;
import dev.syncline.zoey.client.ZoeyRecord;
import dev.syncline.zoey.customer.ZoeyCustomerMapper.ZoeyAddress;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads Zoey's B2B accounts as canonical customers, with their main contact's email: the changes
 * from the accounts' {@code updated_at}, the records a page of 100 a call (zoey.md §5.2), their
 * contacts in one more call.
 *
 * <p>An address that is a bill-to and, with the same content, a ship-to is one address with both
 * roles, as NetSuite keeps it (zoey.md §2.1: since 2023 Zoey splits it in two). Each ship-to is
 * labelled with its location's name; the first is the default shipping address, the first bill-to
 * the default billing one.
 */
public final class ZoeyCustomerImporter implements RecordImporter<Customer> {

  /** zoey.md §3.3: the channel a Zoey account is in, for filters shared by both directions. */
  static final String CHANNEL = "Zoey";

  /**
   * What an account keeps (zoey.md §2.1-2.3, §3.3): no phone, currency or custom fields, which a
   * two-way merge therefore takes from the other side.
   */
  static final Set<String> CARRIED =
      Set.of(
          "name",
          "email",
          "inactive",
          "terms",
          "priceLevel",
          "subsidiary",
          "salesRep",
          "creditLimit",
          "addresses");

  /**
   * The custom field that holds the account's NetSuite Customer ID (zoey.md §3.3: the NetSuite
   * tab), for a mapping to the NetSuite customer it already is.
   */
  public static final String NETSUITE_CUSTOMER_ID = "netsuite_customer_id";

  private final ZoeyClient client;

  public ZoeyCustomerImporter(ZoeyClient client) {
    this.client = client;
  }

  /**
   * zoey.md §2.3: the account's NetSuite tab holds the NetSuite Customer ID of the customer it is
   * linked to. An account whose customer Syncline made or linked gets the id there, once: the tab
   * then tells people the link, and the id links the account again should Syncline's own link be
   * lost.
   */
  @Override
  public void keepCounterparts(List<Counterpart<Customer>> written) {
    for (var counterpart : written) {
      var shown = counterpart.source().record().custom().get(NETSUITE_CUSTOMER_ID);
      if (!counterpart.targetId().equals(shown == null ? null : shown.toString())) {
        client
            .accounts()
            .update(
                counterpart.source().id(),
                JsonNodeFactory.instance
                    .objectNode()
                    .put(NETSUITE_CUSTOMER_ID, counterpart.targetId()));
      }
    }
  }

  @Override
  public Optional<String> invalidId(String id) {
    return dev.syncline.zoey.client.Ids.invalid(id, "a Zoey account id is a number, like 12");
  }

  @Override
  public List<Change> changesAfter(Watermark after, int limit) {
    return client.accounts().changesAfter(after, limit);
  }

  @Override
  public Map<String, SourceRecord<Customer>> load(Collection<String> ids) {
    var wanted = ids.stream().distinct().toList();
    var accounts = client.accounts().whereIn("entity_id", wanted);
    if (accounts.isEmpty()) {
      return Map.of();
    }
    var groups = new HashMap<String, String>();
    client
        .customerGroups()
        .forEach(g -> groups.put(g.id(), g.body().path("customer_group_code").asString("")));
    var emails = new HashMap<String, String>();
    var contacts =
        client.contacts().whereIn("account_id", accounts.stream().map(ZoeyRecord::id).toList());
    // The main contact's email; another contact's only when the account has no main one.
    for (var main : List.of(true, false)) {
      for (var c : contacts) {
        var body = c.body();
        if (body.path("account_role").asString("").equals("main") == main) {
          emails.putIfAbsent(body.path("account_id").asString(""), body.path("email").asString(""));
        }
      }
    }
    var loaded = new LinkedHashMap<String, SourceRecord<Customer>>();
    for (var account : accounts) {
      loaded.put(
          account.id(),
          new SourceRecord<>(
              account.id(),
              account.updatedAt().orElseThrow(),
              toCanonical(account.body(), groups, Optional.ofNullable(emails.get(account.id())))));
    }
    return loaded;
  }

  static Customer toCanonical(JsonNode a, Map<String, String> groups, Optional<String> email) {
    var group = a.path("customer_group_id").asString("");
    var terms = a.path("net_terms");
    var limit = text(a, "credit_limit");
    // zoey.md §3.3: an individual's account is named "First Last - NetSuite ID"; the person is
    // "First Last" on both sides.
    var name = text(a, "name").orElse("");
    var suffix = text(a, "netsuite_customer_id").map(id -> " - " + id);
    var individual = suffix.filter(name::endsWith).isPresent();
    if (individual) {
      name = name.substring(0, name.length() - suffix.get().length()).strip();
    }
    return new Customer(
        name,
        email.filter(e -> !e.isBlank()),
        Optional.empty(),
        a.path("status").asString("").equals("disabled"),
        terms.path("enabled").asString("").equals("1") || terms.path("enabled").asBoolean(false)
            ? text(terms, "label").map(l -> Ref.of(l, l))
            : Optional.empty(),
        group.isEmpty()
            ? Optional.empty()
            : Optional.of(new Ref(group, Optional.ofNullable(groups.get(group)))),
        Optional.empty(),
        text(a, "netsuite_subsidiary_id").map(id -> new Ref(id, Optional.empty())),
        text(a, "sales_rep").map(r -> Ref.of(r, r)),
        // Zoey's default limit is 0, which NetSuite holds as none.
        limit.map(ZoeyCustomerImporter::plain).filter(l -> l.signum() != 0),
        List.of(CHANNEL),
        addresses(a),
        text(a, "netsuite_customer_id")
            .<Map<String, Object>>map(id -> Map.of(NETSUITE_CUSTOMER_ID, id))
            .orElse(Map.of()),
        individual,
        Optional.empty());
  }

  /** "12500.0000" as 12500, as NetSuite writes the same amount. */
  private static BigDecimal plain(String amount) {
    var value = new BigDecimal(amount).stripTrailingZeros();
    return value.scale() < 0 ? value.setScale(0) : value;
  }

  private static List<Address> addresses(JsonNode a) {
    var billTos = new ArrayList<ZoeyAddress>();
    a.path("bill_to_addresses").forEach(b -> billTos.add(ZoeyAddress.of(b)));
    var unmatched = new ArrayList<>(billTos);
    var addresses = new ArrayList<Address>();
    var firstShipTo = true;
    for (var location : a.path("locations")) {
      for (var s : location.path("addresses")) {
        var shipTo = ZoeyAddress.of(s);
        var billing = unmatched.stream().filter(b -> b.key().equals(shipTo.key())).findFirst();
        billing.ifPresent(unmatched::remove);
        addresses.add(
            address(
                shipTo,
                Optional.of(location.path("name").asString("")),
                billing.isPresent() && billing.get().equals(billTos.getFirst()),
                firstShipTo));
        firstShipTo = false;
      }
    }
    for (var b : unmatched) {
      addresses.add(
          address(b, Optional.of(ZoeyCustomerMapper.BILL_TO), b.equals(billTos.getFirst()), false));
    }
    return addresses;
  }

  private static Address address(
      ZoeyAddress z, Optional<String> label, boolean defaultBilling, boolean defaultShipping) {
    var attention = (z.firstname() + " " + z.lastname()).strip();
    return new Address(
        label.filter(l -> !l.isBlank()),
        present(z.company()),
        present(attention),
        z.street().isEmpty() ? Optional.empty() : present(z.street().getFirst()),
        z.street().size() > 1 ? present(z.street().get(1)) : Optional.empty(),
        present(z.city()),
        present(z.region()),
        present(z.postcode()),
        present(z.country()),
        present(z.telephone()),
        defaultBilling,
        defaultShipping);
  }

  private static Optional<String> present(String text) {
    return text.isBlank() ? Optional.empty() : Optional.of(text);
  }

  @Override
  public Optional<Set<String>> carries() {
    return Optional.of(CARRIED);
  }

  /** A disabled account (zoey.md §2.1) cannot order: it leaves the flow. */
  @Override
  public Optional<String> leftFlow(Customer record) {
    return record.inactive() ? Optional.of("is disabled in Zoey") : Optional.empty();
  }

  @Override
  public String probe() {
    return client.probe();
  }

  @Override
  public String notFound(String id) {
    return "Zoey has no account with id "
        + id
        + "; the id is on the account's page in Zoey's admin";
  }

  @Override
  public String describe(String id, Optional<Customer> record) {
    return "Zoey account " + id + record.map(c -> " (" + c.name() + ")").orElse("");
  }

  @Override
  public Optional<String> fixHint(String field) {
    return Optional.of(
        switch (field) {
          case "addresses" ->
              "Correct it under the account's Locations or Bill To addresses in Zoey";
          case "terms", "creditLimit" -> "Set it on the account's Net Terms in Zoey";
          default -> "Set it on the account in Zoey (Customers > Accounts)";
        });
  }
}
