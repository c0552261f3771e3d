package dev.syncline.sandbox.joor;

import dev.syncline.sandbox.joor.Connections.Connection;
import dev.syncline.sandbox.joor.Connections.Status;
import java.time.Instant;

/** Creating and updating connections, for the single and the bulk endpoints alike. */
final class ConnectionWrites {

  private ConnectionWrites() {}

  /**
   * A new customer code waits for JOOR's data team to match it to a retailer (joor.md §2.1); a code
   * already in the account is the duplicate customer code error.
   */
  static Connection create(Account account, ConnectionJson.Parsed parsed, Instant at) {
    account
        .connections
        .byCode(parsed.code())
        .ifPresent(taken -> {
          throw JoorError.conflict(
              "Duplicate customer code: "
                  + parsed.code()
                  + " is already used by connection "
                  + taken.id()
                  + " in account "
                  + account.id);
        });
    var connection =
        new Connection(
            account.ids.connection(),
            parsed.code(),
            parsed.details(),
            Status.PENDING,
            "",
            at,
            at,
            at.plus(account.matchDelay));
    account.connections.put(connection);
    return connection;
  }

  /** Replaces all of the brand's data; JOOR's match and ids stay (joor.md §2.1, bulk). */
  static Connection update(
      Account account, Connection existing, ConnectionJson.Parsed parsed, Instant at) {
    var updated =
        new Connection(
            existing.id(),
            existing.code(),
            parsed.details(),
            existing.status(),
            existing.retailerId(),
            existing.created(),
            at,
            existing.matchAt());
    account.connections.put(updated);
    return updated;
  }
}
