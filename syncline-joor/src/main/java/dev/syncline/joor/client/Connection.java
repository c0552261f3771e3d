package dev.syncline.joor.client;

import java.time.Instant;
import java.util.Optional;

/**
 * A connection as JOOR holds it.
 *
 * @param id JOOR's connection id ({@code customer_account_id}, joor.md §2.1)
 * @param retailerId the retailer JOOR matched, once connected; v4 orders name it
 * @param modified when anything about it last changed, the match included
 */
public record Connection(
    long id,
    ConnectionStatus status,
    Optional<String> retailerId,
    Instant created,
    Instant modified,
    ConnectionData data) {

  public String customerCode() {
    return data.customerCode();
  }
}
