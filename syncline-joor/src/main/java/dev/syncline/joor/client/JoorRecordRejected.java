package dev.syncline.joor.client;

import dev.syncline.core.PermanentSyncException;
import java.util.Optional;

/**
 * JOOR took a bulk call but refused one record of it, saying why (joor.md §1.4: per-item errors in
 * a 2xx answer). Only that record failed; the others of the call were written.
 */
public final class JoorRecordRejected extends PermanentSyncException {

  private final String record;

  public JoorRecordRejected(String record, String reason, Optional<String> remoteRequestId) {
    super("joor", "JOOR refused " + record + ": " + reason, remoteRequestId, null);
    this.record = record;
  }

  /** The record refused, e.g. {@code connection with customer code 17}. */
  public String record() {
    return record;
  }
}
