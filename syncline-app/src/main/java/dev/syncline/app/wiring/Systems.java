package dev.syncline.app.wiring;

import dev.syncline.app.config.ConfigCheck;
import dev.syncline.app.config.SynclineConfig;
import dev.syncline.app.config.SystemConfig;
import dev.syncline.core.limit.LimiterFactory;
import dev.syncline.core.port.SystemAdapters;
import dev.syncline.store.StoreLimiters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The configured system instances, each with its client and adapters, by instance name. Every
 * system module is registered here explicitly.
 */
public final class Systems {

  private Systems() {}

  /**
   * The check of flows against the systems the configuration declares, for {@code ConfigLoader}.
   */
  public static ConfigCheck check(InstantSource clock) {
    return FlowWiring.check(
        config -> open(config, LimiterFactory.inProcess(clock), new SimpleMeterRegistry(), clock));
  }

  /**
   * At a given time, the configured instances whose credits a worker of some node waits for, with
   * when they come free: JOOR's, whose limiter says so in the database (NetSuite's concurrent
   * requests come back within a call).
   */
  public static Function<Instant, Map<String, Instant>> creditWaits(
      SynclineConfig config, StoreLimiters limiters) {
    var limiterOf = new LinkedHashMap<String, String>();
    config
        .systems()
        .forEach((name, system) -> {
          if (system instanceof SystemConfig.Joor joor) {
            limiterOf.put(name, JoorWiring.limiterName(joor));
          }
        });
    return now -> {
      var waits = limiters.waits(now);
      var bySystem = new LinkedHashMap<String, Instant>();
      limiterOf.forEach((system, limiter) -> {
        if (waits.containsKey(limiter)) {
          bySystem.put(system, waits.get(limiter));
        }
      });
      return bySystem;
    };
  }

  /**
   * Builds each instance under {@code systems} in the configuration. Nothing connects yet: clients
   * connect on first use, so that this is safe for {@code config check}.
   */
  public static Map<String, SystemAdapters> open(
      SynclineConfig config, LimiterFactory limiters, MeterRegistry metrics, InstantSource clock) {
    var systems = new LinkedHashMap<String, SystemAdapters>();
    try {
      config
          .systems()
          .forEach((name, system) ->
              systems.put(
                  name,
                  switch (system) {
                    case SystemConfig.NetSuite netsuite ->
                        NetSuiteWiring.open(name, netsuite, limiters, metrics, clock);
                    case SystemConfig.Joor joor ->
                        JoorWiring.open(name, joor, limiters, metrics, clock);
                    case SystemConfig.Zoey zoey ->
                        ZoeyWiring.open(name, zoey, limiters, metrics, clock);
                  }));
    } catch (RuntimeException e) {
      systems.values().forEach(SystemAdapters::close);
      throw e;
    }
    return systems;
  }
}
