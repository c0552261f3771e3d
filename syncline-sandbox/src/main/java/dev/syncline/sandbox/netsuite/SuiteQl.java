package dev.syncline.sandbox.netsuite;

import dev.syncline.sandbox.common.SandboxHttp;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * SuiteQL over an account's tables (netsuite-api.md §4): real SQL by H2 in Oracle mode, paged as
 * NetSuite pages (limit at most 1000, offset a multiple of limit, no page past the row ceiling),
 * rows with lower-case keys and string values, and NetSuite's error texts for unknown tables and
 * columns.
 */
final class SuiteQl {

  private static final Pattern UNKNOWN_TABLE = Pattern.compile("Table \"([^\"]+)\" not found");
  private static final Pattern NO_RIGHTS =
      Pattern.compile("Not enough rights for object \"?([^\"\\s;]+)");
  private static final Pattern UNKNOWN_COLUMN = Pattern.compile("Column \"([^\"]+)\" not found");
  private static final Pattern SOURCES =
      Pattern.compile(
          "(?i)\\b(?:FROM|JOIN)\\s+([A-Za-z_]\\w*)(?:\\s+(?:AS\\s+)?(?!(?:WHERE|JOIN|LEFT|RIGHT|INNER|OUTER|ON|GROUP|ORDER|CROSS|FULL|UNION|HAVING)\\b)([A-Za-z_]\\w*))?");

  /** netsuite-api.md §4: BUILTIN.DF(field) is a field's display value. */
  private static final Pattern DISPLAY_VALUE =
      Pattern.compile(
          "(?i)\\bBUILTIN\\s*\\.\\s*DF\\s*\\(\\s*((?:[A-Za-z_]\\w*\\s*\\.\\s*)?[A-Za-z_]\\w*)\\s*\\)");

  private static final Pattern OTHER_BUILTIN = Pattern.compile("(?i)\\bBUILTIN\\s*\\.\\s*(\\w+)");
  private static final String PREFIX =
      "Invalid search query. Detailed unprocessed description follows. ";

  private final AccountStore store;
  private final NetSuiteSettings settings;

  SuiteQl(AccountStore store, NetSuiteSettings settings) {
    this.store = store;
    this.settings = settings;
  }

  /**
   * One page of a query's rows.
   *
   * @param selfUrl the URL the request was sent to, without its query string
   */
  ObjectNode page(String query, int limit, int offset, String selfUrl) {
    if (!query.stripLeading().regionMatches(true, 0, "SELECT", 0, 6)) {
      // netsuite-api.md §4: only SELECT is supported.
      throw invalid("Search error occurred: only SELECT statements are supported.");
    }
    if (offset >= settings.rowCeiling()) {
      // netsuite-api.md §4: a hard cap of 100,000 results per query; its wording is unconfirmed.
      throw NetSuiteError.badRequest(
          "INVALID_PARAMETER",
          "The offset "
              + offset
              + " is past the "
              + settings.rowCeiling()
              + " results a SuiteQL query can return. Narrow the query, for example by the last"
              + " id read.");
    }
    var sql = displayValues(query.strip());
    while (sql.endsWith(";")) {
      sql = sql.substring(0, sql.length() - 1).strip();
    }
    try (var c = store.suiteQlConnection()) {
      long total;
      try (var s = c.prepareStatement("SELECT COUNT(*) FROM (" + sql + "\n) suiteql_count")) {
        var stop = stopLater(s);
        try (var rs = s.executeQuery()) {
          stop.run();
          rs.next();
          total = rs.getLong(1);
        }
      }
      var items = SandboxHttp.JSON.createArrayNode();
      try (var s = c.prepareStatement(sql + "\nOFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
        var stop = stopLater(s);
        s.setInt(1, offset);
        s.setInt(2, limit);
        try (var rs = s.executeQuery()) {
          stop.run();
          var meta = rs.getMetaData();
          while (rs.next()) {
            var row = items.addObject();
            row.set("links", SandboxHttp.JSON.createArrayNode());
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              var value = rs.getObject(i);
              if (value != null) {
                row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), text(value));
              }
            }
          }
        }
      }
      var reachable = Math.min(total, settings.rowCeiling());
      var hasMore = offset + items.size() < reachable;
      var out = SandboxHttp.JSON.createObjectNode();
      var links = out.putArray("links");
      if (hasMore) {
        links
            .addObject()
            .put("rel", "next")
            .put("href", selfUrl + "?limit=" + limit + "&offset=" + (offset + limit));
      }
      links
          .addObject()
          .put("rel", "self")
          .put("href", selfUrl + "?limit=" + limit + "&offset=" + offset);
      out.put("count", items.size());
      out.put("hasMore", hasMore);
      out.set("items", items);
      out.put("offset", offset);
      out.put("totalResults", total);
      return out;
    } catch (SQLException e) {
      throw translate(e, sql);
    }
  }

  /**
   * BUILTIN.DF(field) reads the field's hidden display column ({@link SuiteQlTables#DISPLAY}),
   * which only references to records and lists have. Other built-ins are not simulated, and say so.
   */
  private static String displayValues(String query) {
    var rewritten =
        DISPLAY_VALUE
            .matcher(query)
            .replaceAll(m ->
                java.util.regex.Matcher.quoteReplacement(
                    m.group(1).replaceAll("\\s+", "") + SuiteQlTables.DISPLAY));
    var other = OTHER_BUILTIN.matcher(rewritten);
    if (other.find()) {
      throw invalid(
          "Search error occurred: BUILTIN."
              + other.group(1).toUpperCase(Locale.ROOT)
              + " is not simulated by the sandbox; only BUILTIN.DF(field) is.");
    }
    return rewritten;
  }

  /**
   * Cancels the statement if it is still running when the timeout ends; the returned action disarms
   * that. (A query timeout set through JDBC would need admin rights in H2.)
   */
  private Runnable stopLater(java.sql.Statement statement) {
    var done = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.CompletableFuture.delayedExecutor(
            settings.suiteQlTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .execute(() -> {
          if (!done.get()) {
            try {
              statement.cancel();
            } catch (SQLException e) {
              // The statement finished and closed meanwhile: nothing left to stop.
            }
          }
        });
    return () -> done.set(true);
  }

  /** netsuite-api.md §4: the verbatim details for an unknown table and an unknown column. */
  private static NetSuiteError translate(SQLException e, String query) {
    var message = e.getMessage() == null ? "" : e.getMessage();
    var table = UNKNOWN_TABLE.matcher(message);
    if (table.find()) {
      return invalid("Invalid search type: " + table.group(1).toLowerCase(Locale.ROOT) + ".");
    }
    var rights = NO_RIGHTS.matcher(message);
    if (rights.find()) {
      return invalid("Invalid search type: " + rights.group(1).toLowerCase(Locale.ROOT) + ".");
    }
    var column = UNKNOWN_COLUMN.matcher(message);
    if (column.find()) {
      var name = column.group(1).toLowerCase(Locale.ROOT);
      var dot = name.lastIndexOf('.');
      if (name.endsWith(SuiteQlTables.DISPLAY)) {
        // A display value asked of a field that has none (its wording is the sandbox's own).
        var field = name.substring(dot + 1, name.length() - SuiteQlTables.DISPLAY.length());
        return invalid(
            "Search error occurred: BUILTIN.DF("
                + field
                + ") needs a field that refers to a record or a list; "
                + field
                + " is neither, or is unknown.");
      }
      return invalid(
          "Search error occurred: Unknown identifier '"
              + (dot < 0 ? name : name.substring(dot + 1))
              + "'. Available identifiers are: "
              + identifiers(query)
              + ".");
    }
    if (e.getErrorCode() == org.h2.api.ErrorCode.STATEMENT_WAS_CANCELED) {
      return invalid("Search error occurred: the query ran too long and was stopped.");
    }
    var firstLine = message.lines().findFirst().orElse(message);
    var sqlAt = firstLine.indexOf("; SQL statement:");
    return invalid(
        "Search error occurred: " + (sqlAt < 0 ? firstLine : firstLine.substring(0, sqlAt)));
  }

  private static String identifiers(String query) {
    var found = new ArrayList<String>();
    var m = SOURCES.matcher(query);
    while (m.find()) {
      var table = m.group(1).toLowerCase(Locale.ROOT);
      var alias = m.group(2) == null ? table : m.group(2).toLowerCase(Locale.ROOT);
      found.add(alias + "=" + table);
    }
    return "{" + String.join(", ", found) + "}";
  }

  private static NetSuiteError invalid(String detail) {
    return new NetSuiteError(400, "INVALID_PARAMETER", PREFIX + detail, Optional.empty());
  }

  /**
   * netsuite-api.md §4: values come back as strings (unconfirmed); dates and datetimes in the
   * user's date format, as NetSuite shows them (use TO_CHAR for the time).
   */
  private String text(Object value) {
    var dates = DateTimeFormatter.ofPattern(settings.dateFormat(), Locale.US);
    return switch (value) {
      case Timestamp t -> t.toLocalDateTime().format(dates);
      case LocalDateTime t -> t.format(dates);
      case java.sql.Date d -> d.toLocalDate().format(dates);
      case LocalDate d -> d.format(dates);
      case BigDecimal d -> d.stripTrailingZeros().toPlainString();
      default -> value.toString();
    };
  }
}
