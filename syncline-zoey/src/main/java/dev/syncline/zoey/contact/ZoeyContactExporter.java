package dev.syncline.zoey.contact;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.SyncException;
import dev.syncline.core.model.Contact;
import dev.syncline.core.port.RecordExporter;
import dev.syncline.core.port.RemoteState;
import dev.syncline.core.port.TargetRecord;
import dev.syncline.core.port.Violation;
import dev.syncline.core.port.WriteRequest;
import dev.syncline.core.port.WriteResult;
import dev.syncline.zoey.client.ZoeyClient;
import dev.syncline.zoey.client.ZoeyRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Writes the people of NetSuite customers as contacts of their Zoey accounts (zoey.md §3.3: "Zoey
 * Customers will map to Contacts in NetSuite"). A contact belongs to the account its customer is
 * linked to, which the engine resolves through the customer links before the write; a contact whose
 * customer changes (NetSuite's merge moves the contacts to the customer that remains) moves to that
 * customer's account (zoey.md §3.3: "If the accounts are merged and the contacts are moved, they
 * will be moved in Zoey as well").
 *
 * <p>Zoey keeps one contact per email (zoey.md §2.1, §5), so the email is the create key: before a
 * create, the batch's emails are looked up in one call, and a contact found (the account's main
 * contact, made by the customer flow, or one an attempt whose answer was lost made) is updated
 * instead of made again, and sends no second invitation.
 */
public final class ZoeyContactExporter implements RecordExporter<Contact> {

  /** zoey.md §2.1: a contact is a Main Contact or an Additional Contact. */
  private static final List<String> ROLES = List.of("main", "additional");

  private final ZoeyClient client;

  public ZoeyContactExporter(ZoeyClient client) {
    this.client = client;
  }

  /**
   * The contact's sign-in email and names, and the account of the customer it works for; {@code
   * role} ({@code main} or {@code additional}) and {@code sendInvite} are left out unless the flow
   * maps them: a new contact is an Additional Contact, and a contact found keeps its role.
   */
  @Override
  public Map<String, String> defaultMapping() {
    var m = new LinkedHashMap<String, String>();
    m.put("email", "email");
    m.put("firstname", "firstName");
    m.put("lastname", "lastName");
    m.put("accountId", "$link('customer', company.id)");
    m.put("role", "");
    m.put("sendInvite", "");
    return m;
  }

  /** A contact signs in with its email, and Magento requires both names of a customer (§5.2). */
  @Override
  public List<Violation> validate(Contact c) {
    var violations = new ArrayList<Violation>();
    if (c.email().isEmpty()) {
      violations.add(new Violation("email", "Missing email (a Zoey contact signs in with it)"));
    }
    if (c.firstName().isBlank()) {
      violations.add(new Violation("firstName", "Missing first name"));
    }
    if (c.lastName().isBlank()) {
      violations.add(new Violation("lastName", "Missing last name"));
    }
    return violations;
  }

  @Override
  public Optional<String> createKeyField() {
    return Optional.of("email");
  }

  /** What one request writes, read from its mapped fields. */
  private record Person(
      String email,
      String firstname,
      String lastname,
      String accountId,
      Optional<String> role,
      boolean sendInvite) {

    static Person of(TargetRecord payload) {
      var email = payload.text("email").map(String::strip).orElse("");
      var account = payload.text("accountId").orElse("");
      if (email.isEmpty() || account.isEmpty()) {
        throw new PermanentSyncException(
            "zoey",
            "the mapping gave no "
                + (email.isEmpty() ? "email" : "accountId")
                + ", which Zoey requires of a contact. Map it in the flow's mapping (by default"
                + " email is the contact's email and accountId the account of its customer).");
      }
      var role = payload.text("role").map(r -> r.strip().toLowerCase(Locale.ROOT));
      if (role.isPresent() && !ROLES.contains(role.get())) {
        throw new PermanentSyncException(
            "zoey",
            "the mapping gave the role '"
                + role.get()
                + "', which Zoey does not have: map role to 'main' (Main Contact) or"
                + " 'additional' (Additional Contact).");
      }
      return new Person(
          email,
          payload.text("firstname").orElse(""),
          payload.text("lastname").orElse(""),
          account,
          role,
          payload.flag("sendInvite"));
    }
  }

  @Override
  public List<WriteResult> write(List<WriteRequest> batch) {
    var results = new ArrayList<WriteResult>();
    var people = new ArrayList<Map.Entry<WriteRequest, Person>>();
    for (var request : batch) {
      try {
        people.add(Map.entry(request, Person.of(request.payload())));
      } catch (SyncException e) {
        results.add(new WriteResult.NotWritten(request.sourceId(), e));
      }
    }
    if (people.isEmpty()) {
      return results;
    }
    Map<String, ZoeyRecord> byEmail = new HashMap<>();
    Map<String, ZoeyRecord> byId = new HashMap<>();
    try {
      // Two calls for the batch: its emails, and the contacts its updates change.
      client
          .contacts()
          .whereIn(
              "email",
              // As written, and in lower case, as the customer flow writes main contacts.
              people.stream()
                  .flatMap(p ->
                      java.util.stream.Stream.of(p.getValue().email(), lower(p.getValue().email())))
                  .distinct()
                  .toList())
          .forEach(c -> byEmail.put(lower(c.body().path("email").asString("")), c));
      var ids = people.stream().flatMap(p -> p.getKey().targetId().stream()).distinct().toList();
      client.contacts().whereIn("entity_id", ids).forEach(c -> byId.put(c.id(), c));
    } catch (SyncException e) {
      people.forEach(p -> results.add(new WriteResult.NotWritten(p.getKey().sourceId(), e)));
      return results;
    }
    for (var entry : people) {
      var request = entry.getKey();
      try {
        results.add(writeOne(request, entry.getValue(), byEmail, byId));
      } catch (SyncException e) {
        results.add(new WriteResult.NotWritten(request.sourceId(), e));
      }
    }
    return results;
  }

  private WriteResult writeOne(
      WriteRequest request,
      Person person,
      Map<String, ZoeyRecord> byEmail,
      Map<String, ZoeyRecord> byId) {
    var holder = Optional.ofNullable(byEmail.get(lower(person.email())));
    if (request.targetId().isPresent()) {
      var id = request.targetId().get();
      var current = byId.get(id);
      if (current == null) {
        throw new PermanentSyncException(
            "zoey",
            "Zoey contact "
                + id
                + ", which this contact was synced to, no longer exists. If it was deleted on"
                + " purpose, remove the contact from the flow in NetSuite; otherwise restore it"
                + " in Zoey.");
      }
      holder
          .filter(h -> !h.id().equals(id))
          .ifPresent(h -> {
            throw taken(person, h);
          });
      update(current, person);
      return written(request, id, false);
    }
    if (holder.isEmpty()) {
      var body = JsonNodeFactory.instance.objectNode();
      body.put("email", person.email());
      body.put("firstname", person.firstname());
      body.put("lastname", person.lastname());
      body.put("account_id", person.accountId());
      body.put("account_role", person.role().orElse("additional"));
      // zoey.md §3.3: "Send Invitation Email when Customer is Created"; only ever on the create.
      body.put("send_invite_email", person.sendInvite());
      return written(request, client.contacts().create(body), true);
    }
    var found = holder.get();
    var onAccount = found.body().path("account_id").asString("");
    if (!onAccount.equals(person.accountId())) {
      throw taken(person, found);
    }
    // The account's main contact, or one an attempt whose answer was lost made: it is this one.
    update(found, person);
    return written(request, found.id(), false);
  }

  private static PermanentSyncException taken(Person person, ZoeyRecord holder) {
    return new PermanentSyncException(
        "zoey",
        "The email "
            + person.email()
            + " belongs to Zoey contact "
            + holder.id()
            + " on account "
            + holder.body().path("account_id").asString("")
            + ", and Zoey keeps one contact per email. Give one of the two NetSuite contacts"
            + " another email, or remove contact "
            + holder.id()
            + " in Zoey, then resync.");
  }

  /** Changes what differs, in one call: names, email, role, and the account it belongs to. */
  private void update(ZoeyRecord current, Person person) {
    var now = current.body();
    var body = JsonNodeFactory.instance.objectNode();
    if (!now.path("email").asString("").equalsIgnoreCase(person.email())) {
      body.put("email", person.email());
    }
    if (!now.path("firstname").asString("").equals(person.firstname())) {
      body.put("firstname", person.firstname());
    }
    if (!now.path("lastname").asString("").equals(person.lastname())) {
      body.put("lastname", person.lastname());
    }
    if (!now.path("account_id").asString("").equals(person.accountId())) {
      body.put("account_id", person.accountId());
    }
    person
        .role()
        .filter(r -> !r.equals(now.path("account_role").asString("")))
        .ifPresent(r -> body.put("account_role", r));
    if (!body.isEmpty()) {
      client.contacts().update(current.id(), body);
    }
  }

  private static WriteResult written(WriteRequest request, String contactId, boolean created) {
    return new WriteResult.Written(
        request.sourceId(), contactId, created, RemoteState.SYNCED, Optional.empty());
  }

  @Override
  public String whyNoLeave() {
    return "Zoey gives contacts no disabled state (zoey.md §2.1 gives one to accounts), and"
        + " Syncline deletes nothing; use onLeave: unlink";
  }

  @Override
  public String whenUnlinked(String targetId) {
    return "Nothing was changed on Zoey; remove contact "
        + targetId
        + " there if the person should no longer sign in.";
  }

  @Override
  public String probe() {
    return client.probe();
  }

  /** The contact as Zoey holds it, in the default mapping's fields, for a dry run's difference. */
  @Override
  public Optional<TargetRecord> read(String targetId) {
    var contact = client.contacts().get(targetId).body();
    var fields = new LinkedHashMap<String, Object>();
    fields.put("email", contact.path("email").asString(""));
    fields.put("firstname", contact.path("firstname").asString(""));
    fields.put("lastname", contact.path("lastname").asString(""));
    fields.put("accountId", contact.path("account_id").asString(""));
    // The role only where a flow maps it: unmapped, a write leaves it as it is.
    return Optional.of(new TargetRecord(fields));
  }

  private static String lower(String text) {
    return text.strip().toLowerCase(Locale.ROOT);
  }
}
