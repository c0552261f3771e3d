package dev.syncline.core.port;

import dev.syncline.core.model.RecordType;
import java.time.Instant;
import java.util.Optional;

/**
 * One record across systems, as seen from two of the instances it lives in: its id and what
 * Syncline knows of it in the instance it was looked up by ({@code from}) and in the other one
 * ({@code to}), whichever flow made the link and in whichever direction. The state and detail are
 * those of the record in {@code to}: where writing there stands. In a two-way flow, {@code base} is
 * the canonical record both sides last agreed on, against which a change is merged field by field.
 */
public record Link(
    long id,
    RecordType recordType,
    Member from,
    Member to,
    LinkState state,
    String detail,
    Instant updatedAt,
    Optional<java.util.Map<String, Object>> base) {

  /**
   * The record in one system instance: its id there, the version (modification time) Syncline last
   * saw or made there, and the hash and payload it last wrote there.
   */
  public record Member(
      String instance,
      String id,
      Optional<Instant> version,
      Optional<String> hash,
      Optional<TargetRecord> payload) {}

  /** A base both sides of link {@code linkId} hold now. */
  public record Agreed(long linkId, java.util.Map<String, Object> base) {}
}
