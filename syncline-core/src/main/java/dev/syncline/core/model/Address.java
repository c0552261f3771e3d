package dev.syncline.core.model;

import java.util.Optional;

/**
 * A postal address of a customer, with its roles. {@code label} is the name people give the address
 * ("Main Warehouse"); channels such as JOOR require it.
 */
public record Address(
    Optional<String> label,
    Optional<String> addressee,
    Optional<String> attention,
    Optional<String> line1,
    Optional<String> line2,
    Optional<String> city,
    Optional<String> state,
    Optional<String> zip,
    Optional<String> country,
    Optional<String> phone,
    boolean defaultBilling,
    boolean defaultShipping) {

  /** How a message names this address: by its label, else by its first line. */
  public String describe() {
    return label.or(() -> line1).map(s -> "'" + s + "'").orElse("(unlabelled)");
  }
}
