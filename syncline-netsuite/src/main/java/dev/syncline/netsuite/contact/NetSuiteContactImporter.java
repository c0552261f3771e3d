package dev.syncline.netsuite.contact;

import dev.syncline.core.model.Contact;
import dev.syncline.core.model.RecordType;
import dev.syncline.core.model.Ref;
import dev.syncline.core.port.Change;
import dev.syncline.core.port.RecordImporter;
import dev.syncline.core.port.Reference;
import dev.syncline.core.port.SourceRecord;
import dev.syncline.core.port.Watermark;
import dev.syncline.netsuite.client.NetSuiteClient;
import dev.syncline.netsuite.client.SuiteQlKeyset;
import dev.syncline.netsuite.client.SuiteQlReads;
import dev.syncline.netsuite.client.SuiteQlRow;
import dev.syncline.netsuite.client.SuiteQlTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads contacts from one NetSuite account, all with SuiteQL: changes in keyset order of
 * (lastmodifieddate, id), as customers are read (netsuite-api.md §4, §7), and records a thousand to
 * a query with the name of the customer each works for. A contact refers to its customer ({@code
 * company}): it is synced once that customer is linked.
 */
public final class NetSuiteContactImporter implements RecordImporter<Contact> {

  private static final SuiteQlKeyset CHANGES =
      SuiteQlKeyset.changed("contact", "id", Optional.empty());
  private static final int LARGEST_PAGE = SuiteQlReads.LARGEST_PAGE;

  private final NetSuiteClient client;
  private final SuiteQlTime times;

  /**
   * @param zone the time zone the account shows SuiteQL times in (its preference)
   */
  public NetSuiteContactImporter(NetSuiteClient client, ZoneId zone) {
    this.client = client;
    this.times = new SuiteQlTime(zone);
  }

  @Override
  public Optional<String> invalidId(String id) {
    return SuiteQlReads.invalidId(id, "contact");
  }

  @Override
  public String notFound(String id) {
    return "NetSuite has no contact with id "
        + id
        + " (deleted, or a typo?). The id is the number after id= in the contact's URL in NetSuite";
  }

  @Override
  public List<Change> changesAfter(Watermark after, int limit) {
    return SuiteQlReads.changesAfter(client, CHANGES, times, after, limit);
  }

  /** One SuiteQL query per 1,000 ids; a contact it does not return no longer exists. */
  @Override
  public Map<String, SourceRecord<Contact>> load(Collection<String> ids) {
    var found = new LinkedHashMap<String, SourceRecord<Contact>>();
    var list = List.copyOf(SuiteQlReads.checked(ids));
    var rows = new LinkedHashMap<String, SuiteQlRow>();
    for (var from = 0; from < list.size(); from += LARGEST_PAGE) {
      var chunk = list.subList(from, Math.min(list.size(), from + LARGEST_PAGE));
      var query =
          "SELECT c.*, BUILTIN.DF(c.company) AS company_name, "
              + SuiteQlTime.shown("c.lastmodifieddate")
              + " AS modified FROM contact c WHERE c.id IN ("
              + String.join(", ", chunk)
              + ")";
      client.suiteQl(query, LARGEST_PAGE, 0).rows().forEach(r -> rows.put(r.require("id"), r));
    }
    // In the order asked for.
    for (var id : list) {
      var row = rows.get(id);
      if (row != null) {
        found.put(id, new SourceRecord<>(id, times.parse(row.require("modified")), contact(row)));
      }
    }
    return found;
  }

  /** A contact as SuiteQL shows it: custom fields as text, 'T' or 'F', or a list value's id. */
  static Contact contact(SuiteQlRow row) {
    var custom = new LinkedHashMap<String, Object>();
    row.values()
        .forEach((column, value) -> {
          if (column.startsWith("custentity_")) {
            custom.put(column, value);
          }
        });
    return new Contact(
        row.get("firstname").orElse("").strip(),
        row.get("lastname").orElse("").strip(),
        present(row.get("email")),
        present(row.get("phone")),
        present(row.get("title")),
        row.get("company").map(id -> new Ref(id, present(row.get("company_name")))),
        row.get("isinactive").map("T"::equals).orElse(false),
        custom);
  }

  private static Optional<String> present(Optional<String> value) {
    return value.map(String::strip).filter(v -> !v.isEmpty());
  }

  /**
   * A contact is synced once the customer it works for is linked, and waits, with no failure, while
   * the customer's flow leaves the customer out.
   */
  @Override
  public List<Reference> references(Contact contact) {
    return contact.company().stream()
        .map(c ->
            new Reference(
                RecordType.CUSTOMER,
                c.id(),
                "customer " + c.id() + c.name().map(n -> " (" + n + ")").orElse(""),
                // A contact goes to a store with its customer, or not at all.
                true))
        .toList();
  }

  @Override
  public Map<String, RecordType> referenceFields() {
    return Map.of("company", RecordType.CUSTOMER);
  }

  @Override
  public Optional<String> leftFlow(Contact contact) {
    if (contact.inactive()) {
      return Optional.of("is inactive in NetSuite");
    }
    return contact.company().isEmpty()
        ? Optional.of("works for no customer in NetSuite (its Company is empty)")
        : Optional.empty();
  }

  @Override
  public String probe() {
    return client.probe();
  }

  @Override
  public Optional<String> name(Contact contact) {
    return Optional.of(contact.fullName());
  }

  @Override
  public String describe(String id, Optional<Contact> record) {
    return Contact.described("Contact", id, record);
  }

  @Override
  public Optional<String> fixHint(String field) {
    return Optional.ofNullable(
        switch (field) {
          case "email" -> "Set the email on the contact in NetSuite";
          case "firstName", "lastName", "name" -> "Set the contact's name in NetSuite";
          case "company" -> "Set the contact's Company to its customer in NetSuite";
          default -> null;
        });
  }

  /** The ids of these contacts NetSuite still has, in one query per 1,000. */
  @Override
  public java.util.Set<String> existing(Collection<String> ids) {
    var list = List.copyOf(SuiteQlReads.checked(ids));
    var found = new java.util.HashSet<String>();
    for (var from = 0; from < list.size(); from += LARGEST_PAGE) {
      var chunk = list.subList(from, Math.min(list.size(), from + LARGEST_PAGE));
      client
          .suiteQl(
              "SELECT c.id FROM contact c WHERE c.id IN ("
                  + chunk.stream().collect(Collectors.joining(", "))
                  + ")",
              LARGEST_PAGE,
              0)
          .rows()
          .forEach(r -> found.add(r.require("id")));
    }
    return found;
  }
}
