package dev.syncline.core.model;

import java.util.Map;
import java.util.Optional;

/**
 * A person of a customer, canonical: who signs in to a B2B store for the company (zoey.md §2.1:
 * Zoey's contacts, "the employees or contractors within the accounts"; a NetSuite contact attached
 * to its customer).
 *
 * @param company the customer the person works for, when attached to one
 * @param inactive whether the source no longer counts the person as current
 * @param custom custom fields, by their id in the source ({@code custentity_*})
 */
public record Contact(
    String firstName,
    String lastName,
    Optional<String> email,
    Optional<String> phone,
    Optional<String> title,
    Optional<Ref> company,
    boolean inactive,
    Map<String, Object> custom) {

  public Contact {
    custom = Map.copyOf(custom);
  }

  /**
   * How a person recognises a contact in messages: {@code Contact 77 (Zoë Ångström)}.
   *
   * @param label what the contact is where it was read: {@code "Contact"}, {@code "Zoey contact"}
   */
  public static String described(String label, String id, Optional<Contact> contact) {
    return label
        + " "
        + id
        + contact
            .map(Contact::fullName)
            .filter(n -> !n.isEmpty())
            .map(n -> " (" + n + ")")
            .orElse("");
  }

  /** First and last name, as a person reads them; the email when both are blank. */
  public String fullName() {
    var name = (firstName + " " + lastName).strip();
    return name.isEmpty() ? email.orElse("") : name;
  }
}
