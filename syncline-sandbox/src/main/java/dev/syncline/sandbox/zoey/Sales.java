package dev.syncline.sandbox.zoey;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Orders and what follows them: invoices (requests for payment), payments applied to invoices,
 * payment refunds, shipments with tracks, credit memos. zoey.md §2.5-2.8 give the rules; §5.2 and
 * §5.4 the Magento 1 shapes. Order totals and states are derived from the related records after
 * every change, so they cannot drift apart.
 */
final class Sales {

  static final Set<String> ORDER_FIELDS =
      Set.of(
          "entity_id",
          "increment_id",
          "state",
          "status",
          "customer_id",
          "customer_email",
          "customer_is_guest",
          "account_id",
          "payment_method",
          "original_increment_id",
          "relation_parent_real_id",
          "grand_total",
          "total_due",
          "created_at",
          "updated_at");
  static final Set<String> INVOICE_FIELDS =
      Set.of("entity_id", "increment_id", "order_id", "state", "created_at", "updated_at");
  static final Set<String> PAYMENT_FIELDS =
      Set.of("entity_id", "order_id", "method", "state", "created_at", "updated_at");
  static final Set<String> REFUND_FIELDS =
      Set.of("entity_id", "payment_id", "type", "created_at", "updated_at");
  static final Set<String> SHIPMENT_FIELDS =
      Set.of("entity_id", "increment_id", "order_id", "created_at", "updated_at");
  static final Set<String> CREDIT_MEMO_FIELDS =
      Set.of("entity_id", "increment_id", "order_id", "invoice_id", "created_at", "updated_at");

  // zoey.md §2.6: credit card (Stripe, Authorize.net), ACH, PayPal, Net Terms / PO, check, cash,
  // wire, COD, store credit. The codes are Magento 1's where it has one, else our guess [U].
  private static final Set<String> ONLINE_METHODS =
      Set.of("stripe", "stripe_ach", "authorizenet", "paypal");
  private static final Set<String> OFFLINE_METHODS =
      Set.of(
          "netterms", "purchaseorder", "checkmo", "cash", "wire", "cashondelivery", "storecredit");
  // zoey.md §2.6: "When paying with Credit Cards or Stripe ACH the invoices [are] created
  // immediately and paid during checkout."
  private static final Set<String> PAID_AT_CHECKOUT =
      Set.of("stripe", "stripe_ach", "authorizenet", "paypal");
  // zoey.md §5.4: addTrack needs a carrier code from getCarriers; these are Magento 1's own [D].
  private static final Set<String> CARRIERS = Set.of("custom", "ups", "usps", "fedex", "dhl");
  // zoey.md §2.8: the kinds of credit memo refund.
  private static final Set<String> CREDIT_REFUND_TYPES =
      Set.of("online", "offline", "store_credit");

  final Table orders = new Table("entity_id");
  final Table invoices = new Table("entity_id");
  final Table payments = new Table("entity_id");
  final Table refunds = new Table("entity_id");
  final Table shipments = new Table("entity_id");
  final Table creditMemos = new Table("entity_id");
  private final Supplier<Instant> now;
  private final Accounts accounts;
  private final Catalog catalog;
  private final Outbox outbox;
  private final Supplier<ZoeySettings> settings;
  private final Map<String, Long> increments = new HashMap<>();
  private long lastItemId;
  private long lastTrackId;

  Sales(
      Supplier<Instant> now,
      Accounts accounts,
      Catalog catalog,
      Outbox outbox,
      Supplier<ZoeySettings> settings) {
    this.now = now;
    this.accounts = accounts;
    this.catalog = catalog;
    this.outbox = outbox;
    this.settings = settings;
  }

  // ---- orders (placed by buyers, edited and cancelled by admins: zoey.md §2.5)

  /**
   * A buyer checks out. zoey.md §2.5: PO, check and net-terms orders start in New (status Pending);
   * card and ACH orders are invoiced and paid at checkout and start in Processing.
   */
  ObjectNode placeOrder(JsonNode body) {
    Accounts.requireObject(body);
    var order = Wire.object();
    Optional<ObjectNode> account = Optional.empty();
    String group;
    if (body.has("customer_id")) {
      var contact =
          accounts
              .contacts
              .find(Wire.text(body, "customer_id"))
              .orElseThrow(() ->
                  ApiError.badRequest(
                      "No contact has id " + body.path("customer_id").asString() + "."));
      account = accounts.accounts.find(contact.path("account_id").asString());
      if (account.isPresent() && account.get().path("status").asString().equals("disabled")) {
        // zoey.md §2.1: a disabled account's owner can log in but cannot quote or order.
        throw ApiError.badRequest(
            "Account " + account.get().path("name").asString() + " is disabled and cannot order.");
      }
      group = contact.path("group_id").asString();
      order.put("customer_id", contact.path("entity_id").asString());
      order.put("customer_is_guest", "0");
      order.put("customer_email", contact.path("email").asString());
      order.put("customer_firstname", contact.path("firstname").asString());
      order.put("customer_lastname", contact.path("lastname").asString());
      order.put("account_id", contact.path("account_id").asString());
    } else {
      if (!settings.get().guestCheckout()) {
        throw ApiError.badRequest("Guest checkout is disabled in this store: name a customer_id.");
      }
      var guest = body.path("guest");
      // zoey.md §5.2 (M1): guests belong to customer group 0, NOT LOGGED IN.
      group = "0";
      order.putNull("customer_id");
      order.put("customer_is_guest", "1");
      order.put("customer_email", Wire.text(guest, "email"));
      order.put("customer_firstname", Wire.text(guest, "firstname"));
      order.put("customer_lastname", Wire.text(guest, "lastname"));
      order.putNull("account_id");
    }
    order.put("customer_group_id", group);
    var method = Wire.text(body, "payment_method");
    if (!ONLINE_METHODS.contains(method) && !OFFLINE_METHODS.contains(method)) {
      throw ApiError.badRequest(
          "Unknown payment method \""
              + method
              + "\"; use one of "
              + new TreeSet<>(union(ONLINE_METHODS, OFFLINE_METHODS))
              + ".");
    }
    if (method.equals("netterms")
        && (account.isEmpty()
            || !account.get().path("net_terms").path("enabled").asString().equals("1"))) {
      throw ApiError.badRequest("Net Terms are not enabled for this buyer's account.");
    }
    if (method.equals("purchaseorder") && Wire.textOr(body, "po_number", "").isEmpty()) {
      throw ApiError.emptyValue("po_number");
    }
    order.put("payment_method", method);
    order.put("po_number", Wire.textOr(body, "po_number", ""));
    order.set("addresses", orderAddresses(body, account));
    order.put(
        "shipping_amount", Wire.decimal(Wire.numberOr(body, "shipping_amount", BigDecimal.ZERO)));
    order.put(
        "shipping_description", Wire.textOr(body, "shipping_description", "Flat Rate - Fixed"));
    order.set("order_items", orderItems(body.path("items"), account, group));
    var placed = insertOrder(order, nextIncrement("order"));
    if (PAID_AT_CHECKOUT.contains(method)) {
      var invoice =
          createInvoice(Wire.object().put("order_id", placed.path("entity_id").asString()));
      var payment = Wire.object();
      payment.put("method", method);
      payment.put("order_id", placed.path("entity_id").asString());
      payment.put("amount", invoice.path("grand_total").asString());
      payment.set(
          "applications",
          Wire.array()
              .add(
                  Wire.object()
                      .put("invoice_id", invoice.path("entity_id").asString())
                      .put("amount", invoice.path("grand_total").asString())));
      // zoey.md §2.6: only the receipt email is sent when the invoice is paid at creation.
      payment.put("send_receipt", true);
      createPayment(payment);
    }
    return orders.get(placed.path("entity_id").asString());
  }

  /**
   * zoey.md §2.5: an admin edit creates a new order numbered {@code <original>-1} and cancels the
   * original; invoiced items stay on the original, the rest carry over. The links between the two
   * are Magento 1's order columns original_increment_id, relation_parent_id/real_id,
   * relation_child_id/real_id and edit_increment (public M1 code; not in zoey.md).
   */
  ObjectNode editOrder(String id, JsonNode body) {
    if (!body.isObject()) {
      // An empty edit is fine: it carries every open item over unchanged.
      throw ApiError.badRequest(ApiError.INVALID_DATA);
    }
    var original = orders.get(id);
    var state = original.path("state").asString();
    if (state.equals("canceled") || state.equals("closed") || state.equals("complete")) {
      throw ApiError.badRequest(
          "Order "
              + original.path("increment_id").asString()
              + " is "
              + state
              + " and cannot be edited.");
    }
    var account = accounts.accounts.find(original.path("account_id").asString(""));
    var edited = Wire.object();
    for (var field :
        List.of(
            "customer_id",
            "customer_is_guest",
            "customer_email",
            "customer_firstname",
            "customer_lastname",
            "account_id",
            "customer_group_id",
            "payment_method",
            "po_number",
            "shipping_amount",
            "shipping_description")) {
      edited.set(field, original.get(field));
    }
    edited.set(
        "addresses",
        body.has("shipping_address") || body.has("billing_address")
            ? orderAddresses(body, account)
            : original.get("addresses").deepCopy());
    // The original's open units go back to stock first, so that the new order can take them again;
    // if the new order is refused, they are taken back and nothing has changed.
    var open = new LinkedHashMap<ObjectNode, BigDecimal>();
    for (var item : original.get("order_items")) {
      var left = remaining((ObjectNode) item, "qty_invoiced");
      if (left.signum() > 0) {
        open.put((ObjectNode) item, left);
      }
    }
    var requested = body.has("items") ? body.get("items") : asRequest(open);
    if (!requested.isArray() || requested.isEmpty()) {
      throw ApiError.badRequest(
          "Order "
              + original.path("increment_id").asString()
              + " has nothing left to carry over: name the new order's items.");
    }
    open.forEach(this::returnToStock);
    try {
      edited.set(
          "order_items",
          orderItems(requested, account, original.path("customer_group_id").asString()));
    } catch (ApiError refused) {
      open.forEach(this::takeFromStock);
      throw refused;
    }
    open.forEach((item, qty) ->
        item.put("qty_canceled", Wire.decimal(Wire.amount(item, "qty_canceled").add(qty))));
    var root =
        original.path("original_increment_id").isNull()
            ? original.path("increment_id").asString()
            : original.path("original_increment_id").asString();
    var editIncrement =
        orders.rows().stream()
                .filter(o -> root.equals(o.path("original_increment_id").asString(null)))
                .mapToInt(o -> o.path("edit_increment").asInt(0))
                .max()
                .orElse(0)
            + 1;
    edited.put("original_increment_id", root);
    edited.put("relation_parent_id", original.path("entity_id").asString());
    edited.put("relation_parent_real_id", original.path("increment_id").asString());
    edited.put("edit_increment", String.valueOf(editIncrement));
    var created = insertOrder(edited, root + "-" + editIncrement);
    original.put("relation_child_id", created.path("entity_id").asString());
    original.put("relation_child_real_id", created.path("increment_id").asString());
    original.put("state", "canceled");
    original.put("status", "canceled");
    comment(original, "Order edited: replaced by " + created.path("increment_id").asString() + ".");
    orders.touch(original, now.get());
    return created;
  }

  /**
   * zoey.md §2.5: only orders neither processed nor completed can be cancelled, irreversibly; an
   * order with an invoice or a shipment is processed.
   */
  ObjectNode cancelOrder(String id) {
    var order = orders.get(id);
    var invoiced =
        invoicesOf(order).stream().anyMatch(i -> !i.path("state").asString().equals("void"));
    var shipped = !shipmentsOf(order).isEmpty();
    var state = order.path("state").asString();
    if (invoiced || shipped || !(state.equals("new") || state.equals("pending_payment"))) {
      throw ApiError.badRequest(
          "Order "
              + order.path("increment_id").asString()
              + " cannot be cancelled: it has been invoiced or shipped, or is "
              + state
              + ". Refund it with a credit memo instead.");
    }
    for (var item : order.get("order_items")) {
      var row = (ObjectNode) item;
      returnToStock(
          row, Wire.amount(row, "qty_ordered").subtract(Wire.amount(row, "qty_canceled")));
      row.put("qty_canceled", row.path("qty_ordered").asString());
    }
    order.put("state", "canceled");
    order.put("status", "canceled");
    orders.touch(order, now.get());
    return order;
  }

  // ---- invoices (zoey.md §2.6: a request for payment; several per order)

  ObjectNode createInvoice(JsonNode body) {
    Accounts.requireObject(body);
    var order = orders.get(Wire.text(body, "order_id"));
    var state = order.path("state").asString();
    if (state.equals("canceled") || state.equals("closed")) {
      // zoey.md §5.4: the M1 fault when an order cannot be invoiced.
      throw ApiError.badRequest("Cannot do invoice for order.");
    }
    var quantities = quantities(body, order, "qty_invoiced", "invoice");
    if (quantities.isEmpty()) {
      throw ApiError.badRequest("Cannot do invoice for order.");
    }
    var items = Wire.array();
    var subtotal = BigDecimal.ZERO;
    for (var entry : quantities.entrySet()) {
      var item = entry.getKey();
      var qty = entry.getValue();
      item.put("qty_invoiced", Wire.decimal(Wire.amount(item, "qty_invoiced").add(qty)));
      var row = Wire.amount(item, "price").multiply(qty);
      subtotal = subtotal.add(row);
      items.add(
          Wire.object()
              .put("order_item_id", item.path("item_id").asString())
              .put("sku", item.path("sku").asString())
              .put("qty", Wire.decimal(qty))
              .put("price", item.path("price").asString())
              .put("row_total", Wire.decimal(row)));
    }
    // The order's shipping goes on its first invoice [D].
    var shipping =
        invoicesOf(order).stream().anyMatch(i -> !i.path("state").asString().equals("void"))
            ? BigDecimal.ZERO
            : Wire.amount(order, "shipping_amount");
    var total = subtotal.add(shipping);
    var invoice = Wire.object();
    invoice.put("increment_id", nextIncrement("invoice"));
    invoice.put("order_id", order.path("entity_id").asString());
    invoice.put("order_increment_id", order.path("increment_id").asString());
    invoice.put("state", "open");
    invoice.put("subtotal", Wire.decimal(subtotal));
    invoice.put("shipping_amount", Wire.decimal(shipping));
    invoice.put("grand_total", Wire.decimal(total));
    invoice.put("amount_paid", Wire.decimal(BigDecimal.ZERO));
    invoice.put("amount_due", Wire.decimal(total));
    invoice.set("items", items);
    // zoey.md §2.3: "Net Terms live on the Invoice", each with its own terms and due date.
    var account = accounts.accounts.find(order.path("account_id").asString(""));
    var terms =
        account.map(a -> a.get("net_terms")).filter(t -> t.path("enabled").asString().equals("1"));
    if (order.path("payment_method").asString().equals("netterms") && terms.isPresent()) {
      invoice.put("net_terms", terms.get().path("label").asString());
      invoice.put(
          "due_date",
          Wire.time(now.get().plus(terms.get().path("days").asLong(), ChronoUnit.DAYS))
              .substring(0, 10));
    } else {
      invoice.putNull("net_terms");
      invoice.put("due_date", Wire.time(now.get()).substring(0, 10));
    }
    var created = invoices.insert(invoice, now.get());
    if (Wire.flag(body, "send_email")) {
      outbox.send(
          now.get(),
          "invoice",
          order.path("customer_email").asString(),
          "Invoice "
              + invoice.path("increment_id").asString()
              + " for order "
              + order.path("increment_id").asString(),
          created.path("entity_id").asString());
    }
    // zoey.md §2.6: a deposit collected before invoicing is applied to the first invoice.
    for (var payment : payments.rows()) {
      if (payment.path("order_id").asString("").equals(order.path("entity_id").asString())
          && payment.path("state").asString().equals("captured")) {
        var unapplied = unapplied(payment);
        if (unapplied.signum() > 0 && Wire.amount(created, "amount_due").signum() > 0) {
          apply(payment, created, unapplied.min(Wire.amount(created, "amount_due")));
        }
      }
    }
    recompute(order);
    return created;
  }

  /** An open invoice nobody has paid can be voided; its quantities can be invoiced again. */
  ObjectNode voidInvoice(String id) {
    var invoice = invoices.get(id);
    if (!invoice.path("state").asString().equals("open")
        || Wire.amount(invoice, "amount_paid").signum() > 0) {
      throw ApiError.badRequest(
          "Invoice "
              + invoice.path("increment_id").asString()
              + " cannot be voided: only open invoices with no payment applied can.");
    }
    var order = orders.get(invoice.path("order_id").asString());
    for (var line : invoice.get("items")) {
      var item = orderItem(order, line.path("order_item_id").asString());
      item.put(
          "qty_invoiced",
          Wire.decimal(Wire.amount(item, "qty_invoiced").subtract(Wire.amount(line, "qty"))));
    }
    invoice.put("state", "void");
    invoice.put("amount_due", Wire.decimal(BigDecimal.ZERO));
    invoices.touch(invoice, now.get());
    recompute(order);
    return invoice;
  }

  // ---- payments (zoey.md §2.6: their own object, many-to-many with invoices)

  ObjectNode createPayment(JsonNode body) {
    Accounts.requireObject(body);
    var method = Wire.text(body, "method");
    if (!ONLINE_METHODS.contains(method) && !OFFLINE_METHODS.contains(method)) {
      throw ApiError.badRequest("Unknown payment method \"" + method + "\".");
    }
    var amount = Wire.number(body, "amount");
    if (amount.signum() <= 0) {
      throw ApiError.badRequest("Invalid value for \"amount\": a payment must be above 0.");
    }
    var orderId = Wire.textOr(body, "order_id", "");
    if (!orderId.isEmpty()) {
      orders.get(orderId);
    }
    var applications = new ArrayList<Map.Entry<ObjectNode, BigDecimal>>();
    var applied = BigDecimal.ZERO;
    for (var entry : Wire.elements(body.path("applications"))) {
      var invoice =
          invoices
              .find(Wire.text(entry, "invoice_id"))
              .orElseThrow(() ->
                  ApiError.badRequest(
                      "No invoice has id " + entry.path("invoice_id").asString() + "."));
      var share = Wire.number(entry, "amount");
      if (!invoice.path("state").asString().equals("open")) {
        throw ApiError.badRequest(
            "Invoice "
                + invoice.path("increment_id").asString()
                + " is "
                + invoice.path("state").asString()
                + "; payments apply to open invoices only.");
      }
      if (share.signum() <= 0 || share.compareTo(Wire.amount(invoice, "amount_due")) > 0) {
        throw ApiError.badRequest(
            "Invoice "
                + invoice.path("increment_id").asString()
                + " has "
                + invoice.path("amount_due").asString()
                + " due; a payment cannot apply "
                + Wire.decimal(share)
                + " to it.");
      }
      applications.add(Map.entry(invoice, share));
      applied = applied.add(share);
    }
    if (applied.compareTo(amount) > 0) {
      throw ApiError.badRequest(
          "The applications add up to "
              + Wire.decimal(applied)
              + ", more than the payment's amount of "
              + Wire.decimal(amount)
              + ".");
    }
    if (applications.isEmpty() && orderId.isEmpty()) {
      throw ApiError.badRequest(
          "A payment needs \"applications\" to invoices, or an \"order_id\" to be a deposit on.");
    }
    var payment = Wire.object();
    payment.put("method", method);
    payment.put("amount", Wire.decimal(amount));
    payment.put("amount_refunded", Wire.decimal(BigDecimal.ZERO));
    if (orderId.isEmpty()) {
      payment.putNull("order_id");
    } else {
      payment.put("order_id", orderId);
    }
    payment.put("reference", Wire.textOr(body, "reference", ""));
    payment.put("state", "captured");
    payment.set("applications", Wire.array());
    var created = payments.insert(payment, now.get());
    var touched = new ArrayList<ObjectNode>();
    for (var application : applications) {
      apply(created, application.getKey(), application.getValue());
      touched.add(orders.get(application.getKey().path("order_id").asString()));
    }
    if (!orderId.isEmpty()) {
      touched.add(orders.get(orderId));
    }
    touched.forEach(this::recompute);
    if (Wire.flag(body, "send_receipt")) {
      // zoey.md §2.6: marking an invoice paid creates a Payment Receipt.
      var to = touched.isEmpty() ? "" : touched.getFirst().path("customer_email").asString();
      outbox.send(
          now.get(),
          "payment_receipt",
          to,
          "Payment receipt for " + Wire.decimal(amount),
          created.path("entity_id").asString());
    }
    return created;
  }

  /** zoey.md §2.6: offline payments can be voided; the invoices they paid open again. */
  ObjectNode voidPayment(String id) {
    var payment = payments.get(id);
    if (ONLINE_METHODS.contains(payment.path("method").asString())) {
      throw ApiError.badRequest(
          "Payment " + id + " was taken online; refund it instead of voiding it.");
    }
    if (!payment.path("state").asString().equals("captured")
        || Wire.amount(payment, "amount_refunded").signum() > 0) {
      throw ApiError.badRequest(
          "Payment " + id + " cannot be voided: it is void already or partly refunded.");
    }
    var touched = new ArrayList<ObjectNode>();
    for (var application : payment.get("applications")) {
      var invoice = invoices.get(application.path("invoice_id").asString());
      takeBack(invoice, Wire.amount(application, "amount"));
      touched.add(orders.get(invoice.path("order_id").asString()));
    }
    payment.put("state", "void");
    payments.touch(payment, now.get());
    if (!payment.path("order_id").isNull()) {
      touched.add(orders.get(payment.path("order_id").asString()));
    }
    touched.forEach(this::recompute);
    return payment;
  }

  /**
   * zoey.md §2.8: a payment refund of any amount, online through the gateway or offline (recorded
   * only); §2.6: a partially refunded, fully paid invoice re-opens.
   */
  ObjectNode createRefund(JsonNode body) {
    Accounts.requireObject(body);
    var payment =
        payments
            .find(Wire.text(body, "payment_id"))
            .orElseThrow(() ->
                ApiError.badRequest(
                    "No payment has id " + body.path("payment_id").asString() + "."));
    var amount = Wire.number(body, "amount");
    var type = Wire.text(body, "type");
    if (!type.equals("online") && !type.equals("offline")) {
      throw ApiError.badRequest(
          "Invalid value for \"type\": \"" + type + "\"; use online or offline.");
    }
    if (type.equals("online") && !ONLINE_METHODS.contains(payment.path("method").asString())) {
      throw ApiError.badRequest(
          "Payment "
              + payment.path("entity_id").asString()
              + " was taken offline ("
              + payment.path("method").asString()
              + "); refund it offline.");
    }
    var refundable =
        Wire.amount(payment, "amount").subtract(Wire.amount(payment, "amount_refunded"));
    if (!payment.path("state").asString().equals("captured")
        || amount.signum() <= 0
        || amount.compareTo(refundable) > 0) {
      throw ApiError.badRequest(
          "Payment "
              + payment.path("entity_id").asString()
              + " has "
              + Wire.decimal(refundable)
              + " left to refund; "
              + Wire.decimal(amount)
              + " cannot be refunded.");
    }
    var refund = Wire.object();
    refund.put("payment_id", payment.path("entity_id").asString());
    refund.put("amount", Wire.decimal(amount));
    refund.put("type", type);
    var reduced = Wire.array();
    // What was never applied to an invoice is refunded first, then the latest applications.
    var left = amount.subtract(unapplied(payment).min(amount));
    var applications = Wire.elements(payment.get("applications"));
    var touched = new ArrayList<ObjectNode>();
    for (var i = applications.size() - 1; i >= 0 && left.signum() > 0; i--) {
      var application = applications.get(i);
      var invoice = invoices.get(application.path("invoice_id").asString());
      var share =
          left.min(Wire.amount(application, "amount").subtract(refundedFrom(payment, invoice)));
      if (share.signum() <= 0) {
        continue;
      }
      takeBack(invoice, share);
      reduced.add(
          Wire.object()
              .put("invoice_id", invoice.path("entity_id").asString())
              .put("amount", Wire.decimal(share)));
      touched.add(orders.get(invoice.path("order_id").asString()));
      left = left.subtract(share);
    }
    refund.set("applications", reduced);
    payment.put(
        "amount_refunded", Wire.decimal(Wire.amount(payment, "amount_refunded").add(amount)));
    payments.touch(payment, now.get());
    var created = refunds.insert(refund, now.get());
    if (!payment.path("order_id").isNull()) {
      touched.add(orders.get(payment.path("order_id").asString()));
    }
    touched.forEach(this::recompute);
    return created;
  }

  // ---- shipments (zoey.md §2.7, §5.4)

  ObjectNode createShipment(JsonNode body) {
    Accounts.requireObject(body);
    var order = orders.get(Wire.text(body, "order_id"));
    var state = order.path("state").asString();
    if (state.equals("canceled") || state.equals("closed")) {
      // zoey.md §5.4: the M1 fault when an order cannot ship.
      throw ApiError.badRequest("Cannot do shipment for order.");
    }
    var quantities = quantities(body, order, "qty_shipped", "ship");
    if (quantities.isEmpty()) {
      throw ApiError.badRequest("Cannot do shipment for order.");
    }
    var tracks = Wire.array();
    for (var track : Wire.elements(body.path("tracks"))) {
      tracks.add(track(track));
    }
    var items = Wire.array();
    var total = BigDecimal.ZERO;
    for (var entry : quantities.entrySet()) {
      var item = entry.getKey();
      item.put("qty_shipped", Wire.decimal(Wire.amount(item, "qty_shipped").add(entry.getValue())));
      items.add(
          Wire.object()
              .put("order_item_id", item.path("item_id").asString())
              .put("sku", item.path("sku").asString())
              .put("qty", Wire.decimal(entry.getValue())));
      total = total.add(entry.getValue());
    }
    var shipment = Wire.object();
    shipment.put("increment_id", nextIncrement("shipment"));
    shipment.put("order_id", order.path("entity_id").asString());
    shipment.put("order_increment_id", order.path("increment_id").asString());
    shipment.put("total_qty", Wire.decimal(total));
    shipment.set("items", items);
    shipment.set("tracks", tracks);
    var created = shipments.insert(shipment, now.get());
    if (Wire.flag(body, "send_email")) {
      sendTracking(order, created);
    }
    recompute(order);
    return created;
  }

  /** zoey.md §5.4: addTrack(shipment, carrier, title, number). */
  ObjectNode addTrack(String shipmentId, JsonNode body) {
    Accounts.requireObject(body);
    var shipment = shipments.get(shipmentId);
    var track = track(body);
    ((ArrayNode) shipment.get("tracks")).add(track);
    shipments.touch(shipment, now.get());
    var order = orders.get(shipment.path("order_id").asString());
    orders.touch(order, now.get());
    if (Wire.flag(body, "send_email")) {
      sendTracking(order, shipment);
    }
    return track;
  }

  // ---- credit memos (zoey.md §2.8: only on an invoice paid in full; it does not re-open it)

  ObjectNode createCreditMemo(JsonNode body) {
    Accounts.requireObject(body);
    var invoice =
        invoices
            .find(Wire.text(body, "invoice_id"))
            .orElseThrow(() ->
                ApiError.badRequest(
                    "No invoice has id " + body.path("invoice_id").asString() + "."));
    if (!invoice.path("state").asString().equals("paid")) {
      throw ApiError.badRequest(
          "Invoice "
              + invoice.path("increment_id").asString()
              + " is not paid in full; a credit memo can only be created for an invoice paid in full."
              + " Refund the payment instead.");
    }
    var order = orders.get(invoice.path("order_id").asString());
    var priorMemos =
        creditMemos.rows().stream()
            .filter(
                m -> m.path("invoice_id").asString().equals(invoice.path("entity_id").asString()))
            .toList();
    var lines = new ArrayList<Map.Entry<ObjectNode, BigDecimal>>();
    var requested = body.path("items");
    for (var line : invoice.get("items")) {
      var itemId = line.path("order_item_id").asString();
      var credited =
          priorMemos.stream()
              .flatMap(m -> Wire.elements(m.get("items")).stream())
              .filter(l -> l.path("order_item_id").asString().equals(itemId))
              .map(l -> Wire.amount(l, "qty"))
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      var left = Wire.amount(line, "qty").subtract(credited);
      var qty = requested.isArray() ? requestedQty(requested, itemId) : left;
      if (qty.compareTo(left) > 0) {
        throw ApiError.badRequest(
            "Item "
                + line.path("sku").asString()
                + " has "
                + Wire.decimal(left)
                + " left to credit on invoice "
                + invoice.path("increment_id").asString()
                + ".");
      }
      if (qty.signum() > 0) {
        lines.add(Map.entry(orderItem(order, itemId), qty));
      }
    }
    if (requested.isArray()) {
      for (var entry : Wire.elements(requested)) {
        var itemId = Wire.text(entry, "order_item_id");
        if (invoice
            .get("items")
            .valueStream()
            .noneMatch(l -> l.path("order_item_id").asString().equals(itemId))) {
          throw ApiError.badRequest(
              "Item "
                  + itemId
                  + " is not on invoice "
                  + invoice.path("increment_id").asString()
                  + ".");
        }
      }
    }
    var shipping = Wire.numberOr(body, "shipping_amount", BigDecimal.ZERO);
    var shippingCredited =
        priorMemos.stream()
            .map(m -> Wire.amount(m, "shipping_amount"))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    if (shipping.signum() < 0
        || shipping.compareTo(Wire.amount(invoice, "shipping_amount").subtract(shippingCredited))
            > 0) {
      throw ApiError.badRequest(
          "Invalid value for \"shipping_amount\": the invoice has "
              + Wire.decimal(Wire.amount(invoice, "shipping_amount").subtract(shippingCredited))
              + " of shipping left to refund.");
    }
    var positive = Wire.numberOr(body, "adjustment_positive", BigDecimal.ZERO);
    var negative = Wire.numberOr(body, "adjustment_negative", BigDecimal.ZERO);
    var refundType = Wire.textOr(body, "refund_type", "offline");
    if (!CREDIT_REFUND_TYPES.contains(refundType)) {
      throw ApiError.badRequest(
          "Invalid value for \"refund_type\": \""
              + refundType
              + "\"; use one of "
              + CREDIT_REFUND_TYPES
              + ".");
    }
    var items = Wire.array();
    var subtotal = BigDecimal.ZERO;
    for (var line : lines) {
      var row = Wire.amount(line.getKey(), "price").multiply(line.getValue());
      subtotal = subtotal.add(row);
      items.add(
          Wire.object()
              .put("order_item_id", line.getKey().path("item_id").asString())
              .put("sku", line.getKey().path("sku").asString())
              .put("qty", Wire.decimal(line.getValue()))
              .put("row_total", Wire.decimal(row)));
    }
    var total = subtotal.add(shipping).add(positive).subtract(negative);
    var alreadyCredited =
        priorMemos.stream()
            .map(m -> Wire.amount(m, "grand_total"))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    if (total.signum() <= 0
        || total.compareTo(Wire.amount(invoice, "amount_paid").subtract(alreadyCredited)) > 0) {
      throw ApiError.badRequest(
          "The credit memo would refund "
              + Wire.decimal(total)
              + "; it must be above 0 and at most "
              + Wire.decimal(Wire.amount(invoice, "amount_paid").subtract(alreadyCredited))
              + ", what is left of the invoice's payment.");
    }
    var returnToStock = Wire.flag(body, "return_to_stock");
    for (var line : lines) {
      var item = line.getKey();
      item.put(
          "qty_refunded", Wire.decimal(Wire.amount(item, "qty_refunded").add(line.getValue())));
      if (returnToStock) {
        // zoey.md §2.8: Return to Stock (stock is decreased when the order is placed).
        returnToStock(item, line.getValue());
      }
    }
    var memo = Wire.object();
    memo.put("increment_id", nextIncrement("creditmemo"));
    memo.put("order_id", order.path("entity_id").asString());
    memo.put("order_increment_id", order.path("increment_id").asString());
    memo.put("invoice_id", invoice.path("entity_id").asString());
    memo.set("items", items);
    memo.put("subtotal", Wire.decimal(subtotal));
    memo.put("shipping_amount", Wire.decimal(shipping));
    memo.put("adjustment_positive", Wire.decimal(positive));
    memo.put("adjustment_negative", Wire.decimal(negative));
    memo.put("grand_total", Wire.decimal(total));
    memo.put("refund_type", refundType);
    memo.put("return_to_stock", Wire.flag(returnToStock));
    var created = creditMemos.insert(memo, now.get());
    recompute(order);
    return created;
  }

  void clear() {
    for (var table : List.of(orders, invoices, payments, refunds, shipments, creditMemos)) {
      table.clear();
    }
    increments.clear();
    lastItemId = 0;
    lastTrackId = 0;
  }

  // ---- derived totals and states

  /**
   * zoey.md §2.5: Pending until paid or shipped, then Processing; Complete when shipped and paid in
   * full; Closed once everything is refunded (M1 order states, §5.2). Cancelled stays cancelled.
   */
  private void recompute(ObjectNode order) {
    var live =
        invoicesOf(order).stream().filter(i -> !i.path("state").asString().equals("void")).toList();
    var paid =
        live.stream()
            .map(i -> Wire.amount(i, "amount_paid"))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    var orderId = order.path("entity_id").asString();
    for (var payment : payments.rows()) {
      if (payment.path("order_id").asString("").equals(orderId)
          && payment.path("state").asString().equals("captured")) {
        paid = paid.add(unapplied(payment));
      }
    }
    var memos =
        creditMemos.rows().stream()
            .filter(m -> m.path("order_id").asString().equals(orderId))
            .toList();
    var credited =
        memos.stream()
            .map(m -> Wire.amount(m, "grand_total"))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    var refunded = credited;
    for (var refund : refunds.rows()) {
      for (var application : refund.get("applications")) {
        if (invoices
            .get(application.path("invoice_id").asString())
            .path("order_id")
            .asString()
            .equals(orderId)) {
          refunded = refunded.add(Wire.amount(application, "amount"));
        }
      }
    }
    var grandTotal = Wire.amount(order, "grand_total");
    order.put(
        "total_invoiced",
        Wire.decimal(
            live.stream()
                .map(i -> Wire.amount(i, "grand_total"))
                .reduce(BigDecimal.ZERO, BigDecimal::add)));
    order.put("total_paid", Wire.decimal(paid));
    order.put("total_refunded", Wire.decimal(refunded));
    order.put("total_due", Wire.decimal(grandTotal.subtract(paid).max(BigDecimal.ZERO)));
    var state = order.path("state").asString();
    if (!state.equals("canceled")) {
      var allShipped = true;
      var allRefunded = true;
      var anyShipped = false;
      for (var item : order.get("order_items")) {
        var due = Wire.amount(item, "qty_ordered").subtract(Wire.amount(item, "qty_canceled"));
        allShipped &= Wire.amount(item, "qty_shipped").compareTo(due) >= 0;
        allRefunded &= Wire.amount(item, "qty_refunded").compareTo(due) >= 0;
        anyShipped |= Wire.amount(item, "qty_shipped").signum() > 0;
      }
      String next;
      if (allRefunded && !memos.isEmpty()) {
        next = "closed";
      } else if (allShipped && paid.compareTo(grandTotal) >= 0) {
        next = "complete";
      } else if (paid.signum() > 0 || anyShipped) {
        next = "processing";
      } else {
        next = "new";
      }
      order.put("state", next);
      // zoey.md §2.5: a new order's status is Pending.
      order.put("status", next.equals("new") ? "pending" : next);
    }
    orders.touch(order, now.get());
  }

  private void apply(ObjectNode payment, ObjectNode invoice, BigDecimal amount) {
    ((ArrayNode) payment.get("applications"))
        .add(
            Wire.object()
                .put("invoice_id", invoice.path("entity_id").asString())
                .put("amount", Wire.decimal(amount)));
    payments.touch(payment, now.get());
    var paid = Wire.amount(invoice, "amount_paid").add(amount);
    invoice.put("amount_paid", Wire.decimal(paid));
    invoice.put("amount_due", Wire.decimal(Wire.amount(invoice, "grand_total").subtract(paid)));
    if (Wire.amount(invoice, "amount_due").signum() == 0) {
      invoice.put("state", "paid");
    }
    invoices.touch(invoice, now.get());
  }

  /** Money leaves an invoice (a refund, a void): a paid invoice re-opens (zoey.md §2.6). */
  private void takeBack(ObjectNode invoice, BigDecimal amount) {
    var paid = Wire.amount(invoice, "amount_paid").subtract(amount);
    invoice.put("amount_paid", Wire.decimal(paid));
    invoice.put("amount_due", Wire.decimal(Wire.amount(invoice, "grand_total").subtract(paid)));
    if (invoice.path("state").asString().equals("paid")
        && Wire.amount(invoice, "amount_due").signum() > 0) {
      invoice.put("state", "open");
    }
    invoices.touch(invoice, now.get());
  }

  private BigDecimal unapplied(ObjectNode payment) {
    var applied =
        Wire.elements(payment.get("applications")).stream()
            .map(a -> Wire.amount(a, "amount"))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    var refundedOnInvoices =
        refunds.rows().stream()
            .filter(
                r -> r.path("payment_id").asString().equals(payment.path("entity_id").asString()))
            .flatMap(r -> Wire.elements(r.get("applications")).stream())
            .map(a -> Wire.amount(a, "amount"))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    var refundedUnapplied = Wire.amount(payment, "amount_refunded").subtract(refundedOnInvoices);
    return Wire.amount(payment, "amount")
        .subtract(applied)
        .subtract(refundedUnapplied)
        .max(BigDecimal.ZERO);
  }

  private BigDecimal refundedFrom(ObjectNode payment, ObjectNode invoice) {
    return refunds.rows().stream()
        .filter(r -> r.path("payment_id").asString().equals(payment.path("entity_id").asString()))
        .flatMap(r -> Wire.elements(r.get("applications")).stream())
        .filter(a -> a.path("invoice_id").asString().equals(invoice.path("entity_id").asString()))
        .map(a -> Wire.amount(a, "amount"))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private ObjectNode insertOrder(ObjectNode order, String incrementId) {
    order.put("increment_id", incrementId);
    order.put("state", "new");
    order.put("status", "pending");
    // zoey.md §5.2: order currency codes; the demo store sells in US dollars.
    order.put("order_currency_code", "USD");
    order.put("base_currency_code", "USD");
    var subtotal =
        Wire.elements(order.get("order_items")).stream()
            .map(i -> Wire.amount(i, "row_total"))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    order.put("subtotal", Wire.decimal(subtotal));
    order.put("discount_amount", Wire.decimal(BigDecimal.ZERO));
    order.put("tax_amount", Wire.decimal(BigDecimal.ZERO));
    order.put("grand_total", Wire.decimal(subtotal.add(Wire.amount(order, "shipping_amount"))));
    order.putNull("coupon_code");
    for (var field :
        List.of(
            "original_increment_id",
            "relation_parent_id",
            "relation_parent_real_id",
            "relation_child_id",
            "relation_child_real_id",
            "edit_increment")) {
      if (!order.has(field)) {
        order.putNull(field);
      }
    }
    order.set("order_comments", Wire.array());
    var created = orders.insert(order, now.get());
    recompute(created);
    return created;
  }

  private ArrayNode orderItems(JsonNode requested, Optional<ObjectNode> account, String group) {
    if (!requested.isArray() || requested.isEmpty()) {
      throw ApiError.emptyValue("items");
    }
    var items = Wire.array();
    var wantedBySku = new HashMap<String, BigDecimal>();
    for (var entry : Wire.elements(requested)) {
      var sku = Wire.text(entry, "sku");
      var product =
          catalog
              .bySku(sku)
              .orElseThrow(() -> ApiError.badRequest("No product has SKU \"" + sku + "\"."));
      if (!product.path("type_id").asString().equals("simple")
          || product.path("status").asString().equals("2")) {
        throw ApiError.badRequest(
            "Product \""
                + sku
                + "\" cannot be ordered: choose an enabled simple product (a variation).");
      }
      var qty = Wire.number(entry, "qty");
      if (qty.signum() <= 0) {
        throw ApiError.badRequest(
            "Invalid value for \"qty\" of \"" + sku + "\": it must be above 0.");
      }
      var stock = catalog.stockOf(product);
      var wanted = wantedBySku.merge(sku, qty, BigDecimal::add);
      if (stock.path("manage_stock").asString().equals("1")
          && stock.path("backorders").asString().equals("0")
          && Wire.amount(stock, "qty").compareTo(wanted) < 0) {
        // Magento 1's message when stock is short.
        throw ApiError.badRequest("The requested quantity for \"" + sku + "\" is not available.");
      }
      var price = catalog.priceFor(product, account, group);
      var item = Wire.object();
      item.put("item_id", String.valueOf(++lastItemId));
      item.put("product_id", product.path("entity_id").asString());
      item.put("product_type", "simple");
      item.put("sku", sku);
      item.put("name", product.path("name").asString());
      item.put("price", Wire.decimal(price));
      item.put("qty_ordered", Wire.decimal(qty));
      for (var field : List.of("qty_invoiced", "qty_shipped", "qty_refunded", "qty_canceled")) {
        item.put(field, Wire.decimal(BigDecimal.ZERO));
      }
      item.put("row_total", Wire.decimal(price.multiply(qty)));
      items.add(item);
    }
    // Stock is decreased when the order is placed (zoey.md §2.8), once every line is accepted.
    for (var item : items) {
      takeFromStock((ObjectNode) item, Wire.amount(item, "qty_ordered"));
    }
    return items;
  }

  private static ArrayNode asRequest(Map<ObjectNode, BigDecimal> quantities) {
    var requested = Wire.array();
    quantities.forEach((item, qty) ->
        requested.add(
            Wire.object().put("sku", item.path("sku").asString()).put("qty", qty.toPlainString())));
    return requested;
  }

  private ArrayNode orderAddresses(JsonNode body, Optional<ObjectNode> account) {
    var addresses = Wire.array();
    for (var type : List.of("billing", "shipping")) {
      var given = body.path(type + "_address");
      JsonNode source;
      if (given.isObject()) {
        source = given;
      } else if (account.isPresent()) {
        source =
            defaultAddress(account.get(), type)
                .orElseThrow(() -> ApiError.emptyValue(type + "_address"));
      } else {
        throw ApiError.emptyValue(type + "_address");
      }
      var address = Wire.object();
      address.put("address_type", type);
      for (var field :
          List.of(
              "firstname",
              "lastname",
              "company",
              "city",
              "region",
              "postcode",
              "country_id",
              "telephone")) {
        var value = Wire.textOr(source, field, "");
        if (value.isEmpty()) {
          address.putNull(field);
        } else {
          address.put(field, value);
        }
      }
      address.set(
          "street",
          source.path("street").isArray()
              ? source.get("street").deepCopy()
              : Wire.array().add(Wire.text(source, "street")));
      for (var required : List.of("city", "postcode", "country_id")) {
        if (address.path(required).isNull()) {
          throw ApiError.emptyValue(type + "_address." + required);
        }
      }
      addresses.add(address);
    }
    return addresses;
  }

  private static Optional<JsonNode> defaultAddress(ObjectNode account, String type) {
    if (type.equals("billing")) {
      return account.get("bill_to_addresses").valueStream().findFirst();
    }
    return account
        .get("locations")
        .valueStream()
        .flatMap(l -> l.get("addresses").valueStream())
        .findFirst();
  }

  /**
   * The quantities a request names per order item, or every item's remainder when it names none;
   * zoey.md §2.6: each unit can be invoiced once (and shipped once).
   */
  private Map<ObjectNode, BigDecimal> quantities(
      JsonNode body, ObjectNode order, String doneField, String verb) {
    var result = new LinkedHashMap<ObjectNode, BigDecimal>();
    var requested = body.path("items");
    if (requested.isArray()) {
      for (var entry : Wire.elements(requested)) {
        var item = orderItem(order, Wire.text(entry, "order_item_id"));
        var qty = Wire.number(entry, "qty");
        var left = remaining(item, doneField);
        if (qty.signum() <= 0 || qty.compareTo(left) > 0) {
          throw ApiError.badRequest(
              "Item "
                  + item.path("sku").asString()
                  + " of order "
                  + order.path("increment_id").asString()
                  + " has "
                  + Wire.decimal(left)
                  + " left to "
                  + verb
                  + "; "
                  + Wire.decimal(qty)
                  + " cannot be done.");
        }
        result.merge(item, qty, BigDecimal::add);
      }
    } else {
      for (var item : order.get("order_items")) {
        var left = remaining((ObjectNode) item, doneField);
        if (left.signum() > 0) {
          result.put((ObjectNode) item, left);
        }
      }
    }
    return result;
  }

  private static BigDecimal remaining(ObjectNode item, String doneField) {
    return Wire.amount(item, "qty_ordered")
        .subtract(Wire.amount(item, "qty_canceled"))
        .subtract(Wire.amount(item, doneField));
  }

  private static BigDecimal requestedQty(JsonNode requested, String itemId) {
    return Wire.elements(requested).stream()
        .filter(e -> e.path("order_item_id").asString().equals(itemId))
        .map(e -> Wire.number(e, "qty"))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static ObjectNode orderItem(ObjectNode order, String itemId) {
    for (var item : order.get("order_items")) {
      if (item.path("item_id").asString().equals(itemId)) {
        return (ObjectNode) item;
      }
    }
    throw ApiError.badRequest(
        "Order " + order.path("increment_id").asString() + " has no item " + itemId + ".");
  }

  private ObjectNode track(JsonNode body) {
    var carrier = Wire.text(body, "carrier_code");
    if (!CARRIERS.contains(carrier)) {
      // zoey.md §5.4: the M1 fault for an unknown carrier.
      throw ApiError.badRequest("Invalid carrier specified.");
    }
    var track = Wire.object();
    track.put("track_id", String.valueOf(++lastTrackId));
    track.put("carrier_code", carrier);
    track.put("title", Wire.textOr(body, "title", carrier.toUpperCase(Locale.ROOT)));
    track.put("number", Wire.text(body, "number"));
    return track;
  }

  private void sendTracking(ObjectNode order, ObjectNode shipment) {
    var numbers =
        shipment.get("tracks").valueStream().map(t -> t.path("number").asString()).toList();
    outbox.send(
        now.get(),
        "shipment",
        order.path("customer_email").asString(),
        "Order "
            + order.path("increment_id").asString()
            + " has shipped"
            + (numbers.isEmpty() ? "" : ": tracking " + String.join(", ", numbers)),
        shipment.path("entity_id").asString());
  }

  private void returnToStock(ObjectNode item, BigDecimal qty) {
    catalog
        .products
        .find(item.path("product_id").asString())
        .ifPresent(product -> {
          var stock = catalog.stockOf(product);
          stock.put("qty", Wire.decimal(Wire.amount(stock, "qty").add(qty)));
          stock.put("is_in_stock", Wire.flag(Wire.amount(stock, "qty").signum() > 0));
        });
  }

  private void takeFromStock(ObjectNode item, BigDecimal qty) {
    returnToStock(item, qty.negate());
  }

  private void comment(ObjectNode order, String text) {
    ((ArrayNode) order.get("order_comments"))
        .add(
            Wire.object()
                .put("comment", text)
                .put("is_customer_notified", "0")
                .put("created_at", Wire.time(now.get())));
  }

  private List<ObjectNode> invoicesOf(ObjectNode order) {
    var id = order.path("entity_id").asString();
    return invoices.rows().stream().filter(i -> i.path("order_id").asString().equals(id)).toList();
  }

  private List<ObjectNode> shipmentsOf(ObjectNode order) {
    var id = order.path("entity_id").asString();
    return shipments.rows().stream().filter(s -> s.path("order_id").asString().equals(id)).toList();
  }

  /** zoey.md §2.5: Magento increment ids such as 100000104, one sequence per document type. */
  private String nextIncrement(String type) {
    return String.valueOf(100_000_000L + increments.merge(type, 1L, Long::sum));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    var all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }
}
