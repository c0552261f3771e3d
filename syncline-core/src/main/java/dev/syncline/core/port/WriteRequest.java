package dev.syncline.core.port;

import java.time.Instant;
import java.util.Optional;

/**
 * One record for an exporter to write.
 *
 * @param sourceId the record's id at the source
 * @param targetId the target's id from the link, when the record was written before: then the write
 *     is an update
 * @param payload the mapped fields to write
 * @param createKey what makes a create idempotent on the target (a NetSuite externalId, a Zoey
 *     attribute, JOOR's customer code), derived from the source record; empty when the target has
 *     none
 * @param maybeWrittenSince set when a write intent was committed then and its outcome is unknown
 *     (the answer was lost, or the worker died): the exporter looks the create key up on the target
 *     before it creates, and updates what it finds instead
 * @param steps the steps of a multi-step write done by earlier attempts, and where to report more
 * @param linked the target's ids of the records it refers to (an order's customer and items), by
 *     record type key and then by their id in the source, as the engine resolved them through the
 *     links
 */
public record WriteRequest(
    String sourceId,
    Optional<String> targetId,
    TargetRecord payload,
    Optional<String> createKey,
    Optional<Instant> maybeWrittenSince,
    Steps steps,
    java.util.Map<String, java.util.Map<String, String>> linked) {

  public WriteRequest {
    linked = java.util.Map.copyOf(linked);
  }

  /** A write of a record that refers to nothing. */
  public WriteRequest(
      String sourceId,
      Optional<String> targetId,
      TargetRecord payload,
      Optional<String> createKey,
      Optional<Instant> maybeWrittenSince,
      Steps steps) {
    this(sourceId, targetId, payload, createKey, maybeWrittenSince, steps, java.util.Map.of());
  }

  /** A plain write: no create key, no earlier attempt, one step. */
  public static WriteRequest of(String sourceId, Optional<String> targetId, TargetRecord payload) {
    return new WriteRequest(
        sourceId, targetId, payload, Optional.empty(), Optional.empty(), Steps.none());
  }

  /** Whether an earlier attempt may have created the record already. */
  public boolean maybeWritten() {
    return maybeWrittenSince.isPresent();
  }

  /** Whether this write creates the record (no target id is linked yet). */
  public boolean creates() {
    return targetId.isEmpty();
  }
}
