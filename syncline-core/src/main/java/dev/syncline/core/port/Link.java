package dev.syncline.core.port;

import dev.syncline.core.flow.Side;
import dev.syncline.core.model.RecordType;
import java.time.Instant;
import java.util.Optional;

/**
 * The pair of ids of one record in two system instances, and what Syncline knows of each side as of
 * the last sync: the version (modification time) it saw or made, and the hash and payload it last
 * wrote there.
 */
public record Link(
    long id,
    RecordType recordType,
    String aInstance,
    String aId,
    String bInstance,
    String bId,
    LinkState state,
    String detail,
    Optional<Instant> aVersion,
    Optional<Instant> bVersion,
    Optional<String> aHash,
    Optional<String> bHash,
    Optional<TargetRecord> aPayload,
    Optional<TargetRecord> bPayload,
    Instant updatedAt) {

  public String idOn(Side side) {
    return side == Side.A ? aId : bId;
  }

  public Optional<Instant> versionOn(Side side) {
    return side == Side.A ? aVersion : bVersion;
  }

  /** The hash of the payload Syncline last wrote to that side. */
  public Optional<String> hashWrittenTo(Side side) {
    return side == Side.A ? aHash : bHash;
  }

  /** The payload Syncline last wrote to that side. */
  public Optional<TargetRecord> payloadWrittenTo(Side side) {
    return side == Side.A ? aPayload : bPayload;
  }
}
