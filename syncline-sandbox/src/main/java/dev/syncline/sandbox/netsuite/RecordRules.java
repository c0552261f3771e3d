package dev.syncline.sandbox.netsuite;

import dev.syncline.sandbox.common.SandboxHttp;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What NetSuite does to a record beyond storing its fields: the fields it requires, the defaults it
 * sources (a sales order's currency and addresses from its customer, a line's rate from the item's
 * price), what it numbers and totals, and the time of the change.
 */
final class RecordRules {

  private final Connection connection;
  private final AccountStore store;
  private final Instant now;

  RecordRules(Connection connection, AccountStore store, Instant now) {
    this.connection = connection;
    this.store = store;
    // NetSuite shows lastModifiedDate to the second, so that many records can share one.
    this.now = now.truncatedTo(ChronoUnit.SECONDS);
  }

  /** Completes a record about to be created, or refuses it. */
  void created(RecordType type, long id, ObjectNode record) throws SQLException {
    if (type == RecordType.ITEM_FULFILLMENT) {
      throw NetSuiteError.badRequest(
          "USER_ERROR",
          "An item fulfillment is created by transforming a sales order:"
              + " POST /salesOrder/{id}/!transform/itemFulfillment.");
    }
    complete(type, id, record);
  }

  /** Completes a record a transform is creating. */
  void transformed(RecordType type, long id, ObjectNode record) throws SQLException {
    complete(type, id, record);
  }

  private void complete(RecordType type, long id, ObjectNode record) throws SQLException {
    var stamp = now.toString();
    // netsuite-schema.json: entities have dateCreated, items and transactions createdDate; term,
    // priceLevel, currency, subsidiary and location have neither, so they get none.
    for (var name : List.of("dateCreated", "createdDate")) {
      if (RecordSchema.get().kind(type.restName(), name).isPresent()) {
        record.put(name, stamp);
      }
    }
    switch (type) {
      case CUSTOMER -> {
        requireName(record);
        if (!record.has("subsidiary")) {
          firstId(RecordType.SUBSIDIARY).ifPresent(s -> record.set("subsidiary", ref(s)));
        }
        if (!record.has("currency") && record.has("subsidiary")) {
          find(RecordType.SUBSIDIARY, record.path("subsidiary").path("id").asLong())
              .map(s -> s.get("currency"))
              .ifPresent(c -> record.set("currency", c.deepCopy()));
        }
        defaultText(record, "entityId", "CUS" + id);
      }
      case CONTACT -> {
        require(record, "lastName", "Last Name");
        defaultText(
            record,
            "entityId",
            (record.path("firstName").asString("") + " " + record.path("lastName").asString())
                .trim());
      }
      case TERM, PRICE_LEVEL, CURRENCY, SUBSIDIARY, LOCATION -> require(record, "name", "Name");
      case INVENTORY_ITEM, ASSEMBLY_ITEM -> {
        require(record, "itemId", "Item Name/Number");
        record.set("itemType", SandboxHttp.JSON.createObjectNode().put("id", type.typeCode()));
      }
      case ITEM_FULFILLMENT -> requireEntity(record, "entity");
      case SALES_ORDER -> {
        requireEntity(record, "entity");
        if (!record.has("orderStatus")) {
          // netsuite-api.md §3.8: orderStatus A (Pending Approval) or B (Pending Fulfillment).
          record.set("orderStatus", SandboxHttp.JSON.createObjectNode().put("id", "B"));
        }
        sourceFromCustomer(record, record.path("entity").path("id").asLong());
      }
      case INVOICE, CREDIT_MEMO -> {
        requireEntity(record, "entity");
        sourceFromCustomer(record, record.path("entity").path("id").asLong());
      }
      case CUSTOMER_PAYMENT, CUSTOMER_DEPOSIT, CUSTOMER_REFUND -> requireEntity(record, "customer");
    }
    if (type.isTransaction()) {
      defaultText(record, "tranId", type.numberPrefix() + (1000 + id));
      defaultText(record, "tranDate", now.atOffset(ZoneOffset.UTC).toLocalDate().toString());
    }
    if (!record.has("isInactive") && !type.isTransaction()) {
      record.put("isInactive", false);
    }
    changed(type, record, SandboxHttp.JSON.createObjectNode());
  }

  /** Recomputes what follows from a record's fields, after a create or an update. */
  void changed(RecordType type, ObjectNode record, ObjectNode before) throws SQLException {
    record.put("lastModifiedDate", now.toString());
    if (type == RecordType.CUSTOMER) {
      addressBook(record, before);
      requireName(record);
    }
    if (type.isItem()) {
      for (var line : record.path("locations").path("items")) {
        var l = (ObjectNode) line;
        if (!l.has("location")) {
          throw NetSuiteError.badRequest("USER_ERROR", "Each line of locations needs a location.");
        }
        var onHand = decimal(l.get("quantityOnHand"));
        var committed = decimal(l.get("quantityCommitted"));
        l.put("quantityAvailable", onHand.subtract(committed).max(BigDecimal.ZERO));
      }
    }
    if (type.isTransaction() && record.path("item").isObject()) {
      itemLines(type, record, before);
    }
    if (type == RecordType.SALES_ORDER) {
      record.set("status", SandboxHttp.JSON.createObjectNode().put("id", salesOrderStatus(record)));
    }
  }

  /**
   * netsuite-api.md §3.8 (letters beyond A and B unconfirmed): A Pending Approval, B Pending
   * Fulfillment, C Cancelled, D Partially Fulfilled, E Pending Billing/Partially Fulfilled, F
   * Pending Billing, G Billed, H Closed.
   */
  static String salesOrderStatus(ObjectNode order) {
    if (order.path("orderStatus").path("id").asString("B").equals("A")) {
      return "A";
    }
    var lines = new ArrayList<JsonNode>();
    order.path("item").path("items").forEach(lines::add);
    if (!lines.isEmpty() && lines.stream().allMatch(l -> l.path("isClosed").asBoolean(false))) {
      return "H";
    }
    var open = lines.stream().filter(l -> !l.path("isClosed").asBoolean(false)).toList();
    var fulfilledAll =
        !open.isEmpty()
            && open.stream()
                .allMatch(l ->
                    decimal(l.get("quantityFulfilled")).compareTo(decimal(l.get("quantity"))) >= 0);
    var fulfilledAny =
        open.stream().anyMatch(l -> decimal(l.get("quantityFulfilled")).signum() > 0);
    var billedAll =
        !open.isEmpty()
            && open.stream()
                .allMatch(l ->
                    decimal(l.get("quantityBilled")).compareTo(decimal(l.get("quantity"))) >= 0);
    var billedBehind =
        open.stream()
            .anyMatch(l ->
                decimal(l.get("quantityBilled")).compareTo(decimal(l.get("quantityFulfilled")))
                    < 0);
    if (billedAll) {
      return "G";
    }
    if (fulfilledAll) {
      return "F";
    }
    if (fulfilledAny) {
      return billedBehind ? "E" : "D";
    }
    return "B";
  }

  private void itemLines(RecordType type, ObjectNode record, ObjectNode before)
      throws SQLException {
    var lines = record.path("item").path("items");
    var next =
        Stream.of(lines, before.path("item").path("items"))
                .flatMap(a -> a.valueStream())
                .mapToLong(l -> l.path("line").asLong(0))
                .max()
                .orElse(0)
            + 1;
    var total = BigDecimal.ZERO;
    var customer = find(RecordType.CUSTOMER, record.path("entity").path("id").asLong());
    for (int i = 0; i < lines.size(); i++) {
      var line = (ObjectNode) lines.get(i);
      var path = "item.items[" + i + "]";
      if (!line.has("item")) {
        throw new NetSuiteError(
            400, "USER_ERROR", "Please enter value(s) for: Item", Optional.of(path + ".item"));
      }
      if (!line.has("line")) {
        line.put("line", next++);
      }
      var quantity = decimal(line.get("quantity"));
      if (!line.has("quantity") || quantity.signum() <= 0) {
        throw new NetSuiteError(
            400,
            "USER_ERROR",
            "Line " + line.get("line").asString() + ": the quantity must be above 0.",
            Optional.of(path + ".quantity"));
      }
      if (type == RecordType.SALES_ORDER) {
        var fulfilled = decimal(line.get("quantityFulfilled"));
        if (quantity.compareTo(fulfilled) < 0) {
          throw new NetSuiteError(
              400,
              "USER_ERROR",
              "Line "
                  + line.get("line").asString()
                  + ": the quantity cannot be less than the "
                  + fulfilled.stripTrailingZeros().toPlainString()
                  + " already fulfilled.",
              Optional.of(path + ".quantity"));
        }
        line.put("quantityFulfilled", fulfilled);
        line.put("quantityBilled", decimal(line.get("quantityBilled")));
        if (!line.has("isClosed")) {
          line.put("isClosed", false);
        }
      }
      if (!line.has("location") && record.has("location")) {
        line.set("location", record.get("location").deepCopy());
      }
      if (!line.has("price") && customer.isPresent() && customer.get().has("priceLevel")) {
        line.set("price", customer.get().get("priceLevel").deepCopy());
      }
      if (!line.has("rate")) {
        line.put(
            "rate",
            priceOf(
                line.path("item").path("id").asLong(), line.path("price").path("id").asLong(1)));
      }
      var amount = decimal(line.get("rate")).multiply(quantity).setScale(2, RoundingMode.HALF_UP);
      line.put("amount", amount);
      total = total.add(amount);
    }
    record.put("subtotal", total);
    record.put("total", total.add(decimal(record.get("shippingCost"))));
  }

  /** The item's unit price at a price level, else at Base Price (level 1), else 0. */
  private BigDecimal priceOf(long itemId, long priceLevel) throws SQLException {
    for (var type : List.of(RecordType.INVENTORY_ITEM, RecordType.ASSEMBLY_ITEM)) {
      var item = find(type, itemId);
      if (item.isPresent()) {
        BigDecimal base = BigDecimal.ZERO;
        for (var price : item.get().path("price").path("items")) {
          var level = price.path("priceLevel").path("id").asLong();
          if (level == priceLevel) {
            return decimal(price.get("price"));
          }
          if (level == 1) {
            base = decimal(price.get("price"));
          }
        }
        return base;
      }
    }
    return BigDecimal.ZERO;
  }

  private void sourceFromCustomer(ObjectNode record, long customerId) throws SQLException {
    var customer = find(RecordType.CUSTOMER, customerId).orElseThrow();
    for (var field : List.of("currency", "subsidiary", "terms")) {
      if (!record.has(field) && customer.has(field)) {
        record.set(field, customer.get(field).deepCopy());
      }
    }
    defaultAddress(record, customer, "billingAddress", "defaultBilling");
    defaultAddress(record, customer, "shippingAddress", "defaultShipping");
    if (!record.has("email") && customer.has("email")) {
      record.set("email", customer.get("email").deepCopy());
    }
  }

  private static void defaultAddress(
      ObjectNode record, ObjectNode customer, String field, String flag) {
    if (record.has(field)) {
      return;
    }
    for (var line : customer.path("addressBook").path("items")) {
      if (line.path(flag).asBoolean(false)) {
        var address = ((ObjectNode) line.path("addressBookAddress")).deepCopy();
        address.remove("lastModifiedDate");
        record.set(field, address);
        return;
      }
    }
  }

  /**
   * netsuite-api.md §3.8: address book lines carry id, internalId, addressId, label, the default
   * flags and the address subrecord; at most one line is the default billing (or shipping) one.
   */
  private void addressBook(ObjectNode record, ObjectNode before) {
    var lines = record.path("addressBook").path("items");
    if (!lines.isArray()) {
      return;
    }
    var oldLines = before.path("addressBook").path("items");
    for (var flag : List.of("defaultBilling", "defaultShipping")) {
      ObjectNode chosen = null;
      for (var line : lines) {
        if (line.path(flag).asBoolean(false)) {
          chosen = (ObjectNode) line;
        }
      }
      for (var line : lines) {
        ((ObjectNode) line).put(flag, line == chosen);
      }
    }
    for (var node : lines) {
      var line = (ObjectNode) node;
      if (!line.has("internalId")) {
        var id = store.nextLineId();
        line.put("internalId", id);
      }
      store.reserveLineId(line.get("internalId").asLong());
      line.put("id", line.get("internalId").asLong());
      line.put("addressId", line.get("internalId").asString());
      if (!line.has("isResidential")) {
        line.put("isResidential", false);
      }
      var address =
          line.path("addressBookAddress").isObject()
              ? (ObjectNode) line.get("addressBookAddress")
              : SandboxHttp.JSON.createObjectNode();
      address.put("addrText", addressText(address));
      line.set("addressBookAddress", address);
      line.put("addressBookAddress_text", address.get("addrText").asString());
      var unchanged =
          oldLines
              .valueStream()
              .anyMatch(old ->
                  old.path("internalId").asLong() == line.get("internalId").asLong()
                      && withoutStamp(old).equals(withoutStamp(line)));
      if (!unchanged) {
        line.put("lastModifiedDate", now.toString());
        address.put("lastModifiedDate", now.toString());
      }
    }
    var billing =
        lines.valueStream().filter(l -> l.path("defaultBilling").asBoolean(false)).findFirst();
    billing.ifPresentOrElse(
        l -> record.put("defaultAddress", l.path("addressBookAddress").path("addrText").asString()),
        () -> record.remove("defaultAddress"));
  }

  private static JsonNode withoutStamp(JsonNode line) {
    var copy = ((ObjectNode) line).deepCopy();
    copy.remove("lastModifiedDate");
    if (copy.path("addressBookAddress").isObject()) {
      ((ObjectNode) copy.get("addressBookAddress")).remove("lastModifiedDate");
    }
    return copy;
  }

  private static String addressText(JsonNode address) {
    var cityLine =
        Stream.of("city", "state", "zip")
            .map(f -> address.path(f).asString(""))
            .filter(s -> !s.isEmpty())
            .reduce((a, b) -> a + " " + b)
            .orElse("");
    return Stream.of(
            address.path("attention").asString(""),
            address.path("addressee").asString(""),
            address.path("addr1").asString(""),
            address.path("addr2").asString(""),
            cityLine,
            address.path("country").path("id").asString(""))
        .filter(s -> !s.isEmpty())
        .reduce((a, b) -> a + "\n" + b)
        .orElse("");
  }

  private static void requireName(ObjectNode customer) {
    if (customer.path("isPerson").asBoolean(false)) {
      require(customer, "lastName", "Last Name");
    } else {
      require(customer, "companyName", "Company Name");
    }
  }

  private static void require(ObjectNode record, String field, String label) {
    if (record.path(field).asString("").isBlank()) {
      // NetSuite's wording for a missing mandatory field.
      throw new NetSuiteError(
          400, "USER_ERROR", "Please enter value(s) for: " + label, Optional.of(field));
    }
  }

  private static void requireEntity(ObjectNode record, String field) {
    if (!record.path(field).has("id")) {
      throw new NetSuiteError(
          400, "USER_ERROR", "Please enter value(s) for: Customer", Optional.of(field));
    }
  }

  private static void defaultText(ObjectNode record, String field, String value) {
    if (record.path(field).asString("").isBlank()) {
      record.put(field, value);
    }
  }

  private Optional<ObjectNode> find(RecordType type, long id) throws SQLException {
    return store.find(connection, type, id, false);
  }

  private Optional<Long> firstId(RecordType type) throws SQLException {
    return store.ids(connection, type).stream().findFirst();
  }

  static ObjectNode ref(long id) {
    return SandboxHttp.JSON.createObjectNode().put("id", Long.toString(id));
  }

  static BigDecimal decimal(JsonNode node) {
    return node == null || node.isNull() || !node.isNumber()
        ? BigDecimal.ZERO
        : node.decimalValue();
  }
}
