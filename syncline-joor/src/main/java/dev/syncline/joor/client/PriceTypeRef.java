package dev.syncline.joor.client;

/**
 * A price type as v2 names it: a currency and a price label, e.g. USD and Wholesale (joor.md §2.2).
 */
public record PriceTypeRef(String currency, String label) {
  public PriceTypeRef {
    if (currency == null || !currency.matches("[A-Z]{3}") || label == null || label.isBlank()) {
      throw new IllegalArgumentException(
          "A JOOR price type is a three-letter currency and a label, not "
              + currency
              + " / "
              + label);
    }
  }
}
