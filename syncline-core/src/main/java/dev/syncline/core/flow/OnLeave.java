package dev.syncline.core.flow;

/**
 * What a flow does on the target when a record leaves it (fails its filter, or leaves the source).
 */
public enum OnLeave {
  /** Syncline stops updating the target's record and changes nothing there. */
  UNLINK,
  /** Syncline also cancels or deactivates the target's record, as the target's exporter defines. */
  PROPAGATE
}
