package dev.syncline.core.port;

import java.util.Optional;

/**
 * Which conflicts to list; empty parts match everything.
 *
 * @param recordId a record's id on either side of its flow
 * @param acknowledged whether to list acknowledged conflicts too, not only open ones
 */
public record ConflictFilter(
    Optional<String> flow, Optional<String> recordId, boolean acknowledged, int limit) {

  /** The open conflicts of every flow (the first 1000). */
  public static ConflictFilter open() {
    return new ConflictFilter(Optional.empty(), Optional.empty(), false, 1000);
  }
}
