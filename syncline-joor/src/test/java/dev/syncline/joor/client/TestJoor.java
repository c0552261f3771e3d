package dev.syncline.joor.client;

import dev.syncline.core.Secret;
import dev.syncline.core.limit.Limiter;
import dev.syncline.sandbox.common.SandboxClock;
import dev.syncline.sandbox.joor.JoorSandbox;
import dev.syncline.sandbox.joor.JoorSandboxSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.InstantSource;

/**
 * A JOOR sandbox with the demo's accounts, and clients of it, for tests. Time is the system's
 * unless a test passes its own clock; bulk jobs finish at once unless the settings say otherwise.
 */
public final class TestJoor implements AutoCloseable {

  public static final String US = "4001";
  public static final String US_TOKEN = "5f2b8c1e9a7d4e3f8b6a1c0d2e4f6a8b";

  public final JoorSandbox sandbox;
  final InstantSource clock;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  private TestJoor(JoorSandboxSettings settings, InstantSource clock) {
    this.clock = clock;
    this.sandbox = JoorSandbox.start("127.0.0.1", 0, new SandboxClock(clock), settings);
    sandbox.seedDemo();
  }

  public static TestJoor start() {
    return start(JoorSandboxSettings.defaults().withBulkJobDelay(Duration.ZERO));
  }

  static TestJoor start(JoorSandboxSettings settings) {
    return new TestJoor(settings, InstantSource.system());
  }

  static TestJoor start(JoorSandboxSettings settings, InstantSource clock) {
    return new TestJoor(settings, clock);
  }

  JoorConfig.Endpoints endpoints() {
    return new JoorConfig.Endpoints(sandbox.v2Url(), sandbox.v4Url(), sandbox.authUrl());
  }

  static JoorConfig.PasswordGrant demoGrant() {
    return new JoorConfig.PasswordGrant(
        "syncline-demo",
        Secret.of("demo-client-secret"),
        "integrations@brand.example",
        Secret.of("demo-password"));
  }

  /** Both schemes, quick polls and short retries. */
  public JoorConfig config() {
    return JoorConfig.of(
            endpoints(), US, JoorConfig.Credentials.both(Secret.of(US_TOKEN), demoGrant()))
        .withRetries(
            new dev.syncline.core.remote.RemoteRetry(
                3, Duration.ofMillis(20), Duration.ofSeconds(5)))
        .withBulk(
            new JoorConfig.Bulk(
                500,
                Duration.ofMillis(50),
                Duration.ofMillis(200),
                Duration.ofMillis(20),
                Duration.ofMillis(200),
                Duration.ofSeconds(30)));
  }

  public JoorClient client() {
    return client(config(), Limiter.unlimited());
  }

  JoorClient client(JoorConfig config, Limiter limiter) {
    return JoorClient.create(config, limiter, meters, clock);
  }

  /** How many requests the sandbox served on this method and path. */
  public int served(String method, String pathRegex) {
    return sandbox
        .requestLog()
        .count(r -> r.method().equals(method) && r.path().matches(pathRegex));
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
