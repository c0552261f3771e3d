package dev.syncline.core.port;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What this node knows of its connection to one system instance, from the calls it made: whether
 * the system answered, whether it accepted Syncline's credentials and since when, the last error,
 * and the limits in use. Each is empty until a call told.
 *
 * @param since when the credentials were last found accepted or refused, whichever they are now
 * @param limits the limits in use, in words by name ({@code "requests in flight": "2 of 5"})
 */
public record ConnectionState(
    Optional<Boolean> reachable,
    Optional<Boolean> credentialsAccepted,
    Optional<Instant> since,
    Optional<String> lastError,
    Optional<Instant> lastErrorAt,
    Map<String, String> limits) {

  public static final ConnectionState UNKNOWN =
      new ConnectionState(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Map.of());

  public ConnectionState withLimits(Map<String, String> newLimits) {
    return new ConnectionState(
        reachable, credentialsAccepted, since, lastError, lastErrorAt, Map.copyOf(newLimits));
  }
}
