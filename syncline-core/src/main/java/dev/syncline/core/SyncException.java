package dev.syncline.core;

import java.util.Optional;

/**
 * Why one piece of sync work did not happen. There are exactly two roots, decided once at the edge
 * where the cause is known (a system's client, a mapper, a validator): {@link
 * RetryableSyncException} for what time may fix, {@link PermanentSyncException} for what a person
 * must fix. The engine acts on the root alone.
 *
 * <p>Messages are sentences for the person who must act, naming the record, the field and the fix.
 */
public abstract sealed class SyncException extends RuntimeException
    permits RetryableSyncException, PermanentSyncException {

  private final String system;
  private final Optional<String> remoteRequestId;

  protected SyncException(
      String system, String message, Optional<String> remoteRequestId, Throwable cause) {
    super(message, cause);
    this.system = system;
    this.remoteRequestId = remoteRequestId;
  }

  /**
   * The system the failure came from ({@code netsuite}, {@code joor}, {@code zoey}), or {@code
   * syncline}.
   */
  public String system() {
    return system;
  }

  /** The remote system's own id of the failed request, when it gave one, for its support people. */
  public Optional<String> remoteRequestId() {
    return remoteRequestId;
  }

  /** A short stable name of the cause, used to group failures ("MissingField", "RateLimited"). */
  public String cause() {
    return getClass().getSimpleName();
  }
}
