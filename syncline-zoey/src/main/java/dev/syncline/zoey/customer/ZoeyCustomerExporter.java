package dev.syncline.zoey.customer;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.SyncException;
import dev.syncline.core.model.Address;
import dev.syncline.core.model.Customer;
import dev.syncline.core.port.RecordExporter;
import dev.syncline.core.port.RemoteState;
import dev.syncline.core.port.TargetRecord;
import dev.syncline.core.port.Violation;
import dev.syncline.core.port.WriteRequest;
import dev.syncline.core.port.WriteResult;
import dev.syncline.zoey.client.ZoeyClient;
import dev.syncline.zoey.client.ZoeyRecord;
import dev.syncline.zoey.customer.ZoeyCustomerMapper.ShipTo;
import dev.syncline.zoey.customer.ZoeyCustomerMapper.ZoeyAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes customers to one Zoey store as B2B accounts (zoey.md §3.3: NetSuite customers map to Zoey
 * accounts), each with its bill-to and ship-to addresses and its main contact.
 *
 * <p>Zoey has no upsert, so the account's NetSuite Customer ID is its create key: before creating,
 * the batch's keys are looked up in one call, and an account that carries one (made by hand, or by
 * an attempt whose answer was lost) is updated instead of made again. The main contact is found by
 * email (unique in the store) the same way, so that a retried write neither makes a second contact
 * nor sends a second invitation.
 */
public final class ZoeyCustomerExporter implements RecordExporter<Customer> {

  static final String NETSUITE_ID = "netsuite_customer_id";

  private final ZoeyClient client;
  private volatile Map<String, String> groupIds = Map.of();

  public ZoeyCustomerExporter(ZoeyClient client) {
    this.client = client;
  }

  @Override
  public Map<String, String> defaultMapping() {
    return ZoeyCustomerMapper.DEFAULT_MAPPING;
  }

  /**
   * An account needs a name; each address a street, city, postal code and country (zoey.md §5.2:
   * Magento 1's required address fields).
   */
  @Override
  public List<Violation> validate(Customer c) {
    var violations = new ArrayList<Violation>();
    if (c.name().isBlank()) {
      violations.add(new Violation("name", "Missing customer name"));
    }
    for (var address : c.addresses()) {
      incomplete(address, "street", Address::line1).ifPresent(violations::add);
      incomplete(address, "city", Address::city).ifPresent(violations::add);
      incomplete(address, "zip", Address::zip).ifPresent(violations::add);
      incomplete(address, "country", Address::country).ifPresent(violations::add);
    }
    return violations;
  }

  private static Optional<Violation> incomplete(
      Address address, String part, Function<Address, Optional<String>> value) {
    return value.apply(address).filter(v -> !v.isBlank()).isPresent()
        ? Optional.empty()
        : Optional.of(
            new Violation(
                "addresses", "Incomplete address: no " + part, "on address " + address.describe()));
  }

  @Override
  public Optional<String> createKeyField() {
    return Optional.of("netsuiteCustomerId");
  }

  @Override
  public List<WriteResult> write(List<WriteRequest> batch) {
    var accounts = new ArrayList<Map.Entry<WriteRequest, ZoeyCustomerMapper.Account>>();
    var results = new ArrayList<WriteResult>();
    for (var request : batch) {
      try {
        accounts.add(Map.entry(request, ZoeyCustomerMapper.toAccount(request.payload())));
      } catch (SyncException e) {
        results.add(new WriteResult.NotWritten(request.sourceId(), e));
      }
    }
    if (accounts.isEmpty()) {
      return results;
    }
    Held held;
    try {
      held = held(accounts);
    } catch (SyncException e) {
      accounts.forEach(a -> results.add(new WriteResult.NotWritten(a.getKey().sourceId(), e)));
      return results;
    }
    for (var entry : accounts) {
      var request = entry.getKey();
      try {
        results.add(writeOne(request, entry.getValue(), held));
      } catch (SyncException e) {
        results.add(new WriteResult.NotWritten(request.sourceId(), e));
      }
    }
    return results;
  }

  /**
   * What Zoey holds of a batch, read in at most three calls: the accounts that carry the create
   * keys of the batch's creates, the accounts its updates change, and the contacts with its emails.
   */
  private record Held(
      Map<String, List<ZoeyRecord>> byNetSuiteId,
      Map<String, List<ZoeyRecord>> byName,
      Map<String, ZoeyRecord> byId,
      Map<String, ZoeyRecord> contactsByEmail) {}

  private Held held(List<Map.Entry<WriteRequest, ZoeyCustomerMapper.Account>> accounts) {
    var ids = accounts.stream().flatMap(a -> a.getKey().targetId().stream()).distinct().toList();
    var emails =
        accounts.stream()
            .flatMap(a -> a.getValue().contact().stream())
            .map(c -> c.email())
            .distinct()
            .toList();
    var held =
        candidates(
            accounts.stream().filter(a -> a.getKey().creates()).map(Map.Entry::getValue).toList());
    var byNetSuiteId = held.byNetSuiteId();
    var byName = held.byName();
    var byId = new HashMap<String, ZoeyRecord>();
    client.accounts().whereIn("entity_id", ids).forEach(a -> byId.put(a.id(), a));
    var contacts = new HashMap<String, ZoeyRecord>();
    client
        .contacts()
        .whereIn("email", emails)
        .forEach(c -> contacts.put(lower(c.body().path("email").asString("")), c));
    return new Held(byNetSuiteId, byName, byId, contacts);
  }

  /**
   * The accounts that may be these unlinked accounts, in two calls: those that carry their NetSuite
   * ids, and, for those that link by name and have none, those of their names.
   */
  private Held candidates(List<ZoeyCustomerMapper.Account> unlinked) {
    var keys =
        unlinked.stream().map(ZoeyCustomerMapper.Account::netsuiteCustomerId).distinct().toList();
    var byNetSuiteId =
        client.accounts().whereIn(NETSUITE_ID, keys).stream()
            .collect(Collectors.groupingBy(a -> a.body().path(NETSUITE_ID).asString("")));
    var names =
        unlinked.stream()
            .filter(ZoeyCustomerMapper.Account::linkByName)
            .filter(a -> !byNetSuiteId.containsKey(a.netsuiteCustomerId()))
            .map(ZoeyCustomerMapper.Account::name)
            .distinct()
            .toList();
    var byName =
        client.accounts().whereIn("name", names).stream()
            .collect(Collectors.groupingBy(a -> lower(a.body().path("name").asString(""))));
    return new Held(byNetSuiteId, byName, Map.of(), Map.of());
  }

  /**
   * The one account each unlinked customer already is on Zoey: the account carrying its NetSuite
   * id, else, where the flow links by name, the one account of its name without an id. Two
   * candidates are none here; the write then says which to choose.
   */
  @Override
  public Map<String, String> counterparts(Map<String, TargetRecord> unlinked) {
    var accounts = new LinkedHashMap<String, ZoeyCustomerMapper.Account>();
    unlinked.forEach((id, payload) -> {
      try {
        accounts.put(id, ZoeyCustomerMapper.toAccount(payload));
      } catch (SyncException e) {
        // The write reports it.
      }
    });
    if (accounts.isEmpty()) {
      return Map.of();
    }
    var held = candidates(List.copyOf(accounts.values()));
    var found = new LinkedHashMap<String, String>();
    accounts.forEach((id, account) -> {
      var matches = held.byNetSuiteId().getOrDefault(account.netsuiteCustomerId(), List.of());
      if (matches.isEmpty() && account.linkByName()) {
        try {
          matches = byName(account, held);
        } catch (SyncException e) {
          matches = List.of();
        }
      }
      if (matches.size() == 1) {
        found.put(id, matches.getFirst().id());
      }
    });
    return found;
  }

  private WriteResult writeOne(
      WriteRequest request, ZoeyCustomerMapper.Account account, Held held) {
    var groupId = groupId(account.customerGroup());
    String accountId;
    boolean created;
    if (request.targetId().isPresent()) {
      accountId = request.targetId().get();
      var current = held.byId().get(accountId);
      if (current == null) {
        throw new PermanentSyncException(
            "zoey",
            "Zoey account "
                + accountId
                + ", which this customer was synced to, no longer exists. If it was deleted on"
                + " purpose, clear the customer's link (resync it after removing it from the"
                + " flow's records); otherwise restore the account in Zoey.");
      }
      update(accountId, account, groupId, current.body());
      created = false;
    } else {
      var found = held.byNetSuiteId().getOrDefault(account.netsuiteCustomerId(), List.of());
      if (found.size() > 1) {
        throw new PermanentSyncException(
            "zoey",
            "Zoey has "
                + found.size()
                + " accounts with NetSuite Customer ID "
                + account.netsuiteCustomerId()
                + ": "
                + found.stream()
                    .map(a -> a.body().path("name").asString("") + " (account " + a.id() + ")")
                    .collect(Collectors.joining(", "))
                + ". Syncline does not guess which is this customer: clear the NetSuite Customer ID"
                + " on the NetSuite tab of the others, then resync.");
      }
      if (found.isEmpty() && account.linkByName()) {
        found = byName(account, held);
      }
      if (found.size() == 1) {
        accountId = found.getFirst().id();
        update(accountId, account, groupId, found.getFirst().body());
        created = false;
      } else {
        accountId = client.accounts().create(newAccount(account, groupId));
        created = true;
      }
    }
    account.contact().ifPresent(c -> contact(accountId, c, account, held));
    return new WriteResult.Written(
        request.sourceId(), accountId, created, RemoteState.SYNCED, Optional.empty());
  }

  /**
   * The accounts this customer may be, by its name: those of that name that carry no other
   * customer's NetSuite id. Two or more is a choice for a person, never a guess.
   */
  private static List<ZoeyRecord> byName(ZoeyCustomerMapper.Account account, Held held) {
    var candidates =
        held.byName().getOrDefault(lower(account.name()), List.of()).stream()
            .filter(a -> a.body().path(NETSUITE_ID).asString("").isEmpty())
            .toList();
    if (candidates.size() > 1) {
      throw new PermanentSyncException(
          "zoey",
          "Needs a choice: "
              + candidates.size()
              + " Zoey accounts are named '"
              + account.name()
              + "' ("
              + candidates.stream().map(a -> "account " + a.id()).collect(Collectors.joining(", "))
              + "), and Syncline does not guess which is NetSuite customer "
              + account.netsuiteCustomerId()
              + ". Set NetSuite Customer ID "
              + account.netsuiteCustomerId()
              + " on the NetSuite tab of the right one (or rename the other), then resync.");
    }
    return candidates;
  }

  private static ObjectNode newAccount(ZoeyCustomerMapper.Account account, String groupId) {
    var body = account.fields(groupId);
    var locations = body.putArray("locations");
    byLocation(account.shipTos())
        .forEach((name, addresses) -> {
          var location = locations.addObject().put("name", name);
          var list = location.putArray("addresses");
          addresses.forEach(a -> list.add(a.body()));
        });
    var billTos = body.putArray("bill_to_addresses");
    account.billTos().forEach(a -> billTos.add(a.body()));
    return body;
  }

  private static Map<String, List<ZoeyAddress>> byLocation(List<ShipTo> shipTos) {
    var byName = new LinkedHashMap<String, List<ZoeyAddress>>();
    shipTos.forEach(
        s -> byName.computeIfAbsent(s.location(), n -> new ArrayList<>()).add(s.address()));
    return byName;
  }

  /**
   * The account's fields, then its addresses made to match by content: what Zoey holds and the
   * customer no longer has goes, what the customer has and Zoey lacks is added, and an address both
   * hold is left alone, wherever it was filed.
   */
  private void update(
      String accountId, ZoeyCustomerMapper.Account account, String groupId, JsonNode current) {
    client.accounts().update(accountId, account.fields(groupId));
    var heldBillTos = new LinkedHashMap<String, String>();
    current
        .path("bill_to_addresses")
        .forEach(a ->
            heldBillTos.putIfAbsent(ZoeyAddress.of(a).key(), a.path("address_id").asString("")));
    for (var address : account.billTos()) {
      if (heldBillTos.remove(address.key()) == null) {
        client.addBillToAddress(accountId, address.body());
      }
    }
    heldBillTos.values().forEach(id -> client.removeAddress(accountId, id));
    var heldShipTos = new LinkedHashMap<String, String>();
    var locations = new HashMap<String, String>();
    current
        .path("locations")
        .forEach(l -> {
          locations.putIfAbsent(l.path("name").asString(""), l.path("location_id").asString(""));
          l.path("addresses")
              .forEach(a ->
                  heldShipTos.putIfAbsent(
                      ZoeyAddress.of(a).key(), a.path("address_id").asString("")));
        });
    for (var shipTo : account.shipTos()) {
      if (heldShipTos.remove(shipTo.address().key()) == null) {
        var location =
            locations.computeIfAbsent(
                shipTo.location(), name -> client.addLocation(accountId, name));
        client.addShipToAddress(accountId, shipTo.address().body().put("location_id", location));
      }
    }
    heldShipTos.values().forEach(id -> client.removeAddress(accountId, id));
  }

  /**
   * The account's main contact, found by email: updated when its name changed, created (with Zoey's
   * New Account Confirmation when the flow maps {@code sendInvite} true) when there is none.
   */
  private void contact(
      String accountId,
      ZoeyCustomerMapper.Contact contact,
      ZoeyCustomerMapper.Account account,
      Held held) {
    var existing = Optional.ofNullable(held.contactsByEmail().get(lower(contact.email())));
    if (existing.isEmpty()) {
      var body = JsonNodeFactory.instance.objectNode();
      body.put("email", contact.email());
      body.put("firstname", contact.firstname());
      body.put("lastname", contact.lastname());
      body.put("account_id", accountId);
      body.put("account_role", "main");
      // zoey.md §3.3: "Send Invitation Email when Customer is Created"; only ever on the create.
      body.put("send_invite_email", account.sendInvite());
      client.contacts().create(body);
      return;
    }
    var person = existing.get().body();
    var onAccount = person.path("account_id").asString("");
    if (!onAccount.equals(accountId)) {
      throw new PermanentSyncException(
          "zoey",
          "The email "
              + contact.email()
              + " belongs to Zoey contact "
              + existing.get().id()
              + " on account "
              + onAccount
              + ", and Zoey keeps one contact per email. Move that contact to account "
              + accountId
              + " in Zoey, or give the customer another email, then resync.");
    }
    if (!person.path("firstname").asString("").equals(contact.firstname())
        || !person.path("lastname").asString("").equals(contact.lastname())) {
      var body = JsonNodeFactory.instance.objectNode();
      body.put("firstname", contact.firstname());
      body.put("lastname", contact.lastname());
      client.contacts().update(existing.get().id(), body);
    }
  }

  /**
   * The id of the customer group with this name (zoey.md §2.2), from the store's groups, read again
   * once when the name is not among those known.
   */
  private String groupId(String name) {
    var id = groupIds.get(lower(name));
    if (id == null) {
      var fresh = new HashMap<String, String>();
      var names = new ArrayList<String>();
      client
          .customerGroups()
          .forEach(g -> {
            var code = g.body().path("customer_group_code").asString("");
            fresh.put(lower(code), g.id());
            names.add(code);
          });
      groupIds = Map.copyOf(fresh);
      id = fresh.get(lower(name));
      if (id == null) {
        throw new PermanentSyncException(
            "zoey",
            "Zoey has no customer group named '"
                + name
                + "' (it has "
                + String.join(", ", names)
                + "). Create the group in Zoey, or map price levels to groups in the flow:"
                + " mapping.customerGroup: \"$lookup('customerGroup', priceLevel.name)\" with"
                + " valueMaps.customerGroup.");
      }
    }
    return id;
  }

  @Override
  public Optional<String> leaveEffect() {
    return Optional.of(
        "was disabled on Zoey (its contacts can still sign in, but not quote or order)");
  }

  /** zoey.md §2.1: a disabled account's owner can sign in but not quote or order; never deleted. */
  @Override
  public void leave(List<String> targetIds) {
    var body = JsonNodeFactory.instance.objectNode().put("status", "disabled");
    targetIds.forEach(id -> client.accounts().update(id, body));
  }

  @Override
  public String whenUnlinked(String targetId) {
    return "Nothing was changed on Zoey; disable account "
        + targetId
        + " there if it should no longer order, or set the flow's onLeave: propagate.";
  }

  @Override
  public String probe() {
    return client.probe();
  }

  /** The account as Zoey holds it, in the mapping's fields, for a dry run's difference. */
  @Override
  public Optional<TargetRecord> read(String targetId) {
    var account = client.accounts().get(targetId).body();
    var fields = new LinkedHashMap<String, Object>();
    fields.put("netsuiteCustomerId", account.path(NETSUITE_ID).asString(""));
    fields.put("name", account.path("name").asString(""));
    var group = account.path("customer_group_id").asString("");
    fields.put(
        "customerGroup",
        client.customerGroups().stream()
            .filter(g -> g.id().equals(group))
            .map(g -> g.body().path("customer_group_code").asString(""))
            .findFirst()
            .orElse(group));
    fields.put("salesRep", account.path("sales_rep").asString(""));
    fields.put("netTerms", account.path("net_terms").path("label").asString(""));
    fields.put("creditLimit", account.path("credit_limit").asString(""));
    fields.put("subsidiaryId", account.path("netsuite_subsidiary_id").asString(""));
    return Optional.of(new TargetRecord(fields));
  }

  private static String lower(String text) {
    return text.strip().toLowerCase(Locale.ROOT);
  }
}
