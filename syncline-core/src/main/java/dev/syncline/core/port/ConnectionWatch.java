package dev.syncline.core.port;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.RetryableSyncException;
import dev.syncline.core.SyncException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps a {@link ConnectionState} up to date from what each call of a client found, at the client's
 * edge where the answer is classified. Safe for many threads.
 */
public final class ConnectionWatch {

  private ConnectionState status = ConnectionState.UNKNOWN;

  /** The system answered and accepted the credentials. */
  public synchronized void answered(Instant now) {
    var changed = !status.credentialsAccepted().orElse(false);
    status =
        new ConnectionState(
            Optional.of(true),
            Optional.of(true),
            changed ? Optional.of(now) : status.since(),
            status.lastError(),
            status.lastErrorAt(),
            Map.of());
  }

  /** A call failed as {@code e} says: refused credentials, no answer, or another error. */
  public synchronized void failed(SyncException e, Instant now) {
    var message = Optional.ofNullable(e.getMessage());
    if (e instanceof PermanentSyncException.CredentialsRefused) {
      var changed = status.credentialsAccepted().orElse(true);
      status =
          new ConnectionState(
              Optional.of(true),
              Optional.of(false),
              changed ? Optional.of(now) : status.since(),
              message,
              Optional.of(now),
              Map.of());
    } else if (e instanceof RetryableSyncException.RemoteUnavailable) {
      status =
          new ConnectionState(
              Optional.of(false),
              status.credentialsAccepted(),
              status.since(),
              message,
              Optional.of(now),
              Map.of());
    } else {
      status =
          new ConnectionState(
              Optional.of(true),
              status.credentialsAccepted(),
              status.since(),
              message,
              Optional.of(now),
              Map.of());
    }
  }

  public synchronized ConnectionState status() {
    return status;
  }
}
