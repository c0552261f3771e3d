package dev.syncline.zoey.client;

import java.time.Instant;

/**
 * How far a scan of one Zoey resource has read: the change time and id of the last record seen.
 * Records changed in the same second are told apart by id, so a scan can resume in the middle of a
 * second without losing or repeating records.
 *
 * @param lastId the id of the last record seen at {@code updatedAt}, empty for none
 */
public record ZoeyWatermark(Instant updatedAt, String lastId) {

  /** Before every record. */
  public static ZoeyWatermark beginning() {
    return new ZoeyWatermark(Instant.EPOCH, "");
  }

  /** Every record changed at {@code since} or later. */
  public static ZoeyWatermark since(Instant since) {
    return new ZoeyWatermark(since, "");
  }

  boolean isBefore(Instant time, String id) {
    var byTime = updatedAt.compareTo(time);
    return byTime < 0 || (byTime == 0 && Ids.compare(lastId, id) < 0);
  }
}
