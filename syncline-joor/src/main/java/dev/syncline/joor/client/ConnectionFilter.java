package dev.syncline.joor.client;

import java.time.Instant;
import java.util.Optional;

/**
 * Which connections to list: all, or those modified in a range (a change of state, such as JOOR's
 * match, counts as a modification), in pages of {@code pageSize}.
 */
public record ConnectionFilter(
    Optional<Instant> modifiedFrom, Optional<Instant> modifiedTo, int pageSize) {

  /** JOOR serves v2 lists in 50s unless asked (joor.md §1.5); the sandbox's cap is 500. */
  public static final int DEFAULT_PAGE_SIZE = 500;

  public ConnectionFilter {
    if (modifiedFrom.isPresent() != modifiedTo.isPresent()) {
      // joor.md §2.3: date_start and date_end each require the other.
      throw new IllegalArgumentException("A modified range needs both ends");
    }
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be 1 or more");
    }
  }

  public static ConnectionFilter all() {
    return new ConnectionFilter(Optional.empty(), Optional.empty(), DEFAULT_PAGE_SIZE);
  }

  /** Modified from {@code from} to {@code to}, both included. */
  public static ConnectionFilter modifiedBetween(Instant from, Instant to) {
    return new ConnectionFilter(Optional.of(from), Optional.of(to), DEFAULT_PAGE_SIZE);
  }

  public ConnectionFilter withPageSize(int size) {
    return new ConnectionFilter(modifiedFrom, modifiedTo, size);
  }
}
