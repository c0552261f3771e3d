package dev.syncline.core.port;

/** Where a link between two records stands. */
public enum LinkState {
  /** Both sides agree as of the last sync. */
  SYNCED,
  /** Written, and waiting for the target to accept it (JOOR's match of a new customer). */
  PENDING,
  /**
   * The source record left the flow (filtered out, inactive, deleted): Syncline no longer updates
   * the target, and never deletes it; the detail tells the person what to do on the target.
   */
  UNLINKED
}
