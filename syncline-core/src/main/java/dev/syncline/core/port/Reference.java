package dev.syncline.core.port;

import dev.syncline.core.model.RecordType;

/**
 * A record another record needs linked first (DESIGN.md section 1): the customer of an order, its
 * items, the invoice a payment applies to.
 *
 * @param type the referenced record's type
 * @param id its id in the instance the referring record was read from
 * @param description how a person recognises it: {@code customer 1234 (Acme)}
 */
public record Reference(RecordType type, String id, String description) {}
