package dev.syncline.core.port;

import java.time.Instant;

/**
 * How far a flow has read a source's changes: the modification time and id of the last change
 * taken. Changes are ordered by (modifiedAt, id), so that records sharing one modification time are
 * neither skipped nor read twice across pages.
 */
public record Watermark(Instant modifiedAt, String id) {

  /** Before every change. */
  public static final Watermark BEGINNING = new Watermark(Instant.EPOCH, "");

  /**
   * The same watermark moved back by {@code overlap}, for a scan that re-reads a little to miss
   * nothing.
   */
  public Watermark rewound(java.time.Duration overlap) {
    var back = modifiedAt.minus(overlap);
    return back.isBefore(Instant.EPOCH) ? BEGINNING : new Watermark(back, "");
  }
}
