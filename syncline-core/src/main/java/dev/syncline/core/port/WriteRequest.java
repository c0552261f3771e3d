package dev.syncline.core.port;

import java.util.Optional;

/**
 * One record for an exporter to write.
 *
 * @param sourceId the record's id at the source, which idempotent writes key on where the target
 *     allows
 * @param targetId the target's id from the link, when the record was written before
 * @param payload the mapped fields to write
 * @param recoveringSince set when an earlier attempt, begun then, may have written it before its
 *     process died: read before writing, where reading is possible, so that nothing is written
 *     twice
 */
public record WriteRequest(
    String sourceId,
    Optional<String> targetId,
    TargetRecord payload,
    Optional<java.time.Instant> recoveringSince) {

  public boolean recovering() {
    return recoveringSince.isPresent();
  }
}
