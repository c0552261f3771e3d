package dev.syncline.core.port;

import dev.syncline.core.SyncException;
import java.time.Instant;
import java.util.Optional;

/** What became of one {@link WriteRequest}. */
public sealed interface WriteResult {

  String sourceId();

  /**
   * Written (or found already as it should be).
   *
   * @param created true when the target record did not exist before
   * @param version the target record's modification time after the write, when the target tells it;
   *     a two-way flow uses it to recognise its own write coming back
   */
  record Written(
      String sourceId,
      String targetId,
      boolean created,
      RemoteState state,
      Optional<Instant> version)
      implements WriteResult {}

  /** Not written, for the reason given; retryable or permanent as the exception's root says. */
  record NotWritten(String sourceId, SyncException error) implements WriteResult {}
}
