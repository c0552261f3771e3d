package dev.syncline.zoey.client;

/**
 * What became of one item of a multi-update (zoey.md §5.2: Zoey answers 207 with a success or an
 * error per item).
 */
public sealed interface ZoeyItemOutcome {

  /** The item's key as sent: a stock item id, a SKU. */
  String item();

  record Updated(String item) implements ZoeyItemOutcome {}

  /** Zoey refused this item, with its own status and message; the others were applied. */
  record Rejected(String item, int status, String message) implements ZoeyItemOutcome {}
}
