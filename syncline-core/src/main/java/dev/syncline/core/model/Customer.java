package dev.syncline.core.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A customer (a buying company, or a person) in neutral form, whatever system it came from.
 *
 * @param name the name people know it by (a company name, or a person's full name)
 * @param terms payment terms ("Net 30")
 * @param priceLevel the price level the customer buys at ("Wholesale")
 * @param channels the sales channels the customer is enabled for ("JOOR", "Zoey"), as the source
 *     says
 * @param custom the source's custom fields, by their own names, for mappings to use
 */
public record Customer(
    String name,
    Optional<String> email,
    Optional<String> phone,
    boolean inactive,
    Optional<Ref> terms,
    Optional<Ref> priceLevel,
    Optional<Ref> currency,
    Optional<Ref> subsidiary,
    Optional<Ref> salesRep,
    Optional<BigDecimal> creditLimit,
    List<String> channels,
    List<Address> addresses,
    Map<String, Object> custom) {

  public Customer {
    channels = List.copyOf(channels);
    addresses = List.copyOf(addresses);
    custom = Map.copyOf(custom);
  }
}
