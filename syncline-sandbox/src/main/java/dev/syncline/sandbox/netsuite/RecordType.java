package dev.syncline.sandbox.netsuite;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The record types the sandbox serves, with what NetSuite keeps per type: the family whose internal
 * ids they share, the SuiteQL type code and the prefix of generated document numbers.
 */
enum RecordType {
  CUSTOMER("customer", Family.ENTITY, "", ""),
  CONTACT("contact", Family.ENTITY, "", ""),
  TERM("term", Family.TERM, "", ""),
  PRICE_LEVEL("priceLevel", Family.PRICE_LEVEL, "", ""),
  CURRENCY("currency", Family.CURRENCY, "", ""),
  SUBSIDIARY("subsidiary", Family.SUBSIDIARY, "", ""),
  LOCATION("location", Family.LOCATION, "", ""),
  // netsuite-api.md §4: item.itemtype 'InvtPart'; 'Assembly' is NetSuite's code for assemblies.
  INVENTORY_ITEM("inventoryItem", Family.ITEM, "InvtPart", ""),
  ASSEMBLY_ITEM("assemblyItem", Family.ITEM, "Assembly", ""),
  // netsuite-api.md §4: transaction.type codes SalesOrd, CustInvc, CustCred, CustPymt; ItemShip and
  // CustRfnd are unconfirmed there, CustDep is NetSuite's code for customer deposits.
  SALES_ORDER("salesOrder", Family.TRANSACTION, "SalesOrd", "SO"),
  ITEM_FULFILLMENT("itemFulfillment", Family.TRANSACTION, "ItemShip", "IF"),
  INVOICE("invoice", Family.TRANSACTION, "CustInvc", "INV"),
  CUSTOMER_PAYMENT("customerPayment", Family.TRANSACTION, "CustPymt", "PYMT"),
  CUSTOMER_DEPOSIT("customerDeposit", Family.TRANSACTION, "CustDep", "DEP"),
  CREDIT_MEMO("creditMemo", Family.TRANSACTION, "CustCred", "CM"),
  CUSTOMER_REFUND("customerRefund", Family.TRANSACTION, "CustRfnd", "RFND");

  /** Record types whose internal ids come from one sequence, as NetSuite numbers them. */
  enum Family {
    ENTITY,
    ITEM,
    TRANSACTION,
    TERM,
    PRICE_LEVEL,
    CURRENCY,
    SUBSIDIARY,
    LOCATION
  }

  private final String restName;
  private final Family family;
  private final String typeCode;
  private final String numberPrefix;

  RecordType(String restName, Family family, String typeCode, String numberPrefix) {
    this.restName = restName;
    this.family = family;
    this.typeCode = typeCode;
    this.numberPrefix = numberPrefix;
  }

  /** The name in paths and in the schema, camelCase. */
  String restName() {
    return restName;
  }

  Family family() {
    return family;
  }

  String typeCode() {
    return typeCode;
  }

  String numberPrefix() {
    return numberPrefix;
  }

  boolean isTransaction() {
    return family == Family.TRANSACTION;
  }

  boolean isItem() {
    return family == Family.ITEM;
  }

  /** The prefix of this type's custom body fields. */
  String customFieldPrefix() {
    return switch (family) {
      case ENTITY -> "custentity";
      case ITEM -> "custitem";
      case TRANSACTION -> "custbody";
      default -> "custrecord_none";
    };
  }

  /**
   * A type named in a path. netsuite-api.md §3.3: paths appear both camelCase and lower case in
   * Oracle's docs, so the sandbox accepts either.
   */
  static Optional<RecordType> named(String name) {
    var lower = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(t -> t.restName.toLowerCase(Locale.ROOT).equals(lower))
        .findFirst();
  }

  /** The types a schema reference names: {@code kitItem} is the schema's name for any item. */
  static java.util.List<RecordType> referencedBy(String schemaType) {
    if (schemaType.equals("kitItem") || schemaType.equals("item")) {
      return java.util.List.of(INVENTORY_ITEM, ASSEMBLY_ITEM);
    }
    return named(schemaType).map(java.util.List::of).orElse(java.util.List.of());
  }
}
