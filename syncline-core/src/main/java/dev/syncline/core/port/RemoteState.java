package dev.syncline.core.port;

/** Where a written record stands in the target system. */
public enum RemoteState {
  /** Written and live. */
  SYNCED,
  /** Written, but the target holds it back until it acts (JOOR matches a new customer by hand). */
  PENDING
}
