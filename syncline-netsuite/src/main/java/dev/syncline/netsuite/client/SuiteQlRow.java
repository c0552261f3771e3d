package dev.syncline.netsuite.client;

import dev.syncline.core.PermanentSyncException;
import java.util.Map;
import java.util.Optional;

/**
 * One row of a SuiteQL result: columns by their lower-case names or aliases, values as strings; a
 * column whose value is null is absent (netsuite-api.md §4).
 */
public record SuiteQlRow(Map<String, String> values) {

  public SuiteQlRow {
    values = Map.copyOf(values);
  }

  public Optional<String> get(String column) {
    return Optional.ofNullable(values.get(column));
  }

  /** A column every row of the query has, or a clear error when NetSuite left it out. */
  public String require(String column) {
    var value = values.get(column);
    if (value == null) {
      throw new PermanentSyncException(
          NetSuiteErrors.SYSTEM,
          "A SuiteQL row came back without its "
              + column
              + " column: "
              + values
              + ". Select the column (with an alias in lower case) and keep it non-null.");
    }
    return value;
  }
}
