package dev.syncline.zoey.client;

import java.util.Optional;

/**
 * Where Syncline keeps its Zoey tokens between restarts. Zoey rotates refresh tokens (zoey.md §1.1,
 * rotation [U]), so every new pair must be saved before it is used, or a restart would hold a
 * refresh token Zoey no longer accepts.
 *
 * <p>Implementations keep tokens from anyone but Syncline (tight permissions, no logging), and
 * throw {@link dev.syncline.core.PermanentSyncException.ConfigurationProblem} naming the place and
 * the fix when they cannot read or write. The client calls them under its own lock, one call at a
 * time.
 */
public interface ZoeyTokenStore {

  /** The tokens saved last, or empty when Syncline was never connected to Zoey. */
  Optional<ZoeyTokens> load();

  /** Replaces the saved tokens, durably, before returning. */
  void save(ZoeyTokens tokens);
}
