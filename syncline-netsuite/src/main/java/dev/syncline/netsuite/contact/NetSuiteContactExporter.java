package dev.syncline.netsuite.contact;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.SyncException;
import dev.syncline.core.model.Contact;
import dev.syncline.core.port.RecordExporter;
import dev.syncline.core.port.RemoteState;
import dev.syncline.core.port.TargetRecord;
import dev.syncline.core.port.Violation;
import dev.syncline.core.port.WriteRequest;
import dev.syncline.core.port.WriteResult;
import dev.syncline.netsuite.client.Concurrently;
import dev.syncline.netsuite.client.NetSuiteClient;
import dev.syncline.netsuite.client.SuiteQlReads;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a channel's people (Zoey's contacts) as NetSuite contacts of the customers their accounts
 * are linked to (zoey.md §3.3: "Zoey Customers will map to Contacts in NetSuite"). A new one is
 * made by upsert on its external id (netsuite-api.md §3.4), so that a create repeated after a lost
 * answer updates what the first made; a linked one by PATCH of the fields mapped. A person NetSuite
 * already has with that email is that contact, found before the first write, never made twice.
 */
public final class NetSuiteContactExporter implements RecordExporter<Contact> {

  /** Names, email and the customer; phone and title stay as NetSuite has them unless mapped. */
  public static final Map<String, String> DEFAULT_MAPPING;

  static {
    var m = new LinkedHashMap<String, String>();
    m.put("externalId", "$sourceId");
    m.put("firstName", "firstName");
    m.put("lastName", "lastName");
    m.put("email", "email");
    m.put("company", "$link('customer', company.id)");
    m.put("phone", "");
    m.put("title", "");
    DEFAULT_MAPPING = Collections.unmodifiableMap(m);
  }

  /** The body fields a mapping gives as they are (research/netsuite-schema.json, contact). */
  private static final List<String> TEXTS =
      List.of("firstName", "lastName", "email", "phone", "title");

  private final NetSuiteClient client;

  public NetSuiteContactExporter(NetSuiteClient client) {
    this.client = client;
  }

  @Override
  public Map<String, String> defaultMapping() {
    return DEFAULT_MAPPING;
  }

  /** netsuite-api.md §3: a contact requires its Last Name. */
  @Override
  public List<Violation> validate(Contact c) {
    return c.lastName().isBlank()
        ? List.of(
            new Violation("lastName", "Missing last name (NetSuite requires it of a contact)"))
        : List.of();
  }

  @Override
  public Optional<String> createKeyField() {
    return Optional.of("externalId");
  }

  /** A NetSuite contact already with the email, where there is exactly one, in one query. */
  @Override
  public Map<String, String> counterparts(Map<String, TargetRecord> unlinked) {
    var holders = holders(emails(unlinked.values()));
    var found = new LinkedHashMap<String, String>();
    unlinked.forEach((id, payload) ->
        email(payload)
            .ifPresent(e -> {
              var same = holders.getOrDefault(e, List.of());
              if (same.size() == 1) {
                found.put(id, same.getFirst().id());
              }
            }));
    return found;
  }

  /** A NetSuite contact with an email (lower case), and the external id it was made with. */
  private record Holder(String id, Optional<String> externalId) {}

  private Map<String, List<Holder>> holders(Collection<String> emails) {
    var found = new LinkedHashMap<String, List<Holder>>();
    var list = List.copyOf(emails);
    for (var from = 0; from < list.size(); from += SuiteQlReads.LARGEST_PAGE) {
      var chunk = list.subList(from, Math.min(list.size(), from + SuiteQlReads.LARGEST_PAGE));
      client
          .suiteQl(
              "SELECT id, email, externalid FROM contact WHERE LOWER(email) IN ("
                  + chunk.stream().map(NetSuiteClient::literal).collect(Collectors.joining(", "))
                  + ") ORDER BY id",
              SuiteQlReads.LARGEST_PAGE,
              0)
          .rows()
          .forEach(row ->
              found
                  .computeIfAbsent(lower(row.get("email").orElse("")), k -> new ArrayList<>())
                  .add(new Holder(row.require("id"), row.get("externalid"))));
    }
    return found;
  }

  private static Set<String> emails(Collection<TargetRecord> payloads) {
    return payloads.stream()
        .flatMap(p -> email(p).stream())
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  private static Optional<String> email(TargetRecord payload) {
    return payload.text("email").map(NetSuiteContactExporter::lower).filter(e -> !e.isEmpty());
  }

  @Override
  public List<WriteResult> write(List<WriteRequest> batch) {
    Map<String, List<Holder>> holders;
    try {
      // One query for the creates: an email NetSuite has on a contact is never given a second.
      holders =
          holders(
              emails(
                  batch.stream()
                      .filter(WriteRequest::creates)
                      .map(WriteRequest::payload)
                      .toList()));
    } catch (SyncException e) {
      return batch.stream()
          .map(r -> (WriteResult) new WriteResult.NotWritten(r.sourceId(), e))
          .toList();
    }
    // One request each; as many at once as the account's limiter allows.
    var found = holders;
    return Concurrently.each(
        batch,
        request -> writeOne(request, found),
        (request, e) -> new WriteResult.NotWritten(request.sourceId(), e),
        "Writing the contact");
  }

  private WriteResult writeOne(WriteRequest request, Map<String, List<Holder>> holders) {
    var body = body(request.payload());
    if (request.targetId().isPresent()) {
      var id = request.targetId().get();
      client.update("contact", id, body, Set.of());
      return new WriteResult.Written(
          request.sourceId(), id, false, RemoteState.SYNCED, Optional.empty());
    }
    var externalId =
        request
            .createKey()
            .filter(k -> !k.isBlank())
            .orElseThrow(() ->
                invalid(
                    "the mapping gave no externalId, which makes the create safe to repeat;"
                        + " correct mapping.externalId"));
    var email = email(request.payload());
    // A contact an earlier attempt made carries this external id: it is this one, not another.
    var others =
        email.map(e -> holders.getOrDefault(e, List.of())).orElse(List.of()).stream()
            .filter(h -> !h.externalId().equals(Optional.of(externalId)))
            .map(Holder::id)
            .toList();
    if (!others.isEmpty()) {
      throw invalid(
          "Needs a choice: NetSuite already has "
              + (others.size() == 1 ? "contact " : "contacts ")
              + String.join(", ", others)
              + " with the email "
              + email.get()
              + (others.size() == 1 ? ", which another record claims too," : ",")
              + " and Syncline does not guess which this person is or make another. Give one of"
              + " them another email, then resync.");
    }
    var id = client.upsert("contact", externalId, body, Set.of());
    return new WriteResult.Written(
        request.sourceId(), id, true, RemoteState.SYNCED, Optional.empty());
  }

  /** The contact as NetSuite's REST API takes it (research/netsuite-schema.json, contact). */
  private static ObjectNode body(TargetRecord r) {
    var c = JsonMapper.shared().createObjectNode();
    for (var field : TEXTS) {
      if (r.fields().containsKey(field)) {
        c.put(field, r.text(field).map(String::strip).orElse(""));
      }
    }
    var company = r.text("company").filter(v -> !v.isBlank());
    if (company.isEmpty()) {
      throw invalid(
          "the mapping gave no company, the customer the contact works for; map company, by"
              + " default \"$link('customer', company.id)\"");
    }
    c.putObject("company").put("id", company.get());
    return c;
  }

  @Override
  public String whenUnlinked(String targetId) {
    return "Nothing was changed in NetSuite; make contact "
        + targetId
        + " inactive there if the person should go.";
  }

  @Override
  public String whyNoLeave() {
    return "Syncline does not yet make NetSuite contacts inactive; use onLeave: unlink";
  }

  @Override
  public String probe() {
    return client.probe();
  }

  private static String lower(String text) {
    return text.strip().toLowerCase(Locale.ROOT);
  }

  private static PermanentSyncException invalid(String message) {
    return new PermanentSyncException("netsuite", message);
  }
}
