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
   * @param version the target record's modification time after the write, when the target tells it
   *     (most answer none)
   * @param madeOnTheWay records the write made on the target for this one, to be linked with it
   */
  record Written(
      String sourceId,
      String targetId,
      boolean created,
      RemoteState state,
      Optional<Instant> version,
      java.util.List<MadeLink> madeOnTheWay)
      implements WriteResult {

    public Written {
      madeOnTheWay = java.util.List.copyOf(madeOnTheWay);
    }

    /** A write that made nothing else on the way. */
    public Written(
        String sourceId,
        String targetId,
        boolean created,
        RemoteState state,
        Optional<Instant> version) {
      this(sourceId, targetId, created, state, version, java.util.List.of());
    }
  }

  /** Not written, for the reason given; retryable or permanent as the exception's root says. */
  record NotWritten(String sourceId, SyncException error) implements WriteResult {}
}
