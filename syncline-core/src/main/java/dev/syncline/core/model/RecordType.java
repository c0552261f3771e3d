package dev.syncline.core.model;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of record Syncline moves, named as people and the configuration name them. */
public enum RecordType {
  CUSTOMER("customer"),
  CONTACT("contact"),
  ITEM("item"),
  INVENTORY("inventory"),
  PRICE("price"),
  SALES_ORDER("salesOrder"),
  FULFILLMENT("fulfillment"),
  INVOICE("invoice"),
  PAYMENT("payment"),
  CREDIT_MEMO("creditMemo"),
  REFUND("refund");

  private final String key;

  RecordType(String key) {
    this.key = key;
  }

  /** The name in configuration, URLs and the database: {@code customer}, {@code salesOrder}. */
  public String key() {
    return key;
  }

  public static Optional<RecordType> ofKey(String key) {
    return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
  }

  @Override
  public String toString() {
    return key;
  }
}
