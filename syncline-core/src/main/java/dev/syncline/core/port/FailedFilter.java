package dev.syncline.core.port;

import dev.syncline.core.model.RecordType;
import java.util.Optional;

/** Which failed records to list or resync; empty parts match everything. */
public record FailedFilter(
    Optional<RecordType> recordType,
    Optional<String> flow,
    Optional<String> text,
    Optional<String> cause,
    int limit) {

  public static FailedFilter all() {
    return new FailedFilter(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1000);
  }

  /** Every failed record of one flow (the first 1000 of a list). */
  public static FailedFilter ofFlow(String flow) {
    return new FailedFilter(
        Optional.empty(), Optional.of(flow), Optional.empty(), Optional.empty(), 1000);
  }
}
