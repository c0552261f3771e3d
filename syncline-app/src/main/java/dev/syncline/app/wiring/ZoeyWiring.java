package dev.syncline.app.wiring;

import dev.syncline.app.config.SystemConfig;
import dev.syncline.core.Secret;
import dev.syncline.core.limit.LimiterFactory;
import dev.syncline.core.port.SystemAdapters;
import dev.syncline.zoey.ZoeyModule;
import dev.syncline.zoey.client.FileZoeyTokenStore;
import dev.syncline.zoey.client.ZoeyClient;
import dev.syncline.zoey.client.ZoeyConfig;
import dev.syncline.zoey.client.ZoeyTokenStore;
import dev.syncline.zoey.client.ZoeyTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * A Zoey store from its configuration: client, tokens kept in a file, concurrency shared through
 * the limiter factory, adapters.
 */
final class ZoeyWiring {

  /** Zoey publishes no rate limit (zoey.md §1.3 [U]): a few requests at once by default. */
  static final int DEFAULT_CONCURRENCY = 4;

  /**
   * zoey.md §1.1: Zoey's own recipe authorizes with Postman, whose callback is this; the redirect
   * matters only for the authorization code grant, which Syncline does not run itself.
   */
  static final String DEFAULT_REDIRECT_URI = "https://oauth.pstmn.io/v1/callback";

  private ZoeyWiring() {}

  static SystemAdapters open(
      String name,
      SystemConfig.Zoey c,
      LimiterFactory limiters,
      MeterRegistry metrics,
      InstantSource clock) {
    var config = config(c);
    var concurrency = c.concurrency().orElse(DEFAULT_CONCURRENCY);
    var limiter =
        limiters.concurrency(
            "zoey:" + config.baseUrl().getHost(), concurrency, config.requestTimeout());
    var file = Path.of(c.tokenFile().orElse("data/" + name + ".zoey-tokens.json"));
    return new ZoeyModule(
        name,
        ZoeyClient.create(
            config,
            seeded(new FileZoeyTokenStore(file), c.refreshToken()),
            limiter,
            metrics,
            clock));
  }

  static ZoeyConfig config(SystemConfig.Zoey c) {
    var config =
        ZoeyConfig.of(
            URI.create(c.baseUrl()),
            URI.create(c.authorizeUrl()),
            URI.create(c.tokenUrl()),
            c.clientId(),
            c.clientSecret(),
            URI.create(c.redirectUri().orElse(DEFAULT_REDIRECT_URI)));
    if (c.pageSize().isPresent()) {
      config = config.withPageSize(c.pageSize().get());
    }
    if (c.requestTimeout().isPresent()) {
      config = config.withRequestTimeout(c.requestTimeout().get());
    }
    return config;
  }

  /**
   * The saved tokens, or, before any were saved, the configured refresh token with an access token
   * already expired, so that the first call renews it and saves what Zoey grants.
   */
  private static ZoeyTokenStore seeded(ZoeyTokenStore store, Optional<Secret> refreshToken) {
    return new ZoeyTokenStore() {
      @Override
      public Optional<ZoeyTokens> load() {
        return store
            .load()
            .or(() ->
                refreshToken.map(r -> new ZoeyTokens(Secret.of("expired"), r, Instant.EPOCH)));
      }

      @Override
      public void save(ZoeyTokens tokens) {
        store.save(tokens);
      }
    };
  }
}
