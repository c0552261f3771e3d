package dev.syncline.zoey.client;

import dev.syncline.core.Secret;
import java.time.Instant;
import java.util.Objects;

/**
 * What Zoey granted Syncline: an access token that expires and the refresh token that renews it
 * (zoey.md §1.1). Both are {@link Secret}s, so they never print.
 */
public record ZoeyTokens(Secret accessToken, Secret refreshToken, Instant accessTokenExpiresAt) {

  public ZoeyTokens {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(refreshToken, "refreshToken");
    Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
  }
}
