package dev.syncline.core.port;

/** Where writing to one system instance's record of a link stands. */
public enum LinkState {
  /** Written, and as Syncline last wrote it. */
  SYNCED,
  /** Written, and waiting for the target to accept it (JOOR's match of a new customer). */
  PENDING,
  /**
   * The source record left the flow (filtered out, inactive, deleted): Syncline no longer updates
   * this record, and never deletes it; the detail tells the person what to do with it.
   */
  UNLINKED
}
