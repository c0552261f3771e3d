package dev.syncline.core;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that time may fix: the remote system is down or slow, a limit was reached, a concurrent
 * job got there first, a record this one depends on is not synced yet. The engine tries again
 * later, after {@link #retryAfter()} when the remote said how long to wait.
 */
public non-sealed class RetryableSyncException extends SyncException {

  private final Optional<Duration> retryAfter;

  public RetryableSyncException(
      String system,
      String message,
      Optional<Duration> retryAfter,
      Optional<String> remoteRequestId,
      Throwable cause) {
    super(system, message, remoteRequestId, cause);
    this.retryAfter = retryAfter;
  }

  public RetryableSyncException(String system, String message, Throwable cause) {
    this(system, message, Optional.empty(), Optional.empty(), cause);
  }

  public RetryableSyncException(String system, String message) {
    this(system, message, Optional.empty(), Optional.empty(), null);
  }

  /** How long the remote asked us to wait, when it said. */
  public Optional<Duration> retryAfter() {
    return retryAfter;
  }

  /**
   * Whether the request may have been applied although no answer said so: a timeout, a connection
   * reset, a server error on a write that is not idempotent. A refused connection or a rate limit
   * was certainly not applied.
   */
  public boolean mayHaveApplied() {
    return false;
  }

  /** The remote could not be reached, timed out, or answered with a server error. */
  public static final class RemoteUnavailable extends RetryableSyncException {
    private final boolean mayHaveApplied;

    public RemoteUnavailable(
        String system, String message, Optional<String> remoteRequestId, Throwable cause) {
      this(system, message, remoteRequestId, cause, false);
    }

    /**
     * @param mayHaveApplied the request reached the remote and its answer was lost or was a server
     *     error, so it may have been applied
     */
    public RemoteUnavailable(
        String system,
        String message,
        Optional<String> remoteRequestId,
        Throwable cause,
        boolean mayHaveApplied) {
      super(system, message, Optional.empty(), remoteRequestId, cause);
      this.mayHaveApplied = mayHaveApplied;
    }

    @Override
    public boolean mayHaveApplied() {
      return mayHaveApplied;
    }
  }

  /** The remote refused the call for now because of a rate or concurrency limit. */
  public static final class RateLimited extends RetryableSyncException {
    public RateLimited(
        String system,
        String message,
        Optional<Duration> retryAfter,
        Optional<String> remoteRequestId) {
      super(system, message, retryAfter, remoteRequestId, null);
    }
  }
}
