package dev.syncline.netsuite.customer;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.SyncException;
import dev.syncline.core.model.Customer;
import dev.syncline.core.port.RecordExporter;
import dev.syncline.core.port.RemoteState;
import dev.syncline.core.port.TargetRecord;
import dev.syncline.core.port.Violation;
import dev.syncline.core.port.WriteRequest;
import dev.syncline.core.port.WriteResult;
import dev.syncline.netsuite.client.Concurrently;
import dev.syncline.netsuite.client.NetSuiteClient;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes customers to NetSuite: a new one by upsert on its external id (netsuite-api.md §3.4), so
 * that a repeated create updates what the first made; a linked one by PATCH of the fields mapped,
 * its address book replaced whole (§3.5). Terms, price levels and subsidiaries are mapped by name,
 * as people know them, and found by SuiteQL, once for each list.
 */
public final class NetSuiteCustomerExporter implements RecordExporter<Customer> {

  /**
   * The fields a channel's account holds (docs/flows/customers-netsuite-zoey.md): no currency,
   * phone or custom fields, which stay as NetSuite has them.
   */
  public static final Map<String, String> DEFAULT_MAPPING;

  static {
    var m = new LinkedHashMap<String, String>();
    m.put("externalId", "$sourceId");
    // A channel's record that names the NetSuite customer it is (Zoey's NetSuite Customer ID).
    m.put("internalId", "custom.netsuite_customer_id");
    // Whether a record that names no NetSuite customer is linked to the one customer of its name.
    m.put("linkByName", "false");
    // An individual keeps its own names; only a company is named after the channel's record.
    m.put("individual", "individual");
    m.put("companyName", "individual ? companyName : name");
    m.put("email", "email");
    m.put("terms", "terms.name");
    m.put("priceLevel", "priceLevel.name");
    m.put("subsidiary", "subsidiary.id");
    m.put("creditLimit", "creditLimit");
    m.put("addresses", "addresses");
    DEFAULT_MAPPING = Collections.unmodifiableMap(m);
  }

  /** netsuite-api.md §4: the lists whose names a mapping gives, by field, and their table. */
  private static final Map<String, String> LISTS =
      Map.of("terms", "term", "priceLevel", "pricelevel", "subsidiary", "subsidiary");

  private final NetSuiteClient client;
  private final Map<String, Map<String, String>> idsByName = new ConcurrentHashMap<>();

  public NetSuiteCustomerExporter(NetSuiteClient client) {
    this.client = client;
  }

  @Override
  public Map<String, String> defaultMapping() {
    return DEFAULT_MAPPING;
  }

  /**
   * A custom entity field the account defines ({@code custentity_*},
   * research/netsuite-schema.json), written as the mapping gives it: text, a number, true or false,
   * or a list value as {@code {'id': '2'}} and a multi-select as {@code {'items': [{'id': '2'}]}}.
   */
  @Override
  public boolean takesField(String field) {
    return field.matches("custentity_[a-z0-9_]+");
  }

  @Override
  public List<Violation> validate(Customer c) {
    return c.name().isBlank() ? List.of(new Violation("name", "Missing customer name")) : List.of();
  }

  @Override
  public Optional<String> createKeyField() {
    return Optional.of("externalId");
  }

  @Override
  public List<WriteResult> write(List<WriteRequest> batch) {
    Map<String, List<String>> namesakes;
    try {
      namesakes = customersNamed(namesOfCreates(batch));
    } catch (SyncException e) {
      return batch.stream()
          .map(r -> (WriteResult) new WriteResult.NotWritten(r.sourceId(), e))
          .toList();
    }
    return Concurrently.each(
        batch,
        request -> writeOne(request, namesakes),
        (request, e) -> new WriteResult.NotWritten(request.sourceId(), e),
        "Writing the customer");
  }

  /**
   * The customer each unlinked record names as its NetSuite customer ({@code internalId}), else,
   * where the mapping links by name, the one customer of its name (one SuiteQL query for all).
   */
  @Override
  public Map<String, String> counterparts(Map<String, TargetRecord> unlinked) {
    var found = new LinkedHashMap<String, String>();
    var byName = new LinkedHashMap<String, String>();
    unlinked.forEach((id, payload) -> {
      var named = payload.text("internalId").filter(n -> !n.isBlank());
      if (named.isPresent()) {
        named.filter(n -> n.matches("[1-9][0-9]{0,18}")).ifPresent(n -> found.put(id, n));
      } else if (linksByName(payload)) {
        payload.text("companyName").filter(n -> !n.isBlank()).ifPresent(n -> byName.put(id, n));
      }
    });
    var named = customersNamed(byName.values());
    byName.forEach((id, name) -> {
      var matches = named.getOrDefault(key(name), List.of());
      if (matches.size() == 1) {
        found.put(id, matches.getFirst());
      }
    });
    return found;
  }

  private static boolean linksByName(TargetRecord payload) {
    return payload.flag("linkByName");
  }

  private static String key(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }

  /** The ids of the customers of these names, by name in lower case, in one SuiteQL query. */
  private Map<String, List<String>> customersNamed(java.util.Collection<String> names) {
    if (names.isEmpty()) {
      return Map.of();
    }
    var found = new LinkedHashMap<String, List<String>>();
    client
        .suiteQl(
            "SELECT id, companyname FROM customer WHERE LOWER(companyname) IN ("
                + names.stream()
                    .map(n -> NetSuiteClient.literal(key(n)))
                    .distinct()
                    .collect(java.util.stream.Collectors.joining(", "))
                + ") ORDER BY id",
            1000,
            0)
        .rows()
        .forEach(row ->
            found
                .computeIfAbsent(key(row.get("companyname").orElse("")), k -> new ArrayList<>())
                .add(row.require("id")));
    return found;
  }

  /** The names of the batch's creates that link by name. */
  private static List<String> namesOfCreates(List<WriteRequest> batch) {
    return batch.stream()
        .filter(WriteRequest::creates)
        .map(WriteRequest::payload)
        .filter(p -> p.text("internalId").filter(i -> !i.isBlank()).isEmpty())
        .filter(NetSuiteCustomerExporter::linksByName)
        .flatMap(p -> p.text("companyName").filter(n -> !n.isBlank()).stream())
        .toList();
  }

  private WriteResult writeOne(WriteRequest request, Map<String, List<String>> namesakes) {
    try {
      var r = request.payload();
      var named = r.text("internalId").filter(i -> !i.isBlank());
      if (request.creates() && named.isEmpty() && linksByName(r)) {
        var name = r.text("companyName").orElse("");
        var same = namesakes.getOrDefault(key(name), List.of());
        if (!same.isEmpty()) {
          // Its one namesake was offered as its counterpart; reaching here, that one is taken by
          // another record, or there are several: a choice for a person, never a guess.
          throw new PermanentSyncException(
              "netsuite",
              "Needs a choice: NetSuite already has "
                  + (same.size() == 1
                      ? "customer " + same.getFirst()
                      : "customers " + String.join(", ", same))
                  + " named '"
                  + name
                  + "'"
                  + (same.size() == 1
                      ? ", which another record of that name is linked to or claims too,"
                      : ",")
                  + " and Syncline does not guess which this is or make another. Name the right"
                  + " one as this record's NetSuite customer (Zoey: NetSuite Customer ID on the"
                  + " account's NetSuite tab), or rename this record, then resync.");
        }
      }
      if (request.targetId().isPresent() || named.isPresent()) {
        // A record that names its NetSuite customer is linked to it, never made again.
        var id = request.targetId().or(() -> named).orElseThrow();
        if (request.targetId().isEmpty() && !id.matches("[0-9]+")) {
          throw invalid(
              "the record names NetSuite customer '"
                  + id
                  + "', which is not an internal id (a number); correct it at the source, or"
                  + " mapping.internalId");
        }
        client.update("customer", id, body(r, false), Set.of("addressBook"));
        return new WriteResult.Written(
            request.sourceId(), id, false, RemoteState.SYNCED, Optional.empty());
      }
      var externalId =
          request
              .createKey()
              .orElseThrow(() ->
                  invalid(
                      "the mapping gave no externalId, which makes the create safe to repeat;"
                          + " correct mapping.externalId"));
      var id = client.upsert("customer", externalId, body(r, true), Set.of("addressBook"));
      return new WriteResult.Written(
          request.sourceId(), id, true, RemoteState.SYNCED, Optional.empty());
    } catch (SyncException e) {
      return new WriteResult.NotWritten(request.sourceId(), e);
    }
  }

  /**
   * The customer as NetSuite's REST API takes it (research/netsuite-schema.json, customer): the
   * subsidiary only on create, since NetSuite does not move a customer between subsidiaries.
   */
  private ObjectNode body(TargetRecord r, boolean creates) {
    var c = JsonMapper.shared().createObjectNode();
    var name = r.text("companyName").filter(n -> !n.isBlank());
    // An individual (NetSuite's isPerson) stays one, its first and last names as they are.
    if (r.flag("individual")) {
      name.ifPresent(n -> c.put("companyName", n));
    } else {
      c.put("companyName", name.orElseThrow(() -> invalid("the mapping gave no companyName")));
      c.put("isPerson", false);
    }
    if (r.fields().containsKey("email")) {
      c.put("email", text(r.get("email")));
    }
    // A channel without the term or level (Zoey's account without Net Terms) leaves NetSuite's.
    for (var field : List.of("terms", "priceLevel")) {
      var value = text(r.get(field));
      if (!value.isEmpty()) {
        c.putObject(field).put("id", idOf(field, value));
      }
    }
    if (creates) {
      var subsidiary = text(r.get("subsidiary"));
      if (subsidiary.isEmpty()) {
        throw invalid(
            "a new NetSuite customer needs a subsidiary, and the mapping gave none; set"
                + " mapping.subsidiary, like \"$exists(subsidiary.id) ? subsidiary.id : '1'\"");
      }
      c.putObject("subsidiary")
          .put("id", subsidiary.matches("[0-9]+") ? subsidiary : idOf("subsidiary", subsidiary));
    }
    r.fields()
        .forEach((field, value) -> {
          if (takesField(field)) {
            c.set(field, JsonMapper.shared().valueToTree(value));
          }
        });
    var limit = text(r.get("creditLimit"));
    if (!limit.isEmpty()) {
      try {
        c.put("creditLimit", new BigDecimal(limit));
      } catch (NumberFormatException e) {
        throw invalid(
            "the credit limit '" + limit + "' is not a number; correct mapping.creditLimit");
      }
    }
    var items = c.putObject("addressBook").putArray("items");
    var billing = false;
    var shipping = false;
    for (var a : list(r.get("addresses"))) {
      // NetSuite keeps one default of each kind; the first address that claims it has it.
      var line = items.addObject();
      var label = text(a.get("label"));
      if (!label.isEmpty()) {
        line.put("label", label);
      }
      var isBilling = !billing && Boolean.TRUE.equals(a.get("defaultBilling"));
      var isShipping = !shipping && Boolean.TRUE.equals(a.get("defaultShipping"));
      billing |= isBilling;
      shipping |= isShipping;
      line.put("defaultBilling", isBilling).put("defaultShipping", isShipping);
      var address = line.putObject("addressBookAddress");
      for (var part :
          List.of(
              Map.entry("addressee", "addressee"),
              Map.entry("attention", "attention"),
              Map.entry("line1", "addr1"),
              Map.entry("line2", "addr2"),
              Map.entry("city", "city"),
              Map.entry("state", "state"),
              Map.entry("zip", "zip"),
              Map.entry("phone", "addrPhone"))) {
        var value = text(a.get(part.getKey()));
        if (!value.isEmpty()) {
          address.put(part.getValue(), value);
        }
      }
      var country = text(a.get("country"));
      if (!country.isEmpty()) {
        address.putObject("country").put("id", country);
      }
    }
    return c;
  }

  /**
   * The internal id of the term, price level or subsidiary with this name, from one SuiteQL read of
   * the list, read again once when the name is not among those known.
   */
  private String idOf(String field, String name) {
    var key = key(name);
    var known = idsByName.get(field);
    if (known == null || !known.containsKey(key)) {
      var table = LISTS.get(field);
      var fresh = new LinkedHashMap<String, String>();
      var names = new ArrayList<String>();
      client
          .suiteQl("SELECT id, name FROM " + table, 1000, 0)
          .rows()
          .forEach(row -> {
            var n = row.get("name").orElse("");
            fresh.put(key(n), row.require("id"));
            names.add(n);
          });
      idsByName.put(field, Map.copyOf(fresh));
      known = fresh;
      if (!known.containsKey(key)) {
        throw invalid(
            "NetSuite has no "
                + table
                + " named '"
                + name
                + "' (it has "
                + String.join(", ", names)
                + "). Create it in NetSuite, or map the names in the flow: mapping."
                + field
                + ": \"$lookup('"
                + field
                + "', "
                + field
                + ".name)\" with valueMaps."
                + field);
      }
    }
    return known.get(key);
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

  private static String text(Object value) {
    return value == null ? "" : value.toString().strip();
  }

  @Override
  public Optional<String> leaveEffect() {
    return Optional.of("was made inactive in NetSuite (never deleted)");
  }

  /**
   * Makes the customers inactive (research/netsuite-schema.json, customer {@code isInactive}), one
   * PATCH each, as many at once as the account's limiter allows; a customer made inactive twice
   * stays so. A customer NetSuite no longer has (deleted, or merged into another) has nothing left
   * to make inactive.
   */
  @Override
  public void leave(List<String> targetIds) {
    var body = JsonMapper.shared().createObjectNode().put("isInactive", true);
    var failures =
        Concurrently.each(
            targetIds,
            id -> {
              try {
                client.update("customer", id, body, Set.of());
              } catch (PermanentSyncException.MissingInRemote gone) {
                // Nothing left to make inactive.
              }
              return Optional.<SyncException>empty();
            },
            (id, e) -> Optional.of(e),
            "Making the customer inactive");
    for (var failure : failures) {
      if (failure.isPresent()) {
        throw failure.get();
      }
    }
  }

  @Override
  public String whenUnlinked(String targetId) {
    return "Nothing was changed in NetSuite; make customer "
        + targetId
        + " inactive there if it should go, or set the flow's onLeave: propagate.";
  }

  @Override
  public String probe() {
    return client.probe();
  }

  private static PermanentSyncException invalid(String message) {
    return new PermanentSyncException("netsuite", message);
  }
}
