package dev.syncline.zoey.client;

import java.util.List;

/**
 * One page of a change scan.
 *
 * @param records the records changed after the watermark asked for, oldest change first
 * @param next where the next page starts; the same watermark when nothing was found
 * @param more whether more records may follow; false when the scan has reached the present
 */
public record ZoeyChanges(List<ZoeyRecord> records, ZoeyWatermark next, boolean more) {

  public ZoeyChanges {
    records = List.copyOf(records);
  }
}
