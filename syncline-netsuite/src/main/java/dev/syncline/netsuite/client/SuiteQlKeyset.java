package dev.syncline.netsuite.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A SuiteQL query read in keyset order, so that any number of rows can be read: each page asks for
 * the rows after the last one seen, ordered by a unique key, instead of paging by offset into the
 * 100,000-row ceiling (netsuite-api.md §4, §7: a unique ORDER BY, keyset paging past 100k).
 *
 * <p>The keys are selected too, under their aliases, so that each row tells its position; a caller
 * keeps the position of the last row it handled as its watermark.
 *
 * @param columns the select list, such as {@code c.id, c.companyname}
 * @param from the FROM clause with joins, such as {@code customer c}
 * @param where an optional filter, ANDed with the keyset condition
 * @param keys the ordering, most significant first; together unique
 */
public record SuiteQlKeyset(String columns, String from, Optional<String> where, List<Key> keys) {

  /** What a key holds, which decides how its values are shown and compared. */
  public enum Kind {
    /** A date-time column, shown and compared to the second in the account's time zone. */
    DATETIME,
    /** A whole number, such as an internal id. */
    INTEGER
  }

  /**
   * One key of the ordering.
   *
   * @param expression the column, such as {@code c.lastmodifieddate}
   * @param alias the lower-case name it is selected as, such as {@code modified}
   */
  public record Key(String expression, Kind kind, String alias) {
    public Key {
      if (!alias.matches("[a-z_][a-z0-9_]*")) {
        throw new IllegalArgumentException(
            "A key's alias is lower-case letters, digits and _, not " + alias);
      }
    }
  }

  private static final String DATETIME_FORMAT = "YYYY-MM-DD HH24:MI:SS";
  private static final Pattern DATETIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,19}");

  public SuiteQlKeyset {
    keys = List.copyOf(keys);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("A keyset needs at least one key");
    }
  }

  /**
   * The records of a table changed after a watermark, oldest first: ordered by {@code
   * lastmodifieddate} then {@code id}, which is unique even when thousands share one time.
   */
  public static SuiteQlKeyset changed(String table, String columns, Optional<String> where) {
    return new SuiteQlKeyset(
        columns,
        table,
        where,
        List.of(
            new Key("lastmodifieddate", Kind.DATETIME, "modified"),
            new Key("id", Kind.INTEGER, "keyid")));
  }

  /** The query for the page after {@code position} (empty: from the start). */
  String query(Optional<List<String>> position) {
    var select = new StringBuilder("SELECT ").append(columns);
    for (var key : keys) {
      select.append(", ").append(shown(key)).append(" AS ").append(key.alias());
    }
    var conditions = new ArrayList<String>();
    where.ifPresent(w -> conditions.add("(" + w + ")"));
    position.ifPresent(p -> conditions.add("(" + after(p) + ")"));
    var order = keys.stream().map(k -> k.expression() + " ASC").toList();
    return select
        + " FROM "
        + from
        + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
        + " ORDER BY "
        + String.join(", ", order);
  }

  /** The position of a row this keyset's query returned: its key values in order. */
  public List<String> positionOf(SuiteQlRow row) {
    return keys.stream().map(k -> row.require(k.alias())).toList();
  }

  /** Refuses a position that is not one this keyset produced, since it becomes SuiteQL text. */
  void check(List<String> position) {
    if (position.size() != keys.size()) {
      throw new IllegalArgumentException(
          "A position has one value per key: " + keys.size() + ", not " + position.size());
    }
    for (int i = 0; i < keys.size(); i++) {
      var pattern = keys.get(i).kind() == Kind.DATETIME ? DATETIME : INTEGER;
      if (!pattern.matcher(position.get(i)).matches()) {
        throw new IllegalArgumentException(
            "Position value "
                + position.get(i)
                + " for "
                + keys.get(i).alias()
                + " is not a "
                + keys.get(i).kind());
      }
    }
  }

  /** (k1 > v1) OR (k1 = v1 AND k2 > v2) OR ...: the rows strictly after a position. */
  private String after(List<String> position) {
    var alternatives = new ArrayList<String>();
    for (int i = 0; i < keys.size(); i++) {
      var parts = new ArrayList<String>();
      for (int j = 0; j < i; j++) {
        parts.add(keys.get(j).expression() + " = " + literal(keys.get(j), position.get(j)));
      }
      parts.add(keys.get(i).expression() + " > " + literal(keys.get(i), position.get(i)));
      alternatives.add("(" + String.join(" AND ", parts) + ")");
    }
    return String.join(" OR ", alternatives);
  }

  /** netsuite-api.md §4: TO_CHAR and TO_TIMESTAMP with an explicit format, not the user's. */
  private static String shown(Key key) {
    return key.kind() == Kind.DATETIME
        ? "TO_CHAR(" + key.expression() + ", '" + DATETIME_FORMAT + "')"
        : key.expression();
  }

  private static String literal(Key key, String value) {
    return key.kind() == Kind.DATETIME
        ? "TO_TIMESTAMP('" + value + "', '" + DATETIME_FORMAT + "')"
        : value;
  }
}
