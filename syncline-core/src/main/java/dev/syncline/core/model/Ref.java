package dev.syncline.core.model;

import java.util.Optional;

/**
 * A reference to a record in the source system, as its internal id and, when known, its display
 * name (a NetSuite term "1" named "Net 30"). Mappings usually translate by name, which people
 * recognise.
 */
public record Ref(String id, Optional<String> name) {

  public static Ref of(String id, String name) {
    return new Ref(id, Optional.ofNullable(name));
  }

  /** The name when there is one, else the id. */
  public String display() {
    return name.orElse(id);
  }
}
