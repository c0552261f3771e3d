package dev.syncline.core.port;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The conflict list: the values two-way merges dropped, newest first, until a person acknowledges
 * them. They are written with the outcome of the write that dropped them ({@link
 * Outcome.Written#conflicts()}); this port reads them and closes them. Implemented on PostgreSQL by
 * the store module; each method is one transaction, timed by the caller's clock.
 */
public interface Conflicts {

  List<Conflict> conflicts(ConflictFilter filter);

  /** Marks the chosen open conflicts as seen by {@code actor}; returns how many were open. */
  int acknowledge(List<Long> ids, String actor, Instant now);

  /** How many conflicts are open, per flow that has any. */
  Map<String, Integer> openByFlow();
}
