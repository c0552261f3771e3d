package dev.syncline.joor.client;

import java.util.Objects;

/**
 * A billing or shipping address of a connection, named by the brand's code (joor.md §2.1). Parts
 * JOOR has no value for are "", as JOOR sends them.
 */
public record Address(
    String code,
    String name,
    String line1,
    String line2,
    String city,
    String region,
    String postalCode,
    String country,
    String phone) {

  public Address {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(line1, "line1");
    Objects.requireNonNull(line2, "line2");
    Objects.requireNonNull(city, "city");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(postalCode, "postalCode");
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(phone, "phone");
    if (code.isBlank()) {
      throw new IllegalArgumentException("A JOOR address needs a code");
    }
  }
}
