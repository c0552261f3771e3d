package dev.syncline.core.port;

import dev.syncline.core.model.RecordType;

/**
 * A record another record needs linked first (DESIGN.md section 1): the customer of an order, its
 * items, the invoice a payment applies to.
 *
 * @param type the referenced record's type
 * @param id its id in the instance the referring record was read from
 * @param description how a person recognises it: {@code customer 1234 (Acme)}
 * @param follows whether the referring record goes where this one goes (a contact with its
 *     customer): while the flow that carries this one leaves it out, the referring record waits for
 *     it, saying so, and never goes to the failed record queue for it; false for a record that must
 *     not be dropped with it (an order)
 */
public record Reference(RecordType type, String id, String description, boolean follows) {

  /** A reference the referring record does not follow: past the deadline, it fails. */
  public Reference(RecordType type, String id, String description) {
    this(type, id, description, false);
  }
}
