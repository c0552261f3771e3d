package dev.syncline.netsuite.client;

import java.util.List;

/**
 * One page of a SuiteQL query (netsuite-api.md §4).
 *
 * @param totalResults all rows the query matches, even past the 100,000 NetSuite will page through
 */
public record SuiteQlPage(List<SuiteQlRow> rows, boolean hasMore, int offset, long totalResults) {
  public SuiteQlPage {
    rows = List.copyOf(rows);
  }
}
