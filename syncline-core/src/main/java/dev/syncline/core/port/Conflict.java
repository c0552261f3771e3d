package dev.syncline.core.port;

import dev.syncline.core.flow.Side;
import dev.syncline.core.model.RecordType;
import java.time.Instant;
import java.util.Optional;

/**
 * A field a two-way merge found changed on both sides since the link's base: its master's value was
 * kept on both sides, and the other side's value was dropped, and is kept here for a person to see
 * (DESIGN.md section 1).
 *
 * @param master the side that masters the field, whose value was kept
 * @param aId the record's id on side A of the flow
 * @param bId the record's id on side B
 * @param kept the value both sides hold now, as canonical JSON
 * @param dropped the value the other side held, as canonical JSON
 * @param acknowledgedBy who acknowledged it; empty while it is open
 */
public record Conflict(
    long id,
    String flow,
    RecordType recordType,
    String field,
    Side master,
    String aId,
    String bId,
    String kept,
    String dropped,
    String message,
    Instant at,
    Optional<String> acknowledgedBy,
    Optional<Instant> acknowledgedAt) {

  /** Whether no one has acknowledged it yet. */
  public boolean open() {
    return acknowledgedAt.isEmpty();
  }

  /**
   * A value a merge dropped, as a write hands it over to be kept with the write's outcome, in the
   * same transaction.
   *
   * @param loser the side whose value was dropped
   */
  public record Lost(String field, Side loser, String kept, String dropped, String message) {}
}
