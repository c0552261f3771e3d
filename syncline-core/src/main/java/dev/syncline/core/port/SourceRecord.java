package dev.syncline.core.port;

import java.time.Instant;
import java.util.Optional;

/**
 * A record as loaded from its system, made canonical, with the version it was at.
 *
 * @param replaces the id of the source record this one replaces, when the source made a new record
 *     of an edited one (Zoey's order edit makes order {@code N-1} and cancels {@code N}): the link
 *     moves to this record, which updates the same target record
 */
public record SourceRecord<T>(String id, Instant modifiedAt, T record, Optional<String> replaces) {

  /** A record that replaces none. */
  public SourceRecord(String id, Instant modifiedAt, T record) {
    this(id, modifiedAt, record, Optional.empty());
  }
}
