package dev.syncline.sandbox.netsuite;

import dev.syncline.sandbox.common.SandboxClock;
import dev.syncline.sandbox.common.SandboxHttp;
import java.security.PublicKey;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One NetSuite account in the sandbox: its records, custom fields, credentials and governance. The
 * public methods act as a person in NetSuite's UI would (or a CSV import, for many records at
 * once): for seeding, and for tests that change records behind a client's back.
 */
public final class NetSuiteAccount implements AutoCloseable {

  /**
   * What the account's concurrency governance has seen.
   *
   * @param limit the limit now
   * @param inFlight requests being served now
   * @param peak the most served at once since the last reset
   * @param admitted requests let through since the last reset
   * @param refused requests refused for being over the limit since the last reset
   */
  public record Governance(int limit, int inFlight, int peak, long admitted, long refused) {}

  private static final int BATCH = 5_000;

  private final NetSuiteSettings.AccountSettings settings;
  private final Supplier<NetSuiteSettings> sandboxSettings;
  private final SandboxClock clock;
  private final SuiteQlTables tables = new SuiteQlTables();
  private final CustomFields customFields = new CustomFields();
  private final AccountStore store = new AccountStore(tables, customFields);
  private final TokenAuthentication tokenAuthentication;
  private final ClientCredentials clientCredentials;
  private int inFlight;
  private int peak;
  private long admitted;
  private long refused;

  NetSuiteAccount(
      NetSuiteSettings.AccountSettings settings,
      Supplier<NetSuiteSettings> sandboxSettings,
      SandboxClock clock) {
    this.settings = settings;
    this.sandboxSettings = sandboxSettings;
    this.clock = clock;
    this.tokenAuthentication = new TokenAuthentication(settings);
    this.clientCredentials = new ClientCredentials(settings.clientId());
  }

  /** The account id, such as {@code 1234567_SB1}. */
  public String id() {
    return settings.id();
  }

  public NetSuiteSettings.AccountSettings settings() {
    return settings;
  }

  /** Creates a record from its REST body and returns its internal id. */
  public long create(String type, JsonNode body) {
    return createAll(type, List.of(body)).getFirst();
  }

  /**
   * Creates many records in one transaction, all or none, as fast as the store allows: how seeds
   * and benchmarks load tens of thousands of customers.
   */
  public List<Long> createAll(String type, List<? extends JsonNode> bodies) {
    var recordType = type(type);
    return store.write(c -> {
      var writer = writer(c, RecordWriter.NameValidation.ERROR);
      var rules = rules(c);
      var stored = new ArrayList<AccountStore.Stored>();
      var ids = new java.util.HashSet<Long>();
      var externalIds = new java.util.HashSet<String>();
      for (var body : bodies) {
        var record = writer.apply(recordType, SandboxHttp.JSON.createObjectNode(), body, Set.of());
        long id;
        if (body.hasNonNull("id")) {
          id = body.get("id").asLong();
          if (store.find(c, recordType, id, false).isPresent()) {
            throw new IllegalArgumentException("A " + type + " with id " + id + " exists already");
          }
          store.reserveId(recordType, id);
        } else {
          id = store.nextId(recordType);
        }
        rules.created(recordType, id, record);
        requireFreeExternalId(c, recordType, record, id);
        var externalId = record.path("externalId").asString(null);
        if (!ids.add(id) || (externalId != null && !externalIds.add(externalId))) {
          throw new IllegalArgumentException(
              "Two of the "
                  + type
                  + " records given share the id "
                  + id
                  + " or the external id "
                  + externalId);
        }
        stored.add(new AccountStore.Stored(recordType, id, record));
      }
      // Every record passed the checks above, so the batches below cannot fail half-way; one
      // transaction of tens of thousands of rows is several times slower in H2 than these.
      for (int from = 0; from < stored.size(); from += BATCH) {
        store.insert(c, recordType, stored.subList(from, Math.min(stored.size(), from + BATCH)));
        c.commit();
      }
      return stored.stream().map(AccountStore.Stored::id).toList();
    });
  }

  /** Changes a record as a person editing it would; sublists named in the body are replaced. */
  public void update(String type, long id, JsonNode changes) {
    var recordType = type(type);
    var replace = new java.util.HashSet<String>();
    changes.propertyNames().forEach(replace::add);
    patch(recordType, id, changes, replace, RecordWriter.NameValidation.ERROR);
  }

  /** The record as stored (references as ids only), if it exists. */
  public Optional<ObjectNode> find(String type, long id) {
    var recordType = type(type);
    return store.read(c -> store.find(c, recordType, id, false));
  }

  /** Every record of the type as stored, with its {@code id}, in id order: a list view. */
  public List<ObjectNode> findAll(String type) {
    var recordType = type(type);
    return store.read(c -> {
      var all = new ArrayList<ObjectNode>();
      for (var id : store.ids(c, recordType)) {
        store.find(c, recordType, id, false).ifPresent(r -> all.add(r.put("id", id)));
      }
      return all;
    });
  }

  public void delete(String type, long id) {
    var recordType = type(type);
    store.write(c -> {
      remove(c, recordType, id);
      return null;
    });
  }

  /** Adds a custom field, and its SuiteQL column. */
  public void defineCustomField(CustomField field) {
    if (customFields.define(field)) {
      tables.add(field);
      store.addColumn(field);
    }
  }

  public List<CustomField> customFields() {
    return customFields.all();
  }

  /** Maps a certificate to the integration for OAuth 2.0 client credentials. */
  public void trustCertificate(String certificateId, PublicKey key) {
    clientCredentials.trust(certificateId, key);
  }

  public synchronized Governance governance() {
    return new Governance(
        sandboxSettings.get().concurrencyLimit(), inFlight, peak, admitted, refused);
  }

  /** Starts the governance counts afresh, for a test or a benchmark run. */
  public synchronized void resetGovernance() {
    peak = inFlight;
    admitted = 0;
    refused = 0;
  }

  /** Forgets every record and issued token; custom fields stay. */
  public void clear() {
    store.clear();
    clientCredentials.forgetTokens();
    resetGovernance();
  }

  @Override
  public void close() {
    store.close();
  }

  // ---- for the sandbox's handlers -------------------------------------------------------------

  String label() {
    return settings.label();
  }

  AccountStore store() {
    return store;
  }

  CustomFields customFieldRegistry() {
    return customFields;
  }

  TokenAuthentication tokenAuthentication() {
    return tokenAuthentication;
  }

  ClientCredentials clientCredentials() {
    return clientCredentials;
  }

  SandboxClock clock() {
    return clock;
  }

  synchronized boolean enter(int limit) {
    if (inFlight >= limit) {
      refused++;
      return false;
    }
    inFlight++;
    admitted++;
    peak = Math.max(peak, inFlight);
    return true;
  }

  synchronized void leave() {
    inFlight--;
  }

  RecordWriter writer(java.sql.Connection c, RecordWriter.NameValidation names) {
    return new RecordWriter(c, store, customFields, names);
  }

  RecordRules rules(java.sql.Connection c) {
    return new RecordRules(c, store, clock.instant());
  }

  long create(RecordType type, JsonNode body, RecordWriter.NameValidation names) {
    return store.write(c -> {
      var record =
          writer(c, names).apply(type, SandboxHttp.JSON.createObjectNode(), body, Set.of());
      var id = store.nextId(type);
      rules(c).created(type, id, record);
      requireFreeExternalId(c, type, record, id);
      store.insert(c, type, List.of(new AccountStore.Stored(type, id, record)));
      return id;
    });
  }

  void patch(
      RecordType type,
      long id,
      JsonNode body,
      Set<String> replace,
      RecordWriter.NameValidation names) {
    store.write(c -> {
      var before = store.find(c, type, id, true).orElseThrow(() -> missing(type, id));
      var record = writer(c, names).apply(type, before, body, replace);
      rules(c).changed(type, record, before);
      requireFreeExternalId(c, type, record, id);
      store.update(c, type, id, record);
      return null;
    });
  }

  /** netsuite-api.md §3.4: PUT by external id creates the record or updates it. */
  long upsert(
      RecordType type,
      String externalId,
      JsonNode body,
      Set<String> replace,
      RecordWriter.NameValidation names) {
    return store.write(c -> {
      var existing = store.idOfExternal(c, type, externalId);
      if (existing.isPresent()) {
        var id = existing.get();
        var before = store.find(c, type, id, true).orElseThrow();
        var record = writer(c, names).apply(type, before, body, replace);
        record.put("externalId", externalId);
        rules(c).changed(type, record, before);
        store.update(c, type, id, record);
        return id;
      }
      var record =
          writer(c, names).apply(type, SandboxHttp.JSON.createObjectNode(), body, Set.of());
      record.put("externalId", externalId);
      var id = store.nextId(type);
      rules(c).created(type, id, record);
      store.insert(c, type, List.of(new AccountStore.Stored(type, id, record)));
      return id;
    });
  }

  long transform(
      RecordType from, long id, RecordType to, JsonNode body, RecordWriter.NameValidation names) {
    return store.write(c ->
        new Transforms(
                c, store, writer(c, names), rules(c), sandboxSettings.get().advancedShipping())
            .transform(from, id, to, body));
  }

  void remove(java.sql.Connection c, RecordType type, long id) throws SQLException {
    store.find(c, type, id, true).orElseThrow(() -> missing(type, id));
    var dependents =
        type == RecordType.CUSTOMER
            ? "SELECT COUNT(*) FROM transaction WHERE entity = ?"
            : type.isTransaction()
                ? "SELECT COUNT(*) FROM transaction WHERE createdfrom = ?"
                : null;
    if (dependents != null) {
      try (var s = c.prepareStatement(dependents)) {
        s.setLong(1, id);
        try (var rs = s.executeQuery()) {
          rs.next();
          if (rs.getLong(1) > 0) {
            throw NetSuiteError.badRequest(
                "USER_ERROR", "This record cannot be deleted because it has dependent records.");
          }
        }
      }
    }
    store.delete(c, type, id);
  }

  static NetSuiteError missing(RecordType type, long id) {
    return NetSuiteError.notFound("Record " + type.restName() + " " + id + " was not found.");
  }

  private void requireFreeExternalId(
      java.sql.Connection c, RecordType type, ObjectNode record, long id) throws SQLException {
    var externalId = record.path("externalId").asString(null);
    if (externalId == null) {
      return;
    }
    var holder = store.idOfExternal(c, type, externalId);
    if (holder.isPresent() && holder.get() != id) {
      throw new NetSuiteError(
          400,
          "USER_ERROR",
          "A "
              + type.restName()
              + " with external id "
              + externalId
              + " already exists ("
              + holder.get()
              + ").",
          Optional.of("externalId"));
    }
  }

  private static RecordType type(String name) {
    return RecordType.named(name)
        .orElseThrow(
            () -> new IllegalArgumentException("The sandbox serves no record type " + name));
  }
}
