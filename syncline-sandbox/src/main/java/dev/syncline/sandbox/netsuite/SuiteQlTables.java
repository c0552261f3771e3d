package dev.syncline.sandbox.netsuite;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * NetSuite's tables as SuiteQL sees them, each row projected from a record (or one of its lines)
 * whenever the record is written, in the same transaction, so that the record service and SuiteQL
 * never disagree. netsuite-api.md §4 names the tables and columns seen in real queries; the address
 * tables ({@code entityaddress}, {@code customeraddressbook}) and {@code pricing} are unconfirmed
 * there and follow NetSuite's analytics data source. Custom fields add columns named as the field.
 */
final class SuiteQlTables {

  /**
   * One record, or one line of it, being projected; {@code shown} is the record as the record
   * service shows it, its references with their names.
   */
  record Source(
      RecordType type, long id, ObjectNode record, JsonNode line, int lineNumber, JsonNode shown) {}

  /**
   * The suffix of the hidden column that holds a reference column's display value, for {@code
   * BUILTIN.DF(column)} (netsuite-api.md §4). Hidden: {@code SELECT *} does not show it.
   */
  static final String DISPLAY = "__df";

  /**
   * A column: its SQL type, how its value is taken from a source, and the REST property it mirrors
   * (for the record service's {@code q} filter), if any.
   */
  record Column(
      String name, String sqlType, Function<Source, Object> value, Optional<String> property) {}

  /**
   * A table fed by some record types: one row per record ({@code sublist} empty) or per line of a
   * sublist; {@code owner} is the column that names the record a row came from.
   */
  record Table(
      String name,
      List<RecordType> sources,
      Optional<String> sublist,
      String owner,
      List<Column> columns) {

    /** This table with more columns after its own. */
    Table with(List<Column> more) {
      return more.isEmpty()
          ? this
          : new Table(
              name,
              sources,
              sublist,
              owner,
              Stream.concat(columns.stream(), more.stream()).toList());
    }

    List<Source> sourcesOf(RecordType type, long id, ObjectNode record, JsonNode shown) {
      if (sublist.isEmpty()) {
        return List.of(new Source(type, id, record, record, 0, shown));
      }
      var rows = new ArrayList<Source>();
      if (name.equals("transactionline")) {
        // NetSuite's transactionline holds a main line (mainline = 'T') for each transaction.
        rows.add(new Source(type, id, record, null, 0, shown));
      }
      var lines = record.path(sublist.get()).path("items");
      for (int i = 0; i < lines.size(); i++) {
        rows.add(new Source(type, id, record, lines.get(i), i + 1, shown));
      }
      return rows;
    }
  }

  private static final String TEXT = "VARCHAR(4000)";
  private static final String FLAG = "VARCHAR(1)";
  private static final String ID = "BIGINT";
  private static final String NUMBER = "DECIMAL(24,8)";

  private final List<Table> tables;
  private final List<CustomField> customFields = new CopyOnWriteArrayList<>();

  SuiteQlTables() {
    this.tables = standardTables();
  }

  List<Table> tables() {
    return tables.stream().map(this::withCustomColumns).map(this::withDisplayColumns).toList();
  }

  /** Whether projecting a record of this type needs it as the record service shows it. */
  boolean showsNames(RecordType type) {
    return tablesOf(type).stream()
        .anyMatch(t -> t.columns().stream().anyMatch(c -> c.name().endsWith(DISPLAY)));
  }

  List<Table> tablesOf(RecordType type) {
    return tables().stream().filter(t -> t.sources().contains(type)).toList();
  }

  /** The table whose rows are the records of {@code type} themselves. */
  Table bodyTable(RecordType type) {
    return tablesOf(type).stream().filter(t -> t.sublist().isEmpty()).findFirst().orElseThrow();
  }

  void add(CustomField field) {
    customFields.add(field);
  }

  /** The tables a custom field adds a column to. */
  List<Table> tablesOf(CustomField field) {
    return tables.stream().filter(t -> holds(t, field)).toList();
  }

  private static boolean holds(Table table, CustomField field) {
    return table.sources().stream()
        .anyMatch(type -> field.appliesTo(type, table.sublist().isPresent()));
  }

  static String sqlTypeOf(CustomField field) {
    return switch (field.type()) {
      case TEXT, MULTISELECT -> TEXT;
      case CHECKBOX -> FLAG;
      case INTEGER, SELECT -> ID;
      case DECIMAL -> NUMBER;
      case DATE -> "DATE";
      case DATETIME -> "TIMESTAMP";
    };
  }

  private Table withCustomColumns(Table table) {
    var custom =
        customFields.stream()
            .filter(f ->
                table.sources().stream().anyMatch(t -> f.appliesTo(t, table.sublist().isPresent())))
            .filter(f ->
                !table.name().equals("customeraddressbook")
                    && !table.name().equals("entityaddress"))
            .map(f -> customColumn(f, table.sublist().isPresent()))
            .toList();
    return table.with(custom);
  }

  /**
   * A record's table has, beside each column of a reference to a record or a list, a hidden column
   * of its display value: the name the record service shows as {@code refName}, and for a
   * multi-select the names joined by ", " in the order of the ids (unconfirmed; netsuite-api.md §4
   * names BUILTIN.DF only). It is taken when the record is written: renaming a term later leaves
   * the names of the customers that use it as they were, unlike NetSuite.
   */
  private Table withDisplayColumns(Table table) {
    if (table.sublist().isPresent()) {
      return table;
    }
    var definition = table.sources().getFirst().restName();
    var display = new ArrayList<Column>();
    for (var column : table.columns()) {
      if (column.property().isEmpty()) {
        continue;
      }
      var property = column.property().get();
      var kind =
          customFields.stream()
              .filter(f -> f.id().equals(property))
              .findFirst()
              .map(CustomField::kind)
              .or(() -> RecordSchema.get().kind(definition, property));
      if (kind.isPresent()
          && (kind.get() instanceof RecordSchema.Kind.Reference
              || kind.get() instanceof RecordSchema.Kind.References)) {
        display.add(
            new Column(
                column.name() + DISPLAY,
                TEXT,
                s -> shownName(s.shown() == null ? null : s.shown().get(property)),
                Optional.empty()));
      }
    }
    return table.with(display);
  }

  /** A reference's refName, or a multi-select's, joined by ", ". */
  private static String shownName(JsonNode shown) {
    if (shown == null || shown.isNull()) {
      return null;
    }
    if (shown.has("items")) {
      var names = new ArrayList<String>();
      shown
          .path("items")
          .forEach(i -> names.add(i.path("refName").asString(i.path("id").asString())));
      return names.isEmpty() ? null : String.join(", ", names);
    }
    return shown.has("refName") ? shown.get("refName").asString() : null;
  }

  private static Column customColumn(CustomField field, boolean line) {
    Function<Source, JsonNode> node =
        s ->
            line
                ? (s.line() == null ? null : s.line().get(field.id()))
                : s.record().get(field.id());
    Function<Source, Object> value =
        switch (field.type()) {
          case TEXT -> s -> text(node.apply(s));
          case CHECKBOX -> s -> flag(node.apply(s));
          case INTEGER -> s -> integer(node.apply(s));
          case DECIMAL -> s -> number(node.apply(s));
          case DATE -> s -> date(node.apply(s));
          case DATETIME -> s -> timestamp(node.apply(s));
          case SELECT -> s -> refId(node.apply(s));
          // A multi-select shows its values' ids, comma-separated (unconfirmed; see docs).
          case MULTISELECT -> s -> multiIds(node.apply(s));
        };
    return new Column(field.column(), sqlTypeOf(field), value, Optional.of(field.id()));
  }

  // ---- the standard tables ------------------------------------------------------------------

  private static List<Table> standardTables() {
    var all = new ArrayList<Table>();
    all.add(
        body(
            "customer",
            List.of(RecordType.CUSTOMER),
            id(),
            text("entityid", "entityId"),
            text("companyname", "companyName"),
            text("altname", "altName"),
            text("firstname", "firstName"),
            text("lastname", "lastName"),
            flag("isperson", "isPerson"),
            text("email", "email"),
            text("phone", "phone"),
            flag("isinactive", "isInactive"),
            text("externalid", "externalId"),
            ref("parent", "parent"),
            ref("subsidiary", "subsidiary"),
            ref("terms", "terms"),
            ref("pricelevel", "priceLevel"),
            ref("currency", "currency"),
            ref("category", "category"),
            ref("salesrep", "salesRep"),
            number("creditlimit", "creditLimit"),
            new Column("entitytitle", TEXT, s -> entityTitle(s.record()), Optional.empty()),
            new Column(
                "defaultbillingaddress",
                ID,
                s -> defaultAddress(s.record(), "defaultBilling"),
                Optional.empty()),
            new Column(
                "defaultshippingaddress",
                ID,
                s -> defaultAddress(s.record(), "defaultShipping"),
                Optional.empty()),
            timestamp("datecreated", "dateCreated"),
            timestamp("lastmodifieddate", "lastModifiedDate")));
    all.add(
        body(
            "contact",
            List.of(RecordType.CONTACT),
            id(),
            text("entityid", "entityId"),
            text("firstname", "firstName"),
            text("lastname", "lastName"),
            text("email", "email"),
            text("phone", "phone"),
            text("title", "title"),
            ref("company", "company"),
            ref("subsidiary", "subsidiary"),
            flag("isinactive", "isInactive"),
            text("externalid", "externalId"),
            timestamp("datecreated", "dateCreated"),
            timestamp("lastmodifieddate", "lastModifiedDate")));
    all.add(
        lines(
            "customeraddressbook",
            List.of(RecordType.CUSTOMER),
            "addressBook",
            "entity",
            owner("entity"),
            lineColumn("internalid", ID, l -> integer(l.get("internalId"))),
            lineColumn("label", TEXT, l -> text(l.get("label"))),
            lineColumn("defaultbilling", FLAG, l -> flag(l.get("defaultBilling"))),
            lineColumn("defaultshipping", FLAG, l -> flag(l.get("defaultShipping"))),
            lineColumn("isresidential", FLAG, l -> flag(l.get("isResidential"))),
            lineColumn("addressbookaddress", ID, l -> integer(l.get("internalId")))));
    all.add(
        lines(
            "entityaddress",
            List.of(RecordType.CUSTOMER),
            "addressBook",
            "recordowner",
            lineColumn("nkey", ID, l -> integer(l.get("internalId"))),
            owner("recordowner"),
            address("addr1"),
            address("addr2"),
            address("addr3"),
            address("city"),
            address("state"),
            address("zip"),
            // A country is a code ("US"), shown as a reference {id, refName} on the record.
            lineColumn(
                "country", TEXT, l -> countryCode(l.path("addressBookAddress").get("country"))),
            address("addressee"),
            address("attention"),
            address("addrPhone"),
            address("addrText"),
            lineColumn(
                "lastmodifieddate", "TIMESTAMP", l -> timestamp(l.get("lastModifiedDate")))));
    all.add(
        body(
            "item",
            List.of(RecordType.INVENTORY_ITEM, RecordType.ASSEMBLY_ITEM),
            id(),
            text("itemid", "itemId"),
            text("displayname", "displayName"),
            text("description", "description"),
            new Column("itemtype", TEXT, s -> s.type().typeCode(), Optional.empty()),
            text("upccode", "upcCode"),
            flag("isinactive", "isInactive"),
            text("externalid", "externalId"),
            ref("parent", "parent"),
            enumId("matrixtype", "matrixType"),
            text("fullname", "itemId"),
            number("weight", "weight"),
            timestamp("createddate", "createdDate"),
            timestamp("lastmodifieddate", "lastModifiedDate")));
    var itemLocationColumns =
        new Column[] {
          owner("item"),
          lineColumn("location", ID, l -> refId(l.get("location"))),
          lineColumn("quantityonhand", NUMBER, l -> number(l.get("quantityOnHand"))),
          lineColumn("quantityavailable", NUMBER, l -> number(l.get("quantityAvailable"))),
          lineColumn("quantitycommitted", NUMBER, l -> number(l.get("quantityCommitted"))),
          lineColumn("quantitybackordered", NUMBER, l -> number(l.get("quantityBackOrdered"))),
          lineColumn("quantityonorder", NUMBER, l -> number(l.get("quantityOnOrder"))),
          lineColumn("reorderpoint", NUMBER, l -> number(l.get("reorderPoint"))),
          lineColumn("preferredstocklevel", NUMBER, l -> number(l.get("preferredStockLevel")))
        };
    // netsuite-api.md §4: both inventoryItemLocations and aggregateItemLocation carry these.
    all.add(lines("inventoryitemlocations", items(), "locations", "item", itemLocationColumns));
    all.add(lines("aggregateitemlocation", items(), "locations", "item", itemLocationColumns));
    all.add(
        lines(
            "pricing",
            items(),
            "price",
            "item",
            owner("item"),
            lineColumn("pricelevel", ID, l -> refId(l.get("priceLevel"))),
            lineColumn("currency", ID, l -> refId(l.get("currencyPage"))),
            lineColumn("unitprice", NUMBER, l -> number(l.get("price")))));
    all.add(
        body(
            "transaction",
            transactions(),
            id(),
            text("tranid", "tranId"),
            date("trandate", "tranDate"),
            new Column("type", TEXT, s -> s.type().typeCode(), Optional.empty()),
            new Column("status", TEXT, s -> refId(s.record().get("status")), Optional.of("status")),
            new Column("entity", ID, s -> entity(s.record()), Optional.of("entity")),
            ref("createdfrom", "createdFrom"),
            text("otherrefnum", "otherRefNum"),
            text("memo", "memo"),
            ref("currency", "currency"),
            ref("subsidiary", "subsidiary"),
            ref("terms", "terms"),
            text("externalid", "externalId"),
            number("foreigntotal", "total"),
            number("foreignamountremaining", "amountRemaining"),
            enumId("shipstatus", "shipStatus"),
            timestamp("createddate", "createdDate"),
            timestamp("lastmodifieddate", "lastModifiedDate")));
    all.add(
        lines(
            "transactionline",
            transactions(),
            "item",
            "transaction",
            owner("transaction"),
            new Column("id", ID, s -> (long) s.lineNumber(), Optional.empty()),
            new Column("linesequencenumber", ID, s -> (long) s.lineNumber(), Optional.empty()),
            new Column("mainline", FLAG, s -> s.line() == null ? "T" : "F", Optional.empty()),
            new Column("entity", ID, s -> entity(s.record()), Optional.empty()),
            new Column(
                "createdfrom", ID, s -> refId(s.record().get("createdFrom")), Optional.empty()),
            lineColumn("item", ID, l -> refId(l.get("item"))),
            lineColumn("quantity", NUMBER, l -> number(l.get("quantity"))),
            lineColumn("rate", NUMBER, l -> number(l.get("rate"))),
            lineColumn("netamount", NUMBER, l -> number(l.get("amount"))),
            lineColumn("location", ID, l -> refId(l.get("location"))),
            lineColumn("memo", TEXT, l -> text(l.get("description"))),
            lineColumn("isclosed", FLAG, l -> flag(l.get("isClosed"))),
            lineColumn("quantityshiprecv", NUMBER, l -> number(l.get("quantityFulfilled"))),
            lineColumn("quantitybilled", NUMBER, l -> number(l.get("quantityBilled"))),
            lineColumn("orderline", ID, l -> integer(l.get("orderLine")))));
    all.add(
        body(
            "term",
            List.of(RecordType.TERM),
            id(),
            text("name", "name"),
            integerColumn("daysuntilnetdue", "daysUntilNetDue"),
            flag("isinactive", "isInactive"),
            text("externalid", "externalId"),
            timestamp("lastmodifieddate", "lastModifiedDate")));
    all.add(
        body(
            "currency",
            List.of(RecordType.CURRENCY),
            id(),
            text("name", "name"),
            text("symbol", "symbol"),
            flag("isbasecurrency", "isBaseCurrency"),
            number("exchangerate", "exchangeRate"),
            flag("isinactive", "isInactive"),
            text("externalid", "externalId"),
            timestamp("lastmodifieddate", "lastModifiedDate")));
    all.add(
        body(
            "subsidiary",
            List.of(RecordType.SUBSIDIARY),
            id(),
            text("name", "name"),
            ref("currency", "currency"),
            enumId("country", "country"),
            ref("parent", "parent"),
            flag("isinactive", "isInactive"),
            text("externalid", "externalId"),
            timestamp("lastmodifieddate", "lastModifiedDate")));
    all.add(
        body(
            "location",
            List.of(RecordType.LOCATION),
            id(),
            text("name", "name"),
            new Column(
                "subsidiary",
                ID,
                s -> firstRefId(s.record().get("subsidiary")),
                Optional.of("subsidiary")),
            ref("parent", "parent"),
            flag("isinactive", "isInactive"),
            text("externalid", "externalId"),
            timestamp("lastmodifieddate", "lastModifiedDate")));
    all.add(
        body(
            "pricelevel",
            List.of(RecordType.PRICE_LEVEL),
            id(),
            text("name", "name"),
            number("discountpct", "discountPct"),
            flag("isinactive", "isInactive"),
            text("externalid", "externalId"),
            timestamp("lastmodifieddate", "lastModifiedDate")));
    return List.copyOf(all);
  }

  private static List<RecordType> items() {
    return List.of(RecordType.INVENTORY_ITEM, RecordType.ASSEMBLY_ITEM);
  }

  private static List<RecordType> transactions() {
    return Stream.of(RecordType.values()).filter(RecordType::isTransaction).toList();
  }

  private static Table body(String name, List<RecordType> sources, Column... columns) {
    return new Table(name, sources, Optional.empty(), "id", List.of(columns));
  }

  private static Table lines(
      String name, List<RecordType> sources, String sublist, String owner, Column... columns) {
    return new Table(name, sources, Optional.of(sublist), owner, List.of(columns));
  }

  private static Column id() {
    return new Column("id", ID, s -> s.id(), Optional.of("id"));
  }

  private static Column owner(String name) {
    return new Column(name, ID, s -> s.id(), Optional.empty());
  }

  private static Column lineColumn(String name, String sqlType, Function<JsonNode, Object> value) {
    return new Column(
        name, sqlType, s -> s.line() == null ? null : value.apply(s.line()), Optional.empty());
  }

  private static Column address(String property) {
    return lineColumn(
        property.toLowerCase(Locale.ROOT),
        TEXT,
        l -> text(l.path("addressBookAddress").get(property)));
  }

  private static Column text(String name, String property) {
    return new Column(name, TEXT, s -> text(s.record().get(property)), Optional.of(property));
  }

  private static Column flag(String name, String property) {
    return new Column(name, FLAG, s -> flag(s.record().get(property)), Optional.of(property));
  }

  private static Column ref(String name, String property) {
    return new Column(name, ID, s -> refId(s.record().get(property)), Optional.of(property));
  }

  private static Column enumId(String name, String property) {
    return new Column(name, TEXT, s -> enumValue(s.record().get(property)), Optional.of(property));
  }

  private static Column number(String name, String property) {
    return new Column(name, NUMBER, s -> number(s.record().get(property)), Optional.of(property));
  }

  private static Column integerColumn(String name, String property) {
    return new Column(name, ID, s -> integer(s.record().get(property)), Optional.of(property));
  }

  private static Column date(String name, String property) {
    return new Column(name, "DATE", s -> date(s.record().get(property)), Optional.of(property));
  }

  private static Column timestamp(String name, String property) {
    return new Column(
        name, "TIMESTAMP", s -> timestamp(s.record().get(property)), Optional.of(property));
  }

  // ---- values -----------------------------------------------------------------------------------

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asString();
  }

  /** netsuite-api.md §4: booleans are 'T' and 'F'. */
  private static String flag(JsonNode node) {
    return node != null && node.asBoolean(false) ? "T" : "F";
  }

  private static Long integer(JsonNode node) {
    return node == null || node.isNull() ? null : node.asLong();
  }

  private static BigDecimal number(JsonNode node) {
    return node == null || node.isNull() ? null : node.decimalValue();
  }

  private static LocalDate date(JsonNode node) {
    return node == null || node.isNull() ? null : LocalDate.parse(node.asString());
  }

  private static Timestamp timestamp(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return Timestamp.valueOf(
        Instant.parse(node.asString()).atOffset(ZoneOffset.UTC).toLocalDateTime());
  }

  private static Long refId(JsonNode node) {
    if (node == null || node.isNull() || !node.has("id")) {
      return null;
    }
    var id = node.get("id").asString();
    return id.chars().allMatch(Character::isDigit) && !id.isEmpty() ? Long.valueOf(id) : null;
  }

  private static String countryCode(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return node.isObject() ? node.path("id").asString(null) : node.asString();
  }

  private static Object enumValue(JsonNode node) {
    return node == null || node.isNull() ? null : node.path("id").asString(null);
  }

  private static Long firstRefId(JsonNode collection) {
    if (collection == null) {
      return null;
    }
    var items = collection.path("items");
    return items.isEmpty() ? null : refId(items.get(0));
  }

  private static String multiIds(JsonNode collection) {
    if (collection == null || collection.path("items").isEmpty()) {
      return null;
    }
    var ids = new ArrayList<String>();
    collection.path("items").forEach(i -> ids.add(i.path("id").asString()));
    return String.join(", ", ids);
  }

  private static Long entity(ObjectNode record) {
    var entity = refId(record.get("entity"));
    return entity != null ? entity : refId(record.get("customer"));
  }

  private static String entityTitle(ObjectNode record) {
    var entityId = text(record.get("entityId"));
    var name = text(record.get("companyName"));
    return name == null || name.equals(entityId) ? entityId : entityId + " " + name;
  }

  private static Long defaultAddress(ObjectNode record, String flag) {
    for (var line : record.path("addressBook").path("items")) {
      if (line.path(flag).asBoolean(false)) {
        return integer(line.get("internalId"));
      }
    }
    return null;
  }
}
