package dev.syncline.zoey.contact;

import static dev.syncline.zoey.client.ZoeyRecord.text;

import dev.syncline.core.model.Contact;
import dev.syncline.core.model.RecordType;
import dev.syncline.core.model.Ref;
import dev.syncline.core.port.Change;
import dev.syncline.core.port.RecordImporter;
import dev.syncline.core.port.Reference;
import dev.syncline.core.port.SourceRecord;
import dev.syncline.core.port.Watermark;
import dev.syncline.zoey.client.Ids;
import dev.syncline.zoey.client.ZoeyClient;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads Zoey's contacts (zoey.md §2.1: the people of an account who sign in) as canonical contacts,
 * for NetSuite: the changes from their {@code updated_at}, the records a page of 100 a call
 * (zoey.md §5.2). A contact refers to its account, and goes to NetSuite as a contact of the
 * account's customer once that is linked (zoey.md §3.3: "Zoey Customers will map to Contacts in
 * NetSuite").
 *
 * <p>An account's main contact is the email the customer flow keeps on the NetSuite customer
 * itself, so it is no NetSuite contact of its own unless one is linked to it already.
 */
public final class ZoeyContactImporter implements RecordImporter<Contact> {

  /** zoey.md §2.1: a contact has an email, first and last name and its account, nothing more. */
  static final Set<String> CARRIED = Set.of("firstName", "lastName", "email", "company");

  private final ZoeyClient client;

  public ZoeyContactImporter(ZoeyClient client) {
    this.client = client;
  }

  @Override
  public Optional<String> invalidId(String id) {
    return Ids.invalid(id, "a Zoey contact id is a number, like 31");
  }

  @Override
  public List<Change> changesAfter(Watermark after, int limit) {
    return client.contacts().changesAfter(after, limit);
  }

  /** One call per page of 100 ids (zoey.md §5.2). */
  @Override
  public Map<String, SourceRecord<Contact>> load(Collection<String> ids) {
    var wanted = ids.stream().distinct().toList();
    var loaded = new LinkedHashMap<String, SourceRecord<Contact>>();
    for (var contact : client.contacts().whereIn("entity_id", wanted)) {
      loaded.put(
          contact.id(),
          new SourceRecord<>(
              contact.id(), contact.updatedAt().orElseThrow(), toCanonical(contact.body())));
    }
    return loaded;
  }

  /** The role rides along as a custom value, {@code account_role}, for mappings and filters. */
  static Contact toCanonical(JsonNode c) {
    var account = text(c, "account_id");
    var custom = new LinkedHashMap<String, Object>();
    text(c, "account_role").ifPresent(r -> custom.put("account_role", r));
    return new Contact(
        text(c, "firstname").orElse(""),
        text(c, "lastname").orElse(""),
        text(c, "email"),
        Optional.empty(),
        Optional.empty(),
        account.map(id -> new Ref(id, Optional.empty())),
        false,
        custom);
  }

  @Override
  public Optional<Set<String>> carries() {
    return Optional.of(CARRIED);
  }

  @Override
  public Map<String, RecordType> referenceFields() {
    return Map.of("company", RecordType.CUSTOMER);
  }

  /** A contact goes to NetSuite once its account is linked to a customer, and with it. */
  @Override
  public List<Reference> references(Contact contact) {
    return contact.company().stream()
        .map(a -> new Reference(RecordType.CUSTOMER, a.id(), "Zoey account " + a.id(), true))
        .toList();
  }

  @Override
  public Optional<String> leftFlow(Contact contact) {
    return contact.company().isEmpty()
        ? Optional.of("belongs to no account in Zoey")
        : Optional.empty();
  }

  @Override
  public Optional<String> keptElsewhere(Contact contact) {
    return "main".equals(contact.custom().get("account_role"))
        ? Optional.of(
            "is the main contact of Zoey account "
                + contact.company().map(Ref::id).orElse("")
                + ", whose email the customer flow keeps on the NetSuite customer itself, so"
                + " Syncline makes no NetSuite contact of it")
        : Optional.empty();
  }

  @Override
  public String probe() {
    return client.probe();
  }

  @Override
  public String notFound(String id) {
    return "Zoey has no contact with id "
        + id
        + "; the id is on the customer's page in Zoey's admin (Customers > Manage Customers)";
  }

  @Override
  public Optional<String> name(Contact contact) {
    return Optional.of(contact.fullName());
  }

  @Override
  public String describe(String id, Optional<Contact> record) {
    return Contact.described("Zoey contact", id, record);
  }

  @Override
  public Optional<String> fixHint(String field) {
    return Optional.ofNullable(
        switch (field) {
          case "email" -> "Set the customer's email in Zoey (Customers > Manage Customers)";
          case "firstName", "lastName", "name" -> "Set the customer's name in Zoey";
          case "company" -> "Assign the customer to its account in Zoey";
          default -> null;
        });
  }
}
