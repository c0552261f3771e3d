package dev.syncline.core.port;

/**
 * A flow whose scan is due, claimed by a node.
 *
 * @param trigger {@code manual} when a person asked for a scan, {@code backfill} when a person
 *     asked for every record to be synced again, else {@code schedule}
 */
public record DueScan(String flow, String trigger) {

  public static final String BACKFILL = "backfill";

  /** Whether this scan lists every record from the beginning and queues each again. */
  public boolean backfill() {
    return BACKFILL.equals(trigger);
  }
}
