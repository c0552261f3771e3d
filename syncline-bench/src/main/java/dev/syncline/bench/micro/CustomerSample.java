package dev.syncline.bench.micro;

import dev.syncline.core.mapping.Mapping;
import dev.syncline.core.model.Address;
import dev.syncline.core.model.Customer;
import dev.syncline.core.model.Ref;
import dev.syncline.joor.customer.JoorCustomerMapper;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A customer as the engine holds one: canonical, two addresses, opted in to JOOR; and the customer
 * flow's mapping to JOOR, compiled as the flow compiles it.
 */
final class CustomerSample {

  private CustomerSample() {}

  static Customer customer() {
    return new Customer(
        "Harbor Outfitters 1234",
        Optional.of("buyer1234@harbor-outfitters.example"),
        Optional.of("+1 555 123 4567"),
        false,
        Optional.of(Ref.of("1", "Net 30")),
        Optional.of(Ref.of("2", "Wholesale")),
        Optional.of(Ref.of("1", "USD")),
        Optional.of(Ref.of("1", "Brand US")),
        Optional.empty(),
        Optional.of(new BigDecimal("25000.00")),
        List.of("JOOR"),
        List.of(address("Main", true, false), address("Warehouse 1", false, true)),
        Map.of());
  }

  private static Address address(String label, boolean billing, boolean shipping) {
    return new Address(
        Optional.of(label),
        Optional.of("Harbor Outfitters 1234"),
        Optional.empty(),
        Optional.of("4711 Market St"),
        Optional.empty(),
        Optional.of("Portland"),
        Optional.of("OR"),
        Optional.of("97205"),
        Optional.of("US"),
        Optional.empty(),
        billing,
        shipping);
  }

  /** The JOOR customer mapping with the value maps of the customer flow's configuration. */
  static Mapping mapping() {
    return Mapping.compile(
        JoorCustomerMapper.DEFAULT_MAPPING,
        Map.of(),
        Map.of(
            "paymentMethod",
            Map.of(
                "Net 30",
                "NET30",
                "Net 60",
                "NET60",
                "Due on Receipt",
                "DUE",
                "Prepaid",
                "PREPAID"),
            "priceType",
            Map.of(
                "Base Price USD", "USD-Retail",
                "Wholesale USD", "USD-Wholesale",
                "Distributor USD", "USD-Distributor")));
  }
}
