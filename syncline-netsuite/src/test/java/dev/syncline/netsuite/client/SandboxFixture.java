package dev.syncline.netsuite.client;

import dev.syncline.core.Secret;
import dev.syncline.core.testing.SettableClock;
import dev.syncline.sandbox.common.SandboxClock;
import dev.syncline.sandbox.netsuite.DemoData;
import dev.syncline.sandbox.netsuite.NetSuiteAccount;
import dev.syncline.sandbox.netsuite.NetSuiteSandbox;
import dev.syncline.sandbox.netsuite.NetSuiteSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A NetSuite sandbox with the demo data, on loopback, and clients configured from the {@code
 * NETSUITE_*} settings it prints, as any client would be. The sandbox and the clients share a clock
 * that tests move by hand.
 */
public final class SandboxFixture implements AutoCloseable {

  public static final String ACCOUNT = NetSuiteSettings.DEMO_ACCOUNT;

  public final SettableClock clock = SettableClock.at("2026-03-02T10:15:30Z");
  public final NetSuiteSandbox sandbox;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  SandboxFixture(UnaryOperator<NetSuiteSettings> settings) {
    sandbox =
        NetSuiteSandbox.start(settings.apply(NetSuiteSettings.defaults()), new SandboxClock(clock));
    DemoData.seed(account());
  }

  public SandboxFixture() {
    this(s -> s);
  }

  public NetSuiteAccount account() {
    return sandbox.account(ACCOUNT);
  }

  /** A TBA configuration from the printed settings, with quick retries for tests. */
  NetSuiteConfig config(int concurrency) {
    var printed = sandbox.connectionSettings();
    var auth =
        new NetSuiteAuth.TokenBased(
            printed.get("NETSUITE_CONSUMER_KEY"),
            Secret.of(printed.get("NETSUITE_CONSUMER_SECRET")),
            printed.get("NETSUITE_TOKEN_ID"),
            Secret.of(printed.get("NETSUITE_TOKEN_SECRET")));
    return NetSuiteConfig.of(
            URI.create(printed.get("NETSUITE_BASE_URL")),
            printed.get("NETSUITE_ACCOUNT"),
            auth,
            concurrency)
        .withRetry(
            new dev.syncline.core.remote.RemoteRetry(
                4, Duration.ofMillis(20), Duration.ofMillis(200)));
  }

  public NetSuiteClient client() {
    return client(config(5));
  }

  NetSuiteClient client(NetSuiteConfig config) {
    return NetSuiteClient.create(config, meters, clock);
  }

  /** How many requests the sandbox served for an operation ({@code record.get}, ...). */
  public int served(String operation) {
    return sandbox.requestLog().count(r -> operation.equals(r.details().get("operation")));
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
