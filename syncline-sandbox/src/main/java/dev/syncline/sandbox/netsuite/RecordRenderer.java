package dev.syncline.sandbox.netsuite;

import dev.syncline.sandbox.common.SandboxHttp;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Shows a stored record as the record service returns it. netsuite-api.md §3.3: references become
 * {@code {id, refName, links}}; sublists and subrecords are only links unless {@code
 * expandSubResources=true}; every resource carries its {@code self} link.
 */
final class RecordRenderer {

  /** netsuite-api.md §3.8: orderStatus A and B; the other letters are unconfirmed. */
  private static final Map<String, String> ORDER_STATUS =
      Map.of(
          "A", "Pending Approval",
          "B", "Pending Fulfillment",
          "C", "Cancelled",
          "D", "Partially Fulfilled",
          "E", "Pending Billing/Partially Fulfilled",
          "F", "Pending Billing",
          "G", "Billed",
          "H", "Closed");

  /** netsuite-api.md §3.8: shipStatus A/B/C, whose meanings are unconfirmed. */
  private static final Map<String, String> SHIP_STATUS =
      Map.of("A", "Picked", "B", "Packed", "C", "Shipped");

  /** Invoice status: A Open, B Paid In Full (schema enum A, B, D, E, V). */
  private static final Map<String, String> OPEN_STATUS = Map.of("A", "Open", "B", "Paid In Full");

  private final Connection connection;
  private final AccountStore store;
  private final CustomFields customFields;
  private final String recordBase;
  private final Map<String, String> refNames = new HashMap<>();

  RecordRenderer(
      Connection connection, AccountStore store, CustomFields customFields, String recordBase) {
    this.connection = connection;
    this.store = store;
    this.customFields = customFields;
    this.recordBase = recordBase;
  }

  /**
   * @param fields netsuite-api.md §3.2: only these fields; ignored when expanding, as a third party
   *     reports
   */
  ObjectNode render(
      RecordType type, long id, ObjectNode record, boolean expand, Optional<Set<String>> fields)
      throws SQLException {
    var self = recordBase + "/" + type.restName() + "/" + id;
    var out = SandboxHttp.JSON.createObjectNode();
    out.set("links", links(self));
    var wanted =
        expand
            ? Optional.<Set<String>>empty()
            : fields.map(
                f -> f.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
    for (var entry : record.properties()) {
      var name = entry.getKey();
      if (wanted.isPresent() && !wanted.get().contains(name.toLowerCase(Locale.ROOT))) {
        continue;
      }
      out.set(name, value(type, type.restName(), name, entry.getValue(), self, expand));
    }
    out.put("id", Long.toString(id));
    return out;
  }

  /** A sublist as its own resource ({@code GET /salesOrder/1/item}), lines expanded. */
  ObjectNode sublist(RecordType type, long id, ObjectNode record, String sublist)
      throws SQLException {
    var self = recordBase + "/" + type.restName() + "/" + id;
    var kind = RecordSchema.get().kind(type.restName(), sublist);
    if (kind.isEmpty() || !(kind.get() instanceof RecordSchema.Kind.Sublist s)) {
      throw NetSuiteError.notFound(
          "Sublist " + sublist + " does not exist on " + type.restName() + ".");
    }
    return collection(type, s.line(), sublist, record.path(sublist), self, true);
  }

  private JsonNode value(
      RecordType type, String definition, String name, JsonNode value, String owner, boolean expand)
      throws SQLException {
    var kind =
        customFields
            .find(name)
            .map(CustomField::kind)
            .or(() -> RecordSchema.get().kind(definition, name));
    if (kind.isEmpty()) {
      return value;
    }
    return switch (kind.get()) {
      case RecordSchema.Kind.Scalar s -> value;
      case RecordSchema.Kind.Enumeration e -> enumeration(definition, name, value);
      case RecordSchema.Kind.Reference r -> reference(r.target(), value);
      case RecordSchema.Kind.References r -> {
        var out = SandboxHttp.JSON.createObjectNode();
        out.set("links", links(owner + "/" + name));
        if (expand) {
          var items = SandboxHttp.JSON.createArrayNode();
          for (var item : value.path("items")) {
            items.add(reference(r.target(), item));
          }
          paged(out, items);
        }
        yield out;
      }
      case RecordSchema.Kind.Sublist s -> collection(type, s.line(), name, value, owner, expand);
      case RecordSchema.Kind.Subrecord s -> {
        var href = owner + "/" + name;
        if (!expand) {
          yield SandboxHttp.JSON.createObjectNode().set("links", links(href));
        }
        var out = SandboxHttp.JSON.createObjectNode();
        out.set("links", links(href));
        for (var field : value.properties()) {
          out.set(
              field.getKey(),
              value(type, s.definition(), field.getKey(), field.getValue(), href, true));
        }
        yield out;
      }
    };
  }

  private ObjectNode collection(
      RecordType type,
      String lineDefinition,
      String name,
      JsonNode value,
      String owner,
      boolean expand)
      throws SQLException {
    var href = owner + "/" + name;
    var out = SandboxHttp.JSON.createObjectNode();
    out.set("links", links(href));
    if (!expand) {
      return out;
    }
    var items = SandboxHttp.JSON.createArrayNode();
    for (var line : value.path("items")) {
      var key =
          line.has("line") ? line.get("line").asString() : line.path("internalId").asString("");
      var lineHref = href + "/" + key;
      var rendered = SandboxHttp.JSON.createObjectNode();
      rendered.set("links", links(lineHref));
      for (var field : line.properties()) {
        rendered.set(
            field.getKey(),
            value(type, lineDefinition, field.getKey(), field.getValue(), lineHref, true));
      }
      items.add(rendered);
    }
    paged(out, items);
    return out;
  }

  private static void paged(ObjectNode out, ArrayNode items) {
    out.set("items", items);
    out.put("totalResults", items.size());
    out.put("count", items.size());
    out.put("hasMore", false);
    out.put("offset", 0);
  }

  private static JsonNode enumeration(String definition, String name, JsonNode value) {
    var id = value.path("id").asString();
    var names =
        switch (definition + "." + name) {
          case "salesOrder.orderStatus", "salesOrder.status" -> ORDER_STATUS;
          case "itemFulfillment.shipStatus", "itemFulfillment.status" -> SHIP_STATUS;
          case "invoice.status" -> OPEN_STATUS;
          case "creditMemo.status" -> Map.of("A", "Open", "B", "Fully Applied");
          default -> Map.<String, String>of();
        };
    return SandboxHttp.JSON
        .createObjectNode()
        .put("id", id)
        .put("refName", names.getOrDefault(id, id));
  }

  private JsonNode reference(String target, JsonNode value) throws SQLException {
    var id = value.path("id").asString();
    var out = SandboxHttp.JSON.createObjectNode();
    var custom = customFields.find(target);
    if (custom.isPresent()) {
      return out.put("id", id).put("refName", custom.get().listValues().getOrDefault(id, id));
    }
    var types = RecordType.referencedBy(target);
    Optional<RecordType> found =
        types.isEmpty() ? Optional.empty() : store.typeOf(connection, types, Long.parseLong(id));
    if (found.isPresent()) {
      out.set("links", links(recordBase + "/" + found.get().restName() + "/" + id));
    } else {
      out.set("links", SandboxHttp.JSON.createArrayNode());
    }
    out.put("id", id);
    if (found.isPresent()) {
      out.put("refName", refName(found.get(), Long.parseLong(id)));
    }
    return out;
  }

  private String refName(RecordType type, long id) throws SQLException {
    var key = type.restName() + ":" + id;
    var cached = refNames.get(key);
    if (cached != null) {
      return cached;
    }
    var record = store.find(connection, type, id, false).orElseThrow();
    var name =
        switch (type) {
          case CUSTOMER -> {
            var entityId = record.path("entityId").asString("");
            var company = record.path("companyName").asString("");
            yield company.isEmpty() || company.equals(entityId)
                ? entityId
                : entityId + " " + company;
          }
          case CONTACT -> record.path("entityId").asString("");
          case INVENTORY_ITEM, ASSEMBLY_ITEM -> record.path("itemId").asString("");
          case SALES_ORDER -> "Sales Order #" + record.path("tranId").asString("");
          case ITEM_FULFILLMENT -> "Item Fulfillment #" + record.path("tranId").asString("");
          case INVOICE -> "Invoice #" + record.path("tranId").asString("");
          case CUSTOMER_PAYMENT -> "Payment #" + record.path("tranId").asString("");
          case CUSTOMER_DEPOSIT -> "Customer Deposit #" + record.path("tranId").asString("");
          case CREDIT_MEMO -> "Credit Memo #" + record.path("tranId").asString("");
          case CUSTOMER_REFUND -> "Customer Refund #" + record.path("tranId").asString("");
          default -> record.path("name").asString("");
        };
    refNames.put(key, name);
    return name;
  }

  static ArrayNode links(String self) {
    var links = SandboxHttp.JSON.createArrayNode();
    links.addObject().put("rel", "self").put("href", self);
    return links;
  }
}
