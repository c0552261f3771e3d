package dev.syncline.joor.client;

import java.util.List;
import java.util.OptionalInt;

/**
 * One page of a v2 list (joor.md §1.5).
 *
 * @param nextStart the {@code start_from} of the next page; empty on the last
 * @param total how many match in all
 */
public record Page<T>(List<T> items, int startFrom, OptionalInt nextStart, int total) {
  public Page {
    items = List.copyOf(items);
  }
}
