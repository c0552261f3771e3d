package dev.syncline.joor.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the brand tells JOOR about a customer: a connection keyed by the customer code, unique in
 * the account (joor.md §2.1). Writing it replaces all of it. The price type, payment method and
 * warehouses must already exist in the JOOR account.
 *
 * @param customerCode the brand's own id of the customer, at most 50 characters; Syncline uses the
 *     NetSuite internal id
 * @param name as the customer is to be displayed (at most 100 characters)
 */
public record ConnectionData(
    String customerCode,
    String name,
    Optional<String> contactName,
    Optional<String> contactEmail,
    Optional<String> buyerName,
    PriceTypeRef priceType,
    Optional<String> paymentMethodCode,
    Optional<String> customerGroupCode,
    Optional<String> salesRepCode,
    List<String> warehouseCodes,
    List<Address> billingAddresses,
    List<Address> shippingAddresses) {

  public ConnectionData {
    if (customerCode == null || customerCode.isBlank()) {
      throw new IllegalArgumentException("A JOOR connection needs a customer code");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("JOOR connection " + customerCode + " needs a name");
    }
    Objects.requireNonNull(priceType, "priceType");
    warehouseCodes = List.copyOf(warehouseCodes);
    billingAddresses = List.copyOf(billingAddresses);
    shippingAddresses = List.copyOf(shippingAddresses);
  }
}
