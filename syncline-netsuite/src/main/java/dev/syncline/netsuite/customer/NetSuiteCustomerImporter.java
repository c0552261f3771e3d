package dev.syncline.netsuite.customer;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.model.Customer;
import dev.syncline.core.port.Change;
import dev.syncline.core.port.RecordImporter;
import dev.syncline.core.port.SourceRecord;
import dev.syncline.core.port.Watermark;
import dev.syncline.netsuite.client.NetSuiteClient;
import dev.syncline.netsuite.client.SuiteQlCondition;
import dev.syncline.netsuite.client.SuiteQlKeyset;
import dev.syncline.netsuite.client.SuiteQlReads;
import dev.syncline.netsuite.client.SuiteQlRow;
import dev.syncline.netsuite.client.SuiteQlTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads customers from one NetSuite account. Changes come from SuiteQL in keyset order of
 * (lastmodifieddate, id), which stays exact when thousands share one second and never meets the
 * 100,000-row ceiling (netsuite-api.md §4, §7). Records come from SuiteQL too, a thousand at a time
 * with their address books.
 *
 * <p>A record's version is read from SuiteQL too, in the same form as the changes, so that the
 * engine compares like with like whatever time zone the account shows its times in.
 */
public final class NetSuiteCustomerImporter implements RecordImporter<Customer> {

  private static final SuiteQlKeyset CHANGES =
      SuiteQlKeyset.changed("customer", "id", Optional.empty());
  private static final int LARGEST_PAGE = SuiteQlReads.LARGEST_PAGE;
  private static final String CONDITION_PREFIX = "syncline_if_";

  /**
   * How customers are read: in bulk with SuiteQL (the default), or one record service read a
   * customer, for an account whose SuiteQL lacks the address tables (their names are unconfirmed,
   * netsuite-api.md §4) or whose custom fields mappings want typed as the record service gives
   * them.
   */
  public enum Reads {
    SUITEQL,
    RECORD
  }

  private final NetSuiteClient client;
  private final String channelsField;
  private final SuiteQlTime times;
  private final Reads reads;
  private final List<SuiteQlCondition> conditions;

  /**
   * @param zone the time zone the account shows SuiteQL times in (its preference)
   */
  public NetSuiteCustomerImporter(
      NetSuiteClient client, String channelsField, ZoneId zone, Reads reads) {
    this(client, channelsField, zone, reads, List.of());
  }

  /**
   * @param conditions named SuiteQL conditions each customer is read with: its custom fields carry
   *     each one's result, true or false, under the condition's name, for flows' filters
   */
  public NetSuiteCustomerImporter(
      NetSuiteClient client,
      String channelsField,
      ZoneId zone,
      Reads reads,
      List<SuiteQlCondition> conditions) {
    this.client = client;
    this.channelsField = channelsField;
    this.times = new SuiteQlTime(zone);
    this.reads = reads;
    this.conditions = List.copyOf(conditions);
  }

  @Override
  public Optional<String> invalidId(String id) {
    return SuiteQlReads.invalidId(id, "customer");
  }

  @Override
  public String notFound(String id) {
    return "NetSuite has no customer with id "
        + id
        + " (deleted, or a typo?). The id is the number after id= in the customer's URL in"
        + " NetSuite";
  }

  @Override
  public List<Change> changesAfter(Watermark after, int limit) {
    return SuiteQlReads.changesAfter(client, CHANGES, times, after, limit);
  }

  /**
   * Customers in bulk with SuiteQL: for each 1,000 ids one query of the customers joined with their
   * address books (their versions and the names of what they refer to among them), a page per 1,000
   * rows, so a batch of 100 customers is one call instead of a record read each. A customer whose
   * channels' names cannot be told apart in SuiteQL (a name holding ", ") is read from the record
   * service instead. A customer SuiteQL does not return no longer exists.
   */
  @Override
  public Map<String, SourceRecord<Customer>> load(Collection<String> ids) {
    var found = new HashMap<String, SourceRecord<Customer>>();
    var list = List.copyOf(SuiteQlReads.checked(ids));
    for (var from = 0; from < list.size(); from += LARGEST_PAGE) {
      var chunk = list.subList(from, Math.min(list.size(), from + LARGEST_PAGE));
      if (reads == Reads.RECORD) {
        // Their versions in one SuiteQL query, each record from the record service.
        readFromRecords(chunk, heads(chunk), found);
        continue;
      }
      var unreadable = new java.util.ArrayList<String>();
      var heads = new HashMap<String, SuiteQlRow>();
      customerRows(String.join(", ", chunk))
          .forEach((id, rows) -> {
            heads.put(id, rows.getFirst());
            NetSuiteCustomerMapper.fromSuiteQl(rows, channelsField)
                .ifPresentOrElse(
                    customer -> found.put(id, record(id, rows.getFirst(), customer)),
                    () -> unreadable.add(id));
          });
      readFromRecords(unreadable, heads, found);
    }
    // In the order asked for, as the record service's reads were.
    var ordered = new LinkedHashMap<String, SourceRecord<Customer>>();
    for (var id : list) {
      var record = found.get(id);
      if (record != null) {
        ordered.put(id, record);
      }
    }
    return ordered;
  }

  /** The rows of these customers, one per address book line, by customer. */
  private Map<String, List<dev.syncline.netsuite.client.SuiteQlRow>> customerRows(String in) {
    var rows = new LinkedHashMap<String, List<dev.syncline.netsuite.client.SuiteQlRow>>();
    var query =
        "SELECT "
            + NetSuiteCustomerMapper.suiteQlColumns(channelsField)
            + ", "
            + SuiteQlTime.shown("c.lastmodifieddate")
            + " AS modified, "
            + NetSuiteCustomerMapper.ADDRESS_COLUMNS
            + conditionColumns()
            + " FROM customer c"
            + " LEFT JOIN customeraddressbook ab ON ab.entity = c.id"
            + " LEFT JOIN entityaddress ea ON ea.nkey = ab.addressbookaddress"
            + " WHERE c.id IN ("
            + in
            + ") ORDER BY c.id, ab.internalid";
    // netsuite-api.md §4: offset paging, a multiple of the limit, under a unique ORDER BY.
    for (var offset = 0; ; offset += LARGEST_PAGE) {
      var at = offset;
      var page = addressTables(() -> withConditions(() -> client.suiteQl(query, LARGEST_PAGE, at)));
      for (var row : page.rows()) {
        rows.computeIfAbsent(row.require("id"), k -> new java.util.ArrayList<>()).add(row);
      }
      if (!page.hasMore()) {
        return rows;
      }
    }
  }

  /**
   * Runs a query over the address tables, whose names netsuite-api.md §4 leaves unconfirmed: an
   * account that has none blocks the flow, saying which setting reads customers without them.
   */
  private static <R> R addressTables(java.util.function.Supplier<R> query) {
    try {
      return query.get();
    } catch (PermanentSyncException e) {
      var message = e.getMessage() == null ? "" : e.getMessage();
      if (message.contains("Invalid search type: customeraddressbook")
          || message.contains("Invalid search type: entityaddress")) {
        throw new PermanentSyncException.ConfigurationProblem(
            e.system(),
            message,
            "This account's SuiteQL has no address tables: set customerReads: record on the"
                + " NetSuite system in syncline.yaml, so that customers are read from the record"
                + " service (one call a customer).",
            e.remoteRequestId(),
            e);
      }
      throw e;
    }
  }

  /**
   * Reads customers from the record service (those SuiteQL could not read unambiguously, or all of
   * them with {@link Reads#RECORD}); one whose version is unknown no longer exists.
   */
  private void readFromRecords(
      List<String> ids, Map<String, SuiteQlRow> heads, Map<String, SourceRecord<Customer>> found) {
    var known = ids.stream().filter(heads::containsKey).toList();
    if (known.isEmpty()) {
      return;
    }
    for (var entry :
        client.getAll("customer", known, NetSuiteClient.GetOptions.expanded()).entrySet()) {
      switch (entry.getValue()) {
        case NetSuiteClient.Fetched.Found f ->
            found.put(
                entry.getKey(),
                record(
                    entry.getKey(),
                    heads.get(entry.getKey()),
                    NetSuiteCustomerMapper.toCanonical(f.record(), channelsField)));
        case NetSuiteClient.Fetched.Failed failed -> {
          // A missing record is gone; anything else must not be taken for gone.
          if (!(failed.error() instanceof PermanentSyncException.MissingInRemote)) {
            throw failed.error();
          }
        }
      }
    }
  }

  /** One SuiteQL query per 1,000 ids, no record read: the ids it returns exist. */
  @Override
  public java.util.Set<String> existing(Collection<String> ids) {
    return heads(ids).keySet();
  }

  /** Each customer's id, version and conditions, by id: those missing no longer exist. */
  private Map<String, SuiteQlRow> heads(Collection<String> ids) {
    var heads = new HashMap<String, SuiteQlRow>();
    var list = List.copyOf(SuiteQlReads.checked(ids));
    for (var from = 0; from < list.size(); from += LARGEST_PAGE) {
      var chunk = list.subList(from, Math.min(list.size(), from + LARGEST_PAGE));
      var query =
          "SELECT c.id, "
              + SuiteQlTime.shown("c.lastmodifieddate")
              + " AS modified"
              + conditionColumns()
              + " FROM customer c WHERE c.id IN ("
              + chunk.stream().collect(Collectors.joining(", "))
              + ")";
      for (var row : withConditions(() -> client.suiteQl(query, LARGEST_PAGE, 0)).rows()) {
        heads.put(row.require("id"), row);
      }
    }
    return heads;
  }

  /** Each condition as a column of 'T' or 'F', named after it. */
  private String conditionColumns() {
    var columns = new StringBuilder();
    for (var condition : conditions) {
      columns
          .append(", CASE WHEN (")
          .append(condition.sql())
          .append(") THEN 'T' ELSE 'F' END AS ")
          .append(CONDITION_PREFIX)
          .append(condition.name());
    }
    return columns.toString();
  }

  /** A customer as read, with its version and the results of the conditions from its row. */
  private SourceRecord<Customer> record(String id, SuiteQlRow head, Customer customer) {
    var version = times.parse(head.require("modified"));
    if (conditions.isEmpty()) {
      return new SourceRecord<>(id, version, customer);
    }
    var custom = new LinkedHashMap<>(customer.custom());
    for (var condition : conditions) {
      custom.put(
          condition.name(), "T".equals(head.get(CONDITION_PREFIX + condition.name()).orElse("F")));
    }
    var c = customer;
    return new SourceRecord<>(
        id,
        version,
        new Customer(
            c.name(),
            c.email(),
            c.phone(),
            c.inactive(),
            c.terms(),
            c.priceLevel(),
            c.currency(),
            c.subsidiary(),
            c.salesRep(),
            c.creditLimit(),
            c.channels(),
            c.addresses(),
            custom,
            c.individual(),
            c.companyName()));
  }

  /**
   * Runs a query that holds the conditions: one NetSuite refuses as a query is a setting to fix,
   * which blocks the flow and says so, rather than a record's failure.
   */
  private <R> R withConditions(java.util.function.Supplier<R> query) {
    try {
      return query.get();
    } catch (PermanentSyncException e) {
      var message = e.getMessage() == null ? "" : e.getMessage();
      if (conditions.isEmpty() || !message.contains("Invalid search query")) {
        throw e;
      }
      throw new PermanentSyncException.ConfigurationProblem(
          e.system(),
          message,
          "NetSuite refused a query holding the SuiteQL conditions "
              + conditions.stream().map(SuiteQlCondition::name).collect(Collectors.joining(", "))
              + ": correct their where under conditions on the NetSuite system in syncline.yaml"
              + " (try each in NetSuite's SuiteQL as SELECT c.id FROM customer c WHERE ...).",
          e.remoteRequestId(),
          e);
    }
  }

  /** A customer marked inactive in NetSuite is no longer anyone's customer to sync. */
  @Override
  public Optional<String> leftFlow(Customer record) {
    return record.inactive() ? Optional.of("is inactive in NetSuite") : Optional.empty();
  }

  @Override
  public String probe() {
    return client.probe();
  }

  @Override
  public String describe(String id, Optional<Customer> record) {
    return "Customer " + id + record.map(c -> " (" + c.name() + ")").orElse("");
  }

  /** Where on the customer's form in NetSuite each field is set. */
  @Override
  public Optional<String> fixHint(String field) {
    return Optional.ofNullable(
        switch (field) {
          case "terms" -> "Set Terms on the customer's Financial subtab in NetSuite";
          case "priceLevel" -> "Set Price Level on the customer's Financial subtab in NetSuite";
          case "currency" -> "Set the currency on the customer's Financial subtab in NetSuite";
          case "addresses" -> "Correct it on the customer's Address subtab in NetSuite";
          case "name" -> "Set the company name (or the person's name) on the customer in NetSuite";
          case "email" -> "Set the email on the customer in NetSuite";
          default -> null;
        });
  }
}
