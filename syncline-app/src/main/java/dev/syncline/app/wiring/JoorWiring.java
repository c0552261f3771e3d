package dev.syncline.app.wiring;

import dev.syncline.app.config.SystemConfig;
import dev.syncline.core.limit.LimiterFactory;
import dev.syncline.core.port.SystemAdapters;
import dev.syncline.joor.JoorModule;
import dev.syncline.joor.client.JoorClient;
import dev.syncline.joor.client.JoorConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.InstantSource;

/**
 * A JOOR account from its configuration: client, credits shared through the limiter factory,
 * adapters.
 */
final class JoorWiring {

  private JoorWiring() {}

  static SystemAdapters open(
      String name,
      SystemConfig.Joor c,
      LimiterFactory limiters,
      MeterRegistry metrics,
      InstantSource clock) {
    var config = config(c);
    var rate = config.rateLimit();
    var credits = limiters.slidingWindow(limiterName(c), rate.budget(), rate.span());
    return new JoorModule(name, JoorClient.create(config, credits, metrics, clock), clock);
  }

  /** The account's credit limiter, shared by every instance and node that uses the account. */
  static String limiterName(SystemConfig.Joor c) {
    return "joor:" + c.account();
  }

  static JoorConfig config(SystemConfig.Joor c) {
    JoorConfig.Endpoints endpoints;
    if (c.v2Url().isPresent()) {
      endpoints =
          new JoorConfig.Endpoints(
              URI.create(c.v2Url().get()),
              URI.create(c.v4Url().orElseThrow()),
              URI.create(c.authUrl().orElseThrow()));
    } else if (c.environment().orElse("production").equals("sandbox")) {
      endpoints = JoorConfig.Endpoints.joorSandbox();
    } else {
      endpoints = JoorConfig.Endpoints.production();
    }
    var grant =
        c.clientId()
            .map(id ->
                new JoorConfig.PasswordGrant(
                    id,
                    c.clientSecret().orElseThrow(),
                    c.username().orElseThrow(),
                    c.password().orElseThrow()));
    var credentials =
        c.token().isPresent() && grant.isPresent()
            ? JoorConfig.Credentials.both(c.token().get(), grant.get())
            : c.token().isPresent()
                ? JoorConfig.Credentials.v2(c.token().get())
                : JoorConfig.Credentials.v4(grant.orElseThrow());
    var config = JoorConfig.of(endpoints, c.account(), credentials);
    var rate = config.rateLimit();
    var credits = c.credits();
    if (credits.isPresent()) {
      var k = credits.get();
      config =
          config.withRateLimit(
              rate.withBudget(
                  k.budget() != null ? k.budget() : rate.budget(),
                  k.window() != null ? k.window() : rate.window(),
                  k.guard() != null ? k.guard() : rate.guard()));
    }
    if (c.bulkSize().isPresent()) {
      var bulk = config.bulk();
      config =
          config.withBulk(
              new JoorConfig.Bulk(
                  c.bulkSize().get(),
                  bulk.linger(),
                  bulk.longestLinger(),
                  bulk.firstPoll(),
                  bulk.longestPoll(),
                  bulk.jobTimeout()));
    }
    if (c.requestTimeout().isPresent()) {
      config =
          new JoorConfig(
              config.endpoints(),
              config.account(),
              config.credentials(),
              config.rateLimit(),
              config.retries(),
              config.bulk(),
              c.requestTimeout().get());
    }
    return config;
  }
}
