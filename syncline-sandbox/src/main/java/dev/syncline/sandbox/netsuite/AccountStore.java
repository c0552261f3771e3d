package dev.syncline.sandbox.netsuite;

import dev.syncline.sandbox.common.SandboxHttp;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.h2.jdbcx.JdbcConnectionPool;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One account's state, in an embedded H2 database in Oracle mode (DESIGN.md section 5): the records
 * as documents in a schema SuiteQL cannot see, and NetSuite's tables, projected from them in the
 * same transaction. SuiteQL runs as a user that may only read those tables.
 */
final class AccountStore implements AutoCloseable {

  /** Work done on one connection, in one transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** A record as stored. */
  record Stored(RecordType type, long id, ObjectNode document) {}

  private static final String SUITEQL_USER = "SUITEQL";

  private final JdbcConnectionPool admin;
  private final JdbcConnectionPool suiteQl;
  private final SuiteQlTables tables;
  private final Map<RecordType.Family, AtomicLong> sequences =
      new EnumMap<>(RecordType.Family.class);
  private final AtomicLong lineSequence = new AtomicLong();
  private final CustomFields customFields;

  AccountStore(SuiteQlTables tables, CustomFields customFields) {
    this.tables = tables;
    this.customFields = customFields;
    var database = "jdbc:h2:mem:netsuite-" + UUID.randomUUID();
    var url = database + ";MODE=Oracle;DB_CLOSE_DELAY=-1;DEFAULT_NULL_ORDERING=HIGH";
    var password = UUID.randomUUID().toString();
    this.admin = JdbcConnectionPool.create(url, "SA", password);
    admin.setMaxConnections(64);
    for (var family : RecordType.Family.values()) {
      sequences.put(family, new AtomicLong());
    }
    var suiteQlPassword = UUID.randomUUID().toString();
    write(c -> {
      try (var s = c.createStatement()) {
        s.execute("CREATE SCHEMA SANDBOX");
        s.execute(
            "CREATE TABLE SANDBOX.RECORD (TYPE VARCHAR(40), ID BIGINT, EXTERNAL_ID"
                + " VARCHAR(450), DOC VARCHAR(1000000), PRIMARY KEY (TYPE, ID))");
        s.execute("CREATE UNIQUE INDEX SANDBOX.RECORD_EID ON SANDBOX.RECORD (EXTERNAL_ID)");
        for (var table : tables.tables()) {
          s.execute(createTable(table));
          s.execute(
              "CREATE INDEX "
                  + table.name()
                  + "_owner ON "
                  + table.name()
                  + " ("
                  + table.owner()
                  + ")");
        }
        s.execute("CREATE INDEX customer_modified ON customer (lastmodifieddate, id)");
        s.execute("CREATE INDEX transaction_modified ON transaction (lastmodifieddate, id)");
        s.execute("CREATE INDEX item_modified ON item (lastmodifieddate, id)");
        s.execute("CREATE USER " + SUITEQL_USER + " PASSWORD '" + suiteQlPassword + "'");
        s.execute("GRANT SELECT ON SCHEMA PUBLIC TO " + SUITEQL_USER);
      }
      return null;
    });
    // The settings in the URL are the database's, set by its admin; this user may not set them.
    this.suiteQl = JdbcConnectionPool.create(database, SUITEQL_USER, suiteQlPassword);
    suiteQl.setMaxConnections(64);
  }

  SuiteQlTables tables() {
    return tables;
  }

  <T> T write(Work<T> work) {
    try (var c = admin.getConnection()) {
      c.setAutoCommit(false);
      try {
        var result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("The sandbox's database failed: " + e.getMessage(), e);
    }
  }

  <T> T read(Work<T> work) {
    try (var c = admin.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new IllegalStateException("The sandbox's database failed: " + e.getMessage(), e);
    }
  }

  /** A connection as the SuiteQL user, who may only read NetSuite's tables. */
  Connection suiteQlConnection() throws SQLException {
    return suiteQl.getConnection();
  }

  long nextId(RecordType type) {
    return sequences.get(type.family()).incrementAndGet();
  }

  /** Keeps generated ids above one given by a seed. */
  void reserveId(RecordType type, long id) {
    sequences.get(type.family()).accumulateAndGet(id, Math::max);
  }

  /** Ids for sublist lines that NetSuite numbers account-wide (address book lines). */
  long nextLineId() {
    return lineSequence.incrementAndGet();
  }

  void reserveLineId(long id) {
    lineSequence.accumulateAndGet(id, Math::max);
  }

  Optional<ObjectNode> find(Connection c, RecordType type, long id, boolean forUpdate)
      throws SQLException {
    try (var s =
        c.prepareStatement(
            "SELECT DOC FROM SANDBOX.RECORD WHERE TYPE = ? AND ID = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
      s.setString(1, type.restName());
      s.setLong(2, id);
      try (var rs = s.executeQuery()) {
        return rs.next() ? Optional.of(parse(rs.getString(1))) : Optional.empty();
      }
    }
  }

  Optional<Long> idOfExternal(Connection c, RecordType type, String externalId)
      throws SQLException {
    try (var s = c.prepareStatement("SELECT ID FROM SANDBOX.RECORD WHERE EXTERNAL_ID = ?")) {
      s.setString(1, type.restName() + ":" + externalId);
      try (var rs = s.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  /** Whether a record of one of {@code types} has this id. */
  Optional<RecordType> typeOf(Connection c, Collection<RecordType> types, long id)
      throws SQLException {
    for (var type : types) {
      try (var s = c.prepareStatement("SELECT 1 FROM SANDBOX.RECORD WHERE TYPE = ? AND ID = ?")) {
        s.setString(1, type.restName());
        s.setLong(2, id);
        try (var rs = s.executeQuery()) {
          if (rs.next()) {
            return Optional.of(type);
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Writes new records and their rows in NetSuite's tables, batched. */
  void insert(Connection c, RecordType type, List<Stored> records) throws SQLException {
    try (var s =
        c.prepareStatement(
            "INSERT INTO SANDBOX.RECORD (TYPE, ID, EXTERNAL_ID, DOC) VALUES (?, ?, ?, ?)")) {
      for (var record : records) {
        s.setString(1, type.restName());
        s.setLong(2, record.id());
        s.setString(3, externalKey(type, record.document()));
        s.setString(4, record.document().toString());
        s.addBatch();
      }
      s.executeBatch();
    }
    project(c, type, records);
  }

  void update(Connection c, RecordType type, long id, ObjectNode document) throws SQLException {
    try (var s =
        c.prepareStatement(
            "UPDATE SANDBOX.RECORD SET EXTERNAL_ID = ?, DOC = ? WHERE TYPE = ? AND ID = ?")) {
      s.setString(1, externalKey(type, document));
      s.setString(2, document.toString());
      s.setString(3, type.restName());
      s.setLong(4, id);
      s.executeUpdate();
    }
    unproject(c, type, id);
    project(c, type, List.of(new Stored(type, id, document)));
  }

  void delete(Connection c, RecordType type, long id) throws SQLException {
    try (var s = c.prepareStatement("DELETE FROM SANDBOX.RECORD WHERE TYPE = ? AND ID = ?")) {
      s.setString(1, type.restName());
      s.setLong(2, id);
      s.executeUpdate();
    }
    unproject(c, type, id);
  }

  /** Adds a custom field's column to the tables of the records it belongs to. */
  void addColumn(CustomField field) {
    write(c -> {
      try (var s = c.createStatement()) {
        for (var table : tables.tablesOf(field)) {
          s.execute(
              "ALTER TABLE "
                  + table.name()
                  + " ADD COLUMN IF NOT EXISTS "
                  + field.column()
                  + " "
                  + SuiteQlTables.sqlTypeOf(field));
          if (field.kind() instanceof RecordSchema.Kind.Reference
              || field.kind() instanceof RecordSchema.Kind.References) {
            s.execute(
                "ALTER TABLE "
                    + table.name()
                    + " ADD COLUMN IF NOT EXISTS "
                    + field.column()
                    + SuiteQlTables.DISPLAY
                    + " VARCHAR(4000) INVISIBLE");
          }
        }
      }
      return null;
    });
  }

  /** Forgets every record and row. */
  void clear() {
    write(c -> {
      try (var s = c.createStatement()) {
        s.execute("DELETE FROM SANDBOX.RECORD");
        for (var table : tables.tables()) {
          s.execute("DELETE FROM " + table.name());
        }
      }
      return null;
    });
    sequences.values().forEach(a -> a.set(0));
    lineSequence.set(0);
  }

  /** The records of a type, by id, for the seed and the control API. */
  List<Long> ids(Connection c, RecordType type) throws SQLException {
    var ids = new ArrayList<Long>();
    try (var s = c.prepareStatement("SELECT ID FROM SANDBOX.RECORD WHERE TYPE = ? ORDER BY ID")) {
      s.setString(1, type.restName());
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids;
  }

  @Override
  public void close() {
    try (var c = admin.getConnection();
        var s = c.createStatement()) {
      s.execute("SHUTDOWN");
    } catch (SQLException e) {
      // Shutting the database down closes this very connection; nothing is left to release.
    }
    admin.dispose();
    suiteQl.dispose();
  }

  private void project(Connection c, RecordType type, List<Stored> records) throws SQLException {
    // The display values of references (BUILTIN.DF) are the names the record service shows.
    var shown = new java.util.HashMap<Long, JsonNode>();
    if (tables.showsNames(type)) {
      var renderer = new RecordRenderer(c, this, customFields, "");
      for (var record : records) {
        shown.put(
            record.id(),
            renderer.render(type, record.id(), record.document(), true, Optional.empty()));
      }
    }
    for (var table : tables.tablesOf(type)) {
      try (var s = c.prepareStatement(insertInto(table))) {
        var columns = table.columns();
        for (var record : records) {
          for (var source :
              table.sourcesOf(type, record.id(), record.document(), shown.get(record.id()))) {
            for (int i = 0; i < columns.size(); i++) {
              s.setObject(i + 1, columns.get(i).value().apply(source));
            }
            s.addBatch();
          }
        }
        s.executeBatch();
      }
    }
  }

  private void unproject(Connection c, RecordType type, long id) throws SQLException {
    for (var table : tables.tablesOf(type)) {
      try (PreparedStatement s =
          c.prepareStatement("DELETE FROM " + table.name() + " WHERE " + table.owner() + " = ?")) {
        s.setLong(1, id);
        s.executeUpdate();
      }
    }
  }

  private static String createTable(SuiteQlTables.Table table) {
    return "CREATE TABLE "
        + table.name()
        + " ("
        + table.columns().stream()
            .map(c ->
                c.name()
                    + " "
                    + c.sqlType()
                    + (c.name().endsWith(SuiteQlTables.DISPLAY) ? " INVISIBLE" : ""))
            .collect(Collectors.joining(", "))
        + ")";
  }

  private static String insertInto(SuiteQlTables.Table table) {
    return "INSERT INTO "
        + table.name()
        + " ("
        + table.columns().stream().map(SuiteQlTables.Column::name).collect(Collectors.joining(", "))
        + ") VALUES ("
        + table.columns().stream().map(c -> "?").collect(Collectors.joining(", "))
        + ")";
  }

  /**
   * External ids are unique per record type; the key carries the type so that one unique column
   * holds them (Oracle mode would count a type with a null id as a duplicate).
   */
  private static String externalKey(RecordType type, ObjectNode document) {
    var externalId = document.path("externalId").asString(null);
    return externalId == null ? null : type.restName() + ":" + externalId;
  }

  static ObjectNode parse(String json) {
    return (ObjectNode) SandboxHttp.JSON.readTree(json);
  }
}
