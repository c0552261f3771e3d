package dev.syncline.netsuite.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A named SuiteQL condition over one record's row, the saved-search equivalent of a flow's filter:
 * {@code c.custentity_zoey_sync = 'T' AND c.subsidiary = :subsidiary}. Its values are given apart
 * from its text and reach SuiteQL only as quoted literals: SuiteQL over REST takes no bound
 * parameters (netsuite-api.md §4 documents none), so a value is quoted the way Oracle SQL quotes a
 * string, each {@code '} doubled, and a value such as {@code ' OR 1=1 --} is text to compare, never
 * SQL.
 *
 * @param name how flows name it; the record carries the result under this name
 * @param where the condition's SuiteQL, over the record's table aliased {@code c}, with {@code
 *     :placeholder}s for its values
 * @param values the placeholders' values
 */
public record SuiteQlCondition(String name, String where, Map<String, String> values) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
  private static final Pattern PLACEHOLDER_START = Pattern.compile("[A-Za-z_]");

  public SuiteQlCondition {
    values = Map.copyOf(values);
    problems(name, where, values)
        .ifPresent(problem -> {
          throw new IllegalArgumentException(problem);
        });
  }

  /**
   * What is wrong with a condition's settings, said so that its owner can fix them: a name that is
   * not lower-case letters, digits and _, or one that could be taken for a custom field; a
   * placeholder without a value; a value no placeholder uses; an unclosed quote.
   */
  public static Optional<String> problems(String name, String where, Map<String, String> values) {
    if (!NAME.matcher(name).matches()) {
      return Optional.of(
          "the name \""
              + name
              + "\" must be lower-case letters, digits and _, starting with a letter");
    }
    if (name.startsWith("cust")) {
      return Optional.of(
          "the name \""
              + name
              + "\" starts with cust, as NetSuite's custom fields do; choose another, such as"
              + " in_"
              + name);
    }
    if (where.isBlank()) {
      return Optional.of("its where is empty: give a SuiteQL condition over the table as c");
    }
    List<String> used;
    try {
      used = placeholders(where);
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
    var missing = new LinkedHashSet<>(used);
    missing.removeAll(values.keySet());
    if (!missing.isEmpty()) {
      return Optional.of(
          "its where uses :"
              + String.join(", :", missing)
              + " but values gives no "
              + String.join(", ", missing));
    }
    var unused = new java.util.TreeSet<>(values.keySet());
    used.forEach(unused::remove);
    if (!unused.isEmpty()) {
      return Optional.of(
          "values gives "
              + String.join(", ", unused)
              + " but its where has no :"
              + String.join(", :", unused)
              + " to put it in");
    }
    return Optional.empty();
  }

  /** The condition as SuiteQL, each placeholder replaced by its value as a quoted literal. */
  public String sql() {
    var out = new StringBuilder(where.length() + 32);
    walk(where, placeholder -> out.append(quoted(values.get(placeholder))), out::append);
    return out.toString();
  }

  /** A value as a SuiteQL string literal: in single quotes, each single quote doubled. */
  public static String quoted(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /** The placeholders a condition uses, in order, once each. */
  static List<String> placeholders(String where) {
    var found = new LinkedHashSet<String>();
    walk(where, found::add, text -> {});
    return new ArrayList<>(found);
  }

  /**
   * Walks a condition's text, handing each :placeholder outside a quoted literal to one consumer
   * and everything else, literals included, to the other.
   */
  private static void walk(
      String where,
      java.util.function.Consumer<String> placeholder,
      java.util.function.Consumer<String> text) {
    var i = 0;
    while (i < where.length()) {
      var ch = where.charAt(i);
      if (ch == '\'') {
        var end = i + 1;
        while (true) {
          if (end >= where.length()) {
            throw new IllegalArgumentException(
                "its where opens a quote at character " + (i + 1) + " and never closes it");
          }
          if (where.charAt(end) == '\'') {
            if (end + 1 < where.length() && where.charAt(end + 1) == '\'') {
              end += 2;
              continue;
            }
            break;
          }
          end++;
        }
        text.accept(where.substring(i, end + 1));
        i = end + 1;
      } else if (ch == ':'
          && i + 1 < where.length()
          && PLACEHOLDER_START.matcher(String.valueOf(where.charAt(i + 1))).matches()) {
        var end = i + 1;
        while (end < where.length()
            && (Character.isLetterOrDigit(where.charAt(end)) || where.charAt(end) == '_')) {
          end++;
        }
        placeholder.accept(where.substring(i + 1, end));
        i = end;
      } else {
        text.accept(String.valueOf(ch));
        i++;
      }
    }
  }
}
