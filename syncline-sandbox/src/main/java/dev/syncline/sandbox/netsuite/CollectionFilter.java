package dev.syncline.sandbox.netsuite;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The record service's {@code q} filter, turned into SQL over the record type's table.
 * netsuite-api.md §3.7: {@code field OPERATOR value}, combined with AND, OR and parentheses, over
 * body fields only; operators by field type; date literals in the user's date format preference.
 */
final class CollectionFilter {

  /** SQL for a WHERE clause and the values of its parameters. */
  record Sql(String where, List<Object> parameters) {}

  private static final Pattern TOKEN =
      Pattern.compile("\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|\\(|\\)|\\[|\\]|,|[^\\s()\\[\\],\"]+)");

  private final SuiteQlTables.Table table;
  private final DateTimeFormatter dateFormat;
  private final DateTimeFormatter dateTimeFormat;
  private final List<String> tokens = new ArrayList<>();
  private final List<Object> parameters = new ArrayList<>();
  private int position;

  private CollectionFilter(SuiteQlTables.Table table, String dateFormat, String timeFormat) {
    this.table = table;
    this.dateFormat = formatter(dateFormat);
    this.dateTimeFormat = formatter(dateFormat + " " + timeFormat);
  }

  /** Parses "am" as well as "AM", as a person types it. */
  private static DateTimeFormatter formatter(String pattern) {
    return new java.time.format.DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern(pattern)
        .toFormatter(Locale.US);
  }

  static Sql parse(String q, SuiteQlTables.Table table, String dateFormat, String timeFormat) {
    var filter = new CollectionFilter(table, dateFormat, timeFormat);
    var matcher = TOKEN.matcher(q);
    var end = 0;
    while (matcher.lookingAt()) {
      filter.tokens.add(matcher.group(1));
      end = matcher.end();
      matcher.region(end, q.length());
    }
    if (!q.substring(end).isBlank()) {
      throw invalid("The q filter cannot be read from: " + q.substring(end));
    }
    var where = filter.expression();
    if (filter.position < filter.tokens.size()) {
      throw invalid("The q filter has more after its end: " + filter.tokens.get(filter.position));
    }
    return new Sql(where, List.copyOf(filter.parameters));
  }

  private String expression() {
    var sql = new StringBuilder(term());
    while (peekIs("OR")) {
      position++;
      sql.append(" OR ").append(term());
    }
    return sql.toString();
  }

  private String term() {
    var sql = new StringBuilder(factor());
    while (peekIs("AND")) {
      position++;
      sql.append(" AND ").append(factor());
    }
    return sql.toString();
  }

  private String factor() {
    if (peekIs("(")) {
      position++;
      var inner = expression();
      expect(")");
      return "(" + inner + ")";
    }
    return condition();
  }

  private String condition() {
    var field = next("a field name");
    var column =
        table.columns().stream()
            .filter(c -> c.property().filter(p -> p.equalsIgnoreCase(field)).isPresent())
            .findFirst()
            .orElseThrow(() -> invalid("Field '" + field + "' cannot be used in the q filter."));
    var operator = next("an operator").toUpperCase(Locale.ROOT);
    var negated = operator.endsWith("_NOT");
    var base = negated ? operator.substring(0, operator.length() - 4) : operator;
    var name = column.name();
    var sql =
        switch (base) {
          case "EMPTY" -> name + " IS NULL";
          case "IS" -> is(column);
          case "CONTAIN" -> "LOWER(" + name + ") LIKE " + like("%", text(), "%");
          case "START_WITH" -> "LOWER(" + name + ") LIKE " + like("", text(), "%");
          // netsuite-api.md §3.7: the doc prints ENDWITH but END_WITH_NOT.
          case "ENDWITH", "END_WITH" -> "LOWER(" + name + ") LIKE " + like("%", text(), "");
          case "EQUAL" -> compare(column, "=");
          case "GREATER" -> compare(column, ">");
          case "GREATER_OR_EQUAL" -> compare(column, ">=");
          case "LESS" -> compare(column, "<");
          case "LESS_OR_EQUAL" -> compare(column, "<=");
          case "BETWEEN", "WITHIN" -> between(column);
          case "ANY_OF" -> anyOf(column);
          case "AFTER", "BEFORE", "ON", "ON_OR_AFTER", "ON_OR_BEFORE" -> date(column, base);
          default -> throw invalid("Unknown operator " + operator + " in the q filter.");
        };
    return negated ? "NOT (" + sql + ")" : sql;
  }

  private String is(SuiteQlTables.Column column) {
    var value = text();
    if (column.sqlType().equals("VARCHAR(1)")) {
      parameters.add(value.equalsIgnoreCase("true") || value.equalsIgnoreCase("T") ? "T" : "F");
      return column.name() + " = ?";
    }
    parameters.add(value.toLowerCase(Locale.ROOT));
    return "LOWER(" + column.name() + ") = ?";
  }

  private String like(String before, String value, String after) {
    parameters.add(before + value.toLowerCase(Locale.ROOT).replace("%", "\\%") + after);
    return "?";
  }

  private String compare(SuiteQlTables.Column column, String op) {
    parameters.add(typed(column, text()));
    return column.name() + " " + op + " ?";
  }

  private String between(SuiteQlTables.Column column) {
    var bracketed = peekIs("[");
    if (bracketed) {
      position++;
    }
    parameters.add(typed(column, text()));
    if (peekIs(",")) {
      position++;
    }
    parameters.add(typed(column, text()));
    if (bracketed) {
      expect("]");
    }
    return column.name() + " BETWEEN ? AND ?";
  }

  private String anyOf(SuiteQlTables.Column column) {
    var bracketed = peekIs("[");
    if (bracketed) {
      position++;
    }
    var marks = new ArrayList<String>();
    do {
      if (!marks.isEmpty()) {
        position++;
      }
      parameters.add(typed(column, text()));
      marks.add("?");
    } while (peekIs(","));
    if (bracketed) {
      expect("]");
    }
    return column.name() + " IN (" + String.join(", ", marks) + ")";
  }

  /**
   * A date literal covers its whole day; one with a time, its minute. netsuite-api.md §3.7: date
   * literals follow the user's date format preference ("Unparseable date" otherwise).
   */
  private String date(SuiteQlTables.Column column, String op) {
    var literal = text();
    LocalDateTime start;
    LocalDateTime end;
    try {
      start = LocalDateTime.parse(literal, dateTimeFormat);
      end = start.plusMinutes(1);
    } catch (DateTimeParseException notWithTime) {
      try {
        start = LocalDate.parse(literal, dateFormat).atStartOfDay();
        end = start.plusDays(1);
      } catch (DateTimeParseException e) {
        throw invalid("Unparseable date: \"" + literal + "\"");
      }
    }
    var name = column.name();
    return switch (op) {
      case "ON" -> bind(name + " >= ? AND " + name + " < ?", start, end);
      case "AFTER" -> bind(name + " >= ?", end);
      case "ON_OR_AFTER" -> bind(name + " >= ?", start);
      case "BEFORE" -> bind(name + " < ?", start);
      default -> bind(name + " < ?", end);
    };
  }

  private String bind(String sql, LocalDateTime... values) {
    for (var value : values) {
      parameters.add(Timestamp.valueOf(value));
    }
    return "(" + sql + ")";
  }

  private static Object typed(SuiteQlTables.Column column, String value) {
    return switch (column.sqlType()) {
      case "BIGINT", "DECIMAL(24,8)" -> {
        try {
          yield new BigDecimal(value);
        } catch (NumberFormatException e) {
          throw invalid("Field " + column.name() + " takes a number, not " + value + ".");
        }
      }
      default -> value;
    };
  }

  private String text() {
    var token = next("a value");
    return token.startsWith("\"")
        ? token.substring(1, token.length() - 1).replace("\\\"", "\"")
        : token;
  }

  private boolean peekIs(String token) {
    return position < tokens.size() && tokens.get(position).equalsIgnoreCase(token);
  }

  private void expect(String token) {
    if (!peekIs(token)) {
      throw invalid("The q filter is missing '" + token + "'.");
    }
    position++;
  }

  private String next(String what) {
    if (position >= tokens.size()) {
      throw invalid("The q filter ends where " + what + " was expected.");
    }
    return tokens.get(position++);
  }

  private static NetSuiteError invalid(String detail) {
    // netsuite-api.md §5.1: INVALID_PARAMETER, as for an unparseable date in q.
    return new NetSuiteError(400, "INVALID_PARAMETER", detail, java.util.Optional.of("q"));
  }
}
