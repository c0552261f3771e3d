package dev.syncline.joor.client;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Connections on the v2 wire. The names are JOOR's (joor.md §2.1: connection-get and
 * bulk-connection); those of addresses, price type and payment method were cut off in research and
 * follow the order export's (joor.md §2.1 [I], §2.3).
 */
final class ConnectionCodec {

  private ConnectionCodec() {}

  static ObjectNode write(ConnectionData c, JsonMapper json) {
    var node = json.createObjectNode();
    node.put("customer_code", c.customerCode());
    node.put("customer_name", c.name());
    c.contactName().ifPresent(v -> node.put("customer_contact_name", v));
    c.contactEmail().ifPresent(v -> node.put("customer_contact_email", v));
    c.buyerName().ifPresent(v -> node.put("customer_buyer_name", v));
    node.put("price_currency", c.priceType().currency());
    node.put("price_label", c.priceType().label());
    c.paymentMethodCode().ifPresent(v -> node.put("payment_method_code", v));
    c.customerGroupCode().ifPresent(v -> node.put("customer_group_code", v));
    c.salesRepCode().ifPresent(v -> node.put("sales_rep_code", v));
    var warehouses = node.putObject("warehouses").putArray("warehouse");
    c.warehouseCodes().forEach(code -> warehouses.addObject().put("warehouse_code", code));
    addresses(node, "billing", c.billingAddresses());
    addresses(node, "shipping", c.shippingAddresses());
    return node;
  }

  private static void addresses(ObjectNode node, String role, List<Address> addresses) {
    var list = node.putObject(role).putObject(role + "_addresses").putArray(role + "_address");
    for (var a : addresses) {
      list.addObject()
          .put(role + "_code", a.code())
          .put(role + "_name", a.name())
          .put(role + "_address_1", a.line1())
          .put(role + "_address_2", a.line2())
          .put(role + "_city", a.city())
          .put(role + "_region", a.region())
          .put(role + "_postal_code", a.postalCode())
          .put(role + "_country", a.country())
          .put(role + "_phone", a.phone());
    }
  }

  /**
   * The connections of a v2 answer: {@code connections.connections.connection[]} (joor.md §2.1).
   */
  static List<Connection> readAll(JsonNode body, Wire wire) {
    return wire.list(body, "connections", "connections", "connection").stream()
        .map(n -> read(n, wire))
        .toList();
  }

  static Connection read(JsonNode n, Wire wire) {
    var code = wire.text(n, "customer_code", "a connection");
    var record = "connection " + code;
    var status = wire.text(n, "connection_status", record);
    ConnectionStatus parsed;
    try {
      parsed = ConnectionStatus.valueOf(status);
    } catch (IllegalArgumentException e) {
      throw wire.surprise(
          "has " + record + " in a state Syncline does not know: \"" + status + "\"");
    }
    var data =
        new ConnectionData(
            code,
            wire.text(n, "customer_name", record),
            wire.optional(n, "customer_contact_name"),
            wire.optional(n, "customer_contact_email"),
            wire.optional(n, "customer_buyer_name"),
            priceType(n, wire, record),
            wire.optional(n, "payment_method_code"),
            wire.optional(n, "customer_group_code"),
            wire.optional(n, "sales_rep_code"),
            wire.list(n, "warehouses", "warehouse").stream()
                .map(w -> wire.text(w, "warehouse_code", record + "'s warehouse"))
                .toList(),
            addresses(n, "billing", wire, record),
            addresses(n, "shipping", wire, record));
    return new Connection(
        wire.number(n, "customer_account_id", record),
        parsed,
        wire.optional(n, "retailer_id"),
        wire.timestamp(n, "date_created", record),
        wire.timestamp(n, "date_modified", record),
        data);
  }

  private static PriceTypeRef priceType(JsonNode n, Wire wire, String record) {
    var currency = wire.text(n, "price_currency", record);
    var label = wire.text(n, "price_label", record);
    try {
      return new PriceTypeRef(currency, label);
    } catch (IllegalArgumentException e) {
      throw wire.surprise("has " + record + " with price type " + currency + " / " + label);
    }
  }

  private static List<Address> addresses(JsonNode n, String role, Wire wire, String record) {
    return wire.list(n, role, role + "_addresses", role + "_address").stream()
        .map(a ->
            new Address(
                wire.text(a, role + "_code", record + "'s " + role + " address"),
                wire.optionalText(a, role + "_name"),
                wire.optionalText(a, role + "_address_1"),
                wire.optionalText(a, role + "_address_2"),
                wire.optionalText(a, role + "_city"),
                wire.optionalText(a, role + "_region"),
                wire.optionalText(a, role + "_postal_code"),
                wire.optionalText(a, role + "_country"),
                wire.optionalText(a, role + "_phone")))
        .toList();
  }

  /**
   * A bulk-connection job's state and per-record results (the shape is unconfirmed, joor.md §2.1).
   */
  record Job(String id, boolean complete, List<Result> results) {}

  record Result(String customerCode, Optional<UpsertedConnection> written, String comment) {}

  static Job readJob(JsonNode body, Wire wire) {
    var job = body.path("bulk_connection");
    var id = wire.text(job, "job_id", "a bulk-connection job");
    var status = wire.text(job, "status", "job " + id);
    var complete =
        switch (status) {
          case "COMPLETE" -> true;
          case "QUEUED", "PROCESSING" -> false;
          default ->
              throw wire.surprise(
                  "has job " + id + " in a state Syncline does not know: \"" + status + "\"");
        };
    var results =
        wire.list(job, "results", "result").stream()
            .map(r -> {
              var code = wire.optionalText(r, "customer_code");
              var record = "job " + id + "'s result for customer code " + code;
              if (!wire.optionalText(r, "status").equals("success")) {
                return new Result(code, Optional.empty(), wire.optionalText(r, "comment"));
              }
              var state = wire.text(r, "connection_status", record);
              ConnectionStatus connectionStatus;
              try {
                connectionStatus = ConnectionStatus.valueOf(state);
              } catch (IllegalArgumentException e) {
                throw wire.surprise(
                    "has " + record + " in a state Syncline does not know: \"" + state + "\"");
              }
              return new Result(
                  code,
                  Optional.of(
                      new UpsertedConnection(
                          wire.text(r, "customer_code", record),
                          wire.number(r, "customer_account_id", record),
                          connectionStatus,
                          wire.optionalText(r, "action").equals("created"))),
                  "");
            })
            .toList();
    return new Job(id, complete, results);
  }
}
