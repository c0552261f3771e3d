package dev.syncline.netsuite.client;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.port.Change;
import dev.syncline.core.port.Watermark;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** What the importers of NetSuite records share: their changes and their ids, with SuiteQL. */
public final class SuiteQlReads {

  /** netsuite-api.md §4: a SuiteQL page holds at most 1,000 rows. */
  public static final int LARGEST_PAGE = 1000;

  private SuiteQlReads() {}

  /**
   * The changes after {@code after} in keyset order of (lastmodifieddate, id), which stays exact
   * when thousands share one second and never meets the 100,000-row ceiling (netsuite-api.md §4,
   * §7).
   */
  public static List<Change> changesAfter(
      NetSuiteClient client, SuiteQlKeyset keyset, SuiteQlTime times, Watermark after, int limit) {
    Optional<List<String>> position =
        after.equals(Watermark.BEGINNING)
            ? Optional.empty()
            : Optional.of(
                List.of(times.format(after.modifiedAt()), after.id().isEmpty() ? "0" : after.id()));
    return client
        .scan(keyset, position, Math.min(limit, LARGEST_PAGE))
        .limit(limit)
        .map(row -> new Change(row.require("keyid"), times.parse(row.require("modified"))))
        .toList();
  }

  /**
   * Internal ids, as the record service takes them in its paths (netsuite-api.md §3), are whole
   * numbers: why {@code id}, as a person typed it, is not one of a {@code record}.
   */
  public static Optional<String> invalidId(String id, String record) {
    return id.matches("[1-9][0-9]{0,18}")
        ? Optional.empty()
        : Optional.of(
            "'"
                + id
                + "' is not a NetSuite internal id; those are whole numbers, like 1234 (the "
                + record
                + "'s URL in NetSuite ends with id=1234).");
  }

  /** Ids go into SuiteQL as numbers only: anything else is refused before a query is made. */
  public static <C extends Collection<String>> C checked(C ids) {
    for (var id : ids) {
      if (!id.matches("\\d{1,18}")) {
        throw new PermanentSyncException("netsuite", "'" + id + "' is not a NetSuite internal id");
      }
    }
    return ids;
  }
}
