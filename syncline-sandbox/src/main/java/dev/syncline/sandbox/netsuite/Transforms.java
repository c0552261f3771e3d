package dev.syncline.sandbox.netsuite;

import dev.syncline.sandbox.common.SandboxHttp;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The order-to-cash transforms (netsuite-api.md §3.6) with NetSuite's rules: a sales order is
 * fulfilled and invoiced line by line, never beyond what was ordered (or, with Advanced Shipping,
 * invoiced beyond what was fulfilled), and not while pending approval, cancelled or closed; an
 * invoice is paid or credited up to what remains; a credit memo's unapplied amount is refunded.
 */
final class Transforms {

  private static final BigDecimal ZERO = BigDecimal.ZERO;

  private final Connection connection;
  private final AccountStore store;
  private final RecordWriter writer;
  private final RecordRules rules;
  private final boolean advancedShipping;

  Transforms(
      Connection connection,
      AccountStore store,
      RecordWriter writer,
      RecordRules rules,
      boolean advancedShipping) {
    this.connection = connection;
    this.store = store;
    this.writer = writer;
    this.rules = rules;
    this.advancedShipping = advancedShipping;
  }

  /** Creates the target record from the source and returns its id. */
  long transform(RecordType from, long id, RecordType to, JsonNode body) throws SQLException {
    var source =
        store
            .find(connection, from, id, true)
            .orElseThrow(() ->
                NetSuiteError.notFound("Record " + from.restName() + " " + id + " was not found."));
    var given = body.isObject() ? (ObjectNode) body : SandboxHttp.JSON.createObjectNode();
    var lines = given.path("item").path("items");
    var fields = given.deepCopy();
    fields.remove("item");
    var target = writer.apply(to, SandboxHttp.JSON.createObjectNode(), fields, Set.of());
    long created =
        switch (from.restName() + ">" + to.restName()) {
          case "salesOrder>itemFulfillment" -> fulfil(id, source, target, lines);
          case "salesOrder>invoice" -> invoice(id, source, target, lines);
          case "invoice>customerPayment" -> pay(id, source, target);
          case "invoice>creditMemo" -> credit(id, source, target);
          case "creditMemo>customerRefund" -> refund(id, source, target);
          default ->
              throw NetSuiteError.badRequest(
                  "USER_ERROR",
                  "A " + from.restName() + " cannot be transformed into a " + to.restName() + ".");
        };
    rules.changed(from, source, store.find(connection, from, id, false).orElseThrow());
    store.update(connection, from, id, source);
    return created;
  }

  private long fulfil(long orderId, ObjectNode order, ObjectNode target, JsonNode lines)
      throws SQLException {
    requireOpen(order, "fulfilled");
    var quantities = chosenQuantities(order, lines, "quantityFulfilled", "fulfil");
    var items = SandboxHttp.JSON.createArrayNode();
    for (var entry : quantities.entrySet()) {
      var line = orderLine(order, entry.getKey());
      line.put(
          "quantityFulfilled",
          RecordRules.decimal(line.get("quantityFulfilled")).add(entry.getValue().quantity()));
      var out = items.addObject();
      out.put("orderLine", entry.getKey());
      out.set("item", line.get("item").deepCopy());
      out.put("quantity", entry.getValue().quantity());
      out.put("itemReceive", true);
      var location =
          entry.getValue().location().or(() -> Optional.ofNullable(line.get("location")));
      location.ifPresent(l -> out.set("location", l.deepCopy()));
      if (line.has("description")) {
        out.set("description", line.get("description").deepCopy());
      }
    }
    target.set("item", SandboxHttp.JSON.createObjectNode().set("items", items));
    target.set("createdFrom", RecordRules.ref(orderId));
    target.set("entity", order.get("entity").deepCopy());
    copy(order, target, "subsidiary", "shippingAddress", "shipMethod");
    if (!target.has("shipStatus")) {
      target.set("shipStatus", SandboxHttp.JSON.createObjectNode().put("id", "C"));
    }
    target.set("status", target.get("shipStatus").deepCopy());
    var fulfillment = insert(RecordType.ITEM_FULFILLMENT, target);
    if (!advancedShipping) {
      // netsuite-api.md §3.6: without Advanced Shipping a fulfilment is invoiced at once.
      var invoiceLines = SandboxHttp.JSON.createArrayNode();
      quantities.forEach((line, choice) ->
          invoiceLines.addObject().put("orderLine", line).put("quantity", choice.quantity()));
      invoice(orderId, order, SandboxHttp.JSON.createObjectNode(), invoiceLines);
    }
    return fulfillment;
  }

  private long invoice(long orderId, ObjectNode order, ObjectNode target, JsonNode lines)
      throws SQLException {
    requireOpen(order, "billed");
    var quantities = chosenQuantities(order, lines, "quantityBilled", "bill");
    var items = SandboxHttp.JSON.createArrayNode();
    for (var entry : quantities.entrySet()) {
      var line = orderLine(order, entry.getKey());
      line.put(
          "quantityBilled",
          RecordRules.decimal(line.get("quantityBilled")).add(entry.getValue().quantity()));
      var out = items.addObject();
      out.put("orderLine", entry.getKey());
      out.put("quantity", entry.getValue().quantity());
      for (var field : List.of("item", "rate", "price", "location", "description")) {
        if (line.has(field)) {
          out.set(field, line.get(field).deepCopy());
        }
      }
    }
    target.set("item", SandboxHttp.JSON.createObjectNode().set("items", items));
    target.set("createdFrom", RecordRules.ref(orderId));
    target.set("entity", order.get("entity").deepCopy());
    copy(
        order,
        target,
        "currency",
        "subsidiary",
        "terms",
        "billingAddress",
        "shippingAddress",
        "otherRefNum");
    return insertOpen(RecordType.INVOICE, target);
  }

  private long pay(long invoiceId, ObjectNode invoice, ObjectNode target) throws SQLException {
    var remaining = RecordRules.decimal(invoice.get("amountRemaining"));
    if (remaining.signum() <= 0) {
      throw NetSuiteError.badRequest(
          "USER_ERROR", "Invoice " + invoice.path("tranId").asString() + " is paid in full.");
    }
    var amount = target.has("payment") ? RecordRules.decimal(target.get("payment")) : remaining;
    if (amount.signum() <= 0 || amount.compareTo(remaining) > 0) {
      throw new NetSuiteError(
          400,
          "USER_ERROR",
          "The payment must be above 0 and at most the "
              + remaining.toPlainString()
              + " that remains on the invoice.",
          Optional.of("payment"));
    }
    target.set("customer", invoice.get("entity").deepCopy());
    copy(invoice, target, "currency", "subsidiary");
    target
        .put("payment", amount)
        .put("total", amount)
        .put("applied", amount)
        .put("unapplied", ZERO);
    target.set("apply", applied(invoiceId, invoice, "Invoice", amount, remaining));
    target.set("status", SandboxHttp.JSON.createObjectNode().put("id", "C"));
    applyTo(invoice, amount);
    return insert(RecordType.CUSTOMER_PAYMENT, target);
  }

  private long credit(long invoiceId, ObjectNode invoice, ObjectNode target) throws SQLException {
    var total = RecordRules.decimal(invoice.get("total"));
    var credited = creditedSoFar(invoiceId);
    if (credited.compareTo(total) >= 0) {
      throw NetSuiteError.badRequest(
          "USER_ERROR",
          "Invoice " + invoice.path("tranId").asString() + " is already credited in full.");
    }
    var items = SandboxHttp.JSON.createArrayNode();
    for (var line : invoice.path("item").path("items")) {
      var out = items.addObject();
      for (var field : List.of("item", "quantity", "rate", "price", "location", "description")) {
        if (line.has(field)) {
          out.set(field, line.get(field).deepCopy());
        }
      }
    }
    target.set("item", SandboxHttp.JSON.createObjectNode().set("items", items));
    target.set("createdFrom", RecordRules.ref(invoiceId));
    target.set("entity", invoice.get("entity").deepCopy());
    copy(invoice, target, "currency", "subsidiary", "billingAddress");
    var memoId = store.nextId(RecordType.CREDIT_MEMO);
    rules.transformed(RecordType.CREDIT_MEMO, memoId, target);
    var memoTotal = RecordRules.decimal(target.get("total"));
    if (credited.add(memoTotal).compareTo(total) > 0) {
      throw NetSuiteError.badRequest(
          "USER_ERROR", "A credit memo cannot credit more than the invoice's total.");
    }
    // A credit memo made from an invoice is applied to what remains on it.
    var applied = memoTotal.min(RecordRules.decimal(invoice.get("amountRemaining")));
    target.put("applied", applied).put("unapplied", memoTotal.subtract(applied));
    target.put("amountRemaining", memoTotal.subtract(applied));
    target.set(
        "apply",
        applied(
            invoiceId,
            invoice,
            "Invoice",
            applied,
            RecordRules.decimal(invoice.get("amountRemaining"))));
    target.set(
        "status",
        SandboxHttp.JSON
            .createObjectNode()
            .put("id", memoTotal.compareTo(applied) > 0 ? "A" : "B"));
    applyTo(invoice, applied);
    store.insert(
        connection,
        RecordType.CREDIT_MEMO,
        List.of(new AccountStore.Stored(RecordType.CREDIT_MEMO, memoId, target)));
    return memoId;
  }

  private long refund(long memoId, ObjectNode memo, ObjectNode target) throws SQLException {
    var unapplied = RecordRules.decimal(memo.get("amountRemaining"));
    if (unapplied.signum() <= 0) {
      throw NetSuiteError.badRequest(
          "USER_ERROR",
          "Credit memo " + memo.path("tranId").asString() + " has nothing left to refund.");
    }
    target.set("customer", memo.get("entity").deepCopy());
    copy(memo, target, "currency", "subsidiary");
    target.put("total", unapplied);
    target.set("apply", applied(memoId, memo, "Credit Memo", unapplied, unapplied));
    target.set("status", SandboxHttp.JSON.createObjectNode().put("id", "R"));
    memo.put("amountRemaining", ZERO).put("unapplied", ZERO);
    memo.put("applied", RecordRules.decimal(memo.get("applied")).add(unapplied));
    memo.set("status", SandboxHttp.JSON.createObjectNode().put("id", "B"));
    return insert(RecordType.CUSTOMER_REFUND, target);
  }

  /** A line to fulfil or bill: how much and, for a fulfilment, from where. */
  private record Choice(BigDecimal quantity, Optional<JsonNode> location) {}

  /**
   * The lines a transform takes, by order line: by default every open line with something left; the
   * body's lines (netsuite-api.md §3.6: {@code orderLine}, {@code quantity}, {@code itemReceive:
   * false} to skip) change that.
   */
  private Map<Long, Choice> chosenQuantities(
      ObjectNode order, JsonNode lines, String done, String verb) {
    var chosen = new java.util.TreeMap<Long, Choice>();
    for (var line : order.path("item").path("items")) {
      var left = left(line, done);
      if (!line.path("isClosed").asBoolean(false) && left.signum() > 0) {
        chosen.put(line.path("line").asLong(), new Choice(left, Optional.empty()));
      }
    }
    for (int i = 0; i < lines.size(); i++) {
      var given = lines.get(i);
      var path = "item.items[" + i + "]";
      var number = given.path("orderLine").asLong(-1);
      var line = orderLine(order, number);
      if (line == null) {
        throw new NetSuiteError(
            400,
            "USER_ERROR",
            "The order has no line " + given.path("orderLine").asString() + ".",
            Optional.of(path + ".orderLine"));
      }
      var receive = given.has("itemReceive") ? given.get("itemReceive") : given.path("itemreceive");
      if (!receive.asBoolean(true)) {
        chosen.remove(number);
        continue;
      }
      var left = line.path("isClosed").asBoolean(false) ? ZERO : left(line, done);
      var quantity = given.has("quantity") ? RecordRules.decimal(given.get("quantity")) : left;
      if (quantity.signum() <= 0 || quantity.compareTo(left) > 0) {
        throw new NetSuiteError(
            400,
            "USER_ERROR",
            "Line "
                + number
                + ": you cannot "
                + verb
                + " "
                + quantity.stripTrailingZeros().toPlainString()
                + "; "
                + left.stripTrailingZeros().toPlainString()
                + " remain.",
            Optional.of(path + ".quantity"));
      }
      var location =
          Optional.ofNullable(given.get("location"))
              .map(l -> l.isObject() ? l : RecordRules.ref(l.asLong()));
      chosen.put(number, new Choice(quantity, location));
    }
    if (chosen.isEmpty()) {
      throw NetSuiteError.badRequest(
          "USER_ERROR", "The sales order has no lines left to " + verb + ".");
    }
    return chosen;
  }

  private BigDecimal left(JsonNode line, String done) {
    var quantity = RecordRules.decimal(line.get("quantity"));
    var base =
        done.equals("quantityBilled") && advancedShipping
            ? RecordRules.decimal(line.get("quantityFulfilled"))
            : quantity;
    return base.subtract(RecordRules.decimal(line.get(done))).max(ZERO);
  }

  private static void requireOpen(ObjectNode order, String verb) {
    var status = order.path("status").path("id").asString("B");
    var reason =
        switch (status) {
          case "A" -> "is pending approval";
          case "C" -> "is cancelled";
          case "H" -> "is closed";
          default -> null;
        };
    if (reason != null) {
      throw NetSuiteError.badRequest(
          "USER_ERROR",
          "Sales order "
              + order.path("tranId").asString()
              + " "
              + reason
              + " and cannot be "
              + verb
              + ".");
    }
  }

  private static ObjectNode orderLine(ObjectNode order, long number) {
    for (var line : order.path("item").path("items")) {
      if (line.path("line").asLong() == number) {
        return (ObjectNode) line;
      }
    }
    return null;
  }

  private static JsonNode applied(
      long docId, ObjectNode doc, String type, BigDecimal amount, BigDecimal due) {
    var items = SandboxHttp.JSON.createArrayNode();
    items
        .addObject()
        .put("apply", true)
        .put("amount", amount)
        .put("due", due)
        .put("total", RecordRules.decimal(doc.get("total")))
        .put("type", type)
        .put("refNum", doc.path("tranId").asString())
        .set("doc", RecordRules.ref(docId));
    return SandboxHttp.JSON.createObjectNode().set("items", items);
  }

  private static void applyTo(ObjectNode invoice, BigDecimal amount) {
    var remaining = RecordRules.decimal(invoice.get("amountRemaining")).subtract(amount);
    invoice.put("amountRemaining", remaining);
    invoice.put("amountPaid", RecordRules.decimal(invoice.get("amountPaid")).add(amount));
    invoice.set(
        "status",
        SandboxHttp.JSON.createObjectNode().put("id", remaining.signum() > 0 ? "A" : "B"));
  }

  private BigDecimal creditedSoFar(long invoiceId) throws SQLException {
    try (var s =
        connection.prepareStatement(
            "SELECT NVL(SUM(foreigntotal), 0) FROM transaction WHERE createdfrom = ? AND type = ?")) {
      s.setLong(1, invoiceId);
      s.setString(2, RecordType.CREDIT_MEMO.typeCode());
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getBigDecimal(1);
      }
    }
  }

  private long insertOpen(RecordType type, ObjectNode target) throws SQLException {
    var id = store.nextId(type);
    rules.transformed(type, id, target);
    var total = RecordRules.decimal(target.get("total"));
    target.put("amountRemaining", total).put("amountPaid", ZERO);
    target.set(
        "status", SandboxHttp.JSON.createObjectNode().put("id", total.signum() > 0 ? "A" : "B"));
    store.insert(connection, type, List.of(new AccountStore.Stored(type, id, target)));
    return id;
  }

  private long insert(RecordType type, ObjectNode target) throws SQLException {
    var id = store.nextId(type);
    rules.transformed(type, id, target);
    store.insert(connection, type, List.of(new AccountStore.Stored(type, id, target)));
    return id;
  }

  private static void copy(ObjectNode from, ObjectNode to, String... fields) {
    for (var field : fields) {
      if (!to.has(field) && from.has(field)) {
        to.set(field, from.get(field).deepCopy());
      }
    }
  }
}
