package dev.syncline.sandbox.joor;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An account's connections: its relationships with retailers, each keyed by the brand's customer
 * code, unique in the account (joor.md §2.1). A new code waits in {@link Status#PENDING} until
 * JOOR's data team matches it to a retailer.
 */
final class Connections {

  enum Status {
    PENDING,
    CONNECTED
  }

  /** A billing or shipping address; the id is JOOR's, the code the brand's (joor.md §2.1). */
  record Address(
      long id,
      String code,
      String name,
      String line1,
      String line2,
      String city,
      String region,
      String postalCode,
      String country,
      String phone) {}

  /** What the brand says about a customer; every write replaces all of it (joor.md §2.1). */
  record Details(
      String name,
      String alias,
      String contactName,
      String contactEmail,
      String buyerName,
      String companyNumberName,
      String companyNumberCode,
      String groupName,
      String groupCode,
      String salesRepCode,
      String priceCurrency,
      String priceLabel,
      String paymentMethodCode,
      List<String> warehouseCodes,
      List<Address> billing,
      List<Address> shipping) {}

  /**
   * @param retailerId the retailer JOOR matched, "" while pending
   * @param matchAt when JOOR's data team will have matched a pending connection
   */
  record Connection(
      long id,
      String code,
      Details details,
      Status status,
      String retailerId,
      Instant created,
      Instant modified,
      Instant matchAt) {}

  private final Map<Long, Connection> byId = new TreeMap<>();
  private final Map<String, Long> idByCode = new HashMap<>();

  Optional<Connection> byCode(String code) {
    return Optional.ofNullable(idByCode.get(code)).map(byId::get);
  }

  Optional<Connection> byId(long id) {
    return Optional.ofNullable(byId.get(id));
  }

  Optional<Connection> byRetailer(String retailerId) {
    return byId.values().stream()
        .filter(c -> c.status() == Status.CONNECTED && c.retailerId().equals(retailerId))
        .findFirst();
  }

  /** Every connection, by id. */
  List<Connection> all() {
    return List.copyOf(byId.values());
  }

  void put(Connection connection) {
    var existing = idByCode.get(connection.code());
    if (existing != null && existing != connection.id()) {
      throw new IllegalStateException("customer code " + connection.code() + " is taken");
    }
    byId.put(connection.id(), connection);
    idByCode.put(connection.code(), connection.id());
  }

  void remove(Connection connection) {
    byId.remove(connection.id());
    idByCode.remove(connection.code());
  }

  /** The earliest pending match due at or before {@code now}. */
  Optional<Connection> nextMatchDue(Instant now) {
    return byId.values().stream()
        .filter(c -> c.status() == Status.PENDING && !c.matchAt().isAfter(now))
        .min(java.util.Comparator.comparing(Connection::matchAt));
  }

  List<Connection> pending() {
    return byId.values().stream().filter(c -> c.status() == Status.PENDING).toList();
  }
}
