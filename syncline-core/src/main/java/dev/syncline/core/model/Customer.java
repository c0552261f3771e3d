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
 * @param individual whether the customer is a person rather than a company (NetSuite's Individual
 *     type), whom a store may name apart (zoey.md §3.3)
 * @param companyName the company name the source holds, when it holds one (an individual may too)
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
    Map<String, Object> custom,
    boolean individual,
    Optional<String> companyName) {

  public Customer {
    channels = List.copyOf(channels);
    addresses = List.copyOf(addresses);
    custom = Map.copyOf(custom);
  }

  /** A company customer. */
  public Customer(
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
    this(
        name,
        email,
        phone,
        inactive,
        terms,
        priceLevel,
        currency,
        subsidiary,
        salesRep,
        creditLimit,
        channels,
        addresses,
        custom,
        false,
        Optional.empty());
  }
}
