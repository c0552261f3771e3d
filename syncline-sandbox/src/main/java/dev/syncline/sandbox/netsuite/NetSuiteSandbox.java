package dev.syncline.sandbox.netsuite;

import dev.syncline.sandbox.Sandbox;
import dev.syncline.sandbox.common.Faults;
import dev.syncline.sandbox.common.Harness;
import dev.syncline.sandbox.common.Latency;
import dev.syncline.sandbox.common.RequestLog;
import dev.syncline.sandbox.common.SandboxClock;
import dev.syncline.sandbox.common.SandboxHttp;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * NetSuite's SuiteTalk REST web services on loopback, for one or more accounts. Each account's base
 * URL (what precedes {@code /services/rest}, as an account's own domain does in production) is the
 * server's root plus the account's host label: {@code http://127.0.0.1:PORT/1234567-sb1}. Its own
 * control API lives under {@code /_sandbox/netsuite} beside the harness's.
 */
public final class NetSuiteSandbox implements Sandbox {

  private final AtomicReference<NetSuiteSettings> settings;
  private final Harness harness;
  private final SequencedMap<String, NetSuiteAccount> accountsByLabel = new LinkedHashMap<>();
  private final Javalin server;

  private NetSuiteSandbox(NetSuiteSettings settings, SandboxClock clock) {
    this.settings = new AtomicReference<>(settings);
    this.harness = Harness.create(clock);
    for (var account : settings.accounts()) {
      accountsByLabel.put(account.label(), new NetSuiteAccount(account, this.settings::get, clock));
    }
    try {
      this.server =
          SandboxHttp.start(
              settings.host(),
              settings.port(),
              harness,
              this::admit,
              config -> {
                ControlApi.routes(config, this);
                NetSuiteApi.routes(config, this);
              });
    } catch (RuntimeException e) {
      accountsByLabel.values().forEach(NetSuiteAccount::close);
      throw e;
    }
  }

  /** Starts the sandbox with empty accounts; {@link DemoData} fills them for a demo. */
  public static NetSuiteSandbox start(NetSuiteSettings settings, SandboxClock clock) {
    return new NetSuiteSandbox(settings, clock);
  }

  @Override
  public String system() {
    return "netsuite";
  }

  /** The server's root; each account is served under its own path ({@link #accountUrl}). */
  @Override
  public URI baseUrl() {
    return URI.create("http://" + settings.get().host() + ":" + server.port());
  }

  /** What a client calls {@code NETSUITE_BASE_URL}: everything before {@code /services/rest}. */
  public URI accountUrl(String accountId) {
    return URI.create(baseUrl() + "/" + account(accountId).label());
  }

  /**
   * The first account's connection settings, as {@code KEY=value}s; the others' follow with their
   * account id in the key ({@code NETSUITE_4001_SB1_BASE_URL}).
   */
  @Override
  public SequencedMap<String, String> connectionSettings() {
    var out = new LinkedHashMap<String, String>();
    var first = true;
    for (var account : accountsByLabel.values()) {
      var prefix = first ? "NETSUITE_" : "NETSUITE_" + account.id() + "_";
      var s = account.settings();
      out.put(prefix + "BASE_URL", accountUrl(account.id()).toString());
      out.put(prefix + "ACCOUNT", s.id());
      // netsuite-api.md §2.1: the OAuth realm is the account id itself.
      out.put(prefix + "REALM", s.id());
      out.put(prefix + "CONSUMER_KEY", s.consumerKey());
      out.put(prefix + "CONSUMER_SECRET", s.consumerSecret());
      out.put(prefix + "TOKEN_ID", s.tokenId());
      out.put(prefix + "TOKEN_SECRET", s.tokenSecret());
      out.put(prefix + "CLIENT_ID", s.clientId());
      first = false;
    }
    return out;
  }

  public NetSuiteAccount account(String accountId) {
    return accountsByLabel.values().stream()
        .filter(a -> a.id().equals(accountId))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("The sandbox serves no account " + accountId));
  }

  public List<NetSuiteAccount> accounts() {
    return List.copyOf(accountsByLabel.values());
  }

  public NetSuiteSettings settings() {
    return settings.get();
  }

  /** Changes settings while running; accounts and the listening address stay as started. */
  public void settings(UnaryOperator<NetSuiteSettings> change) {
    settings.updateAndGet(current -> {
      var next = change.apply(current);
      return next.withListen(current.host(), current.port()).withAccounts(current.accounts());
    });
  }

  @Override
  public RequestLog requestLog() {
    return harness.requestLog();
  }

  @Override
  public Faults faults() {
    return harness.faults();
  }

  @Override
  public Latency latency() {
    return harness.latency();
  }

  public SandboxClock clock() {
    return harness.clock();
  }

  @Override
  public void close() {
    server.stop();
    accountsByLabel.values().forEach(NetSuiteAccount::close);
  }

  Optional<NetSuiteAccount> accountByLabel(String label) {
    return Optional.ofNullable(accountsByLabel.get(label));
  }

  /**
   * netsuite-api.md §5.2: concurrency is governed per account; a request over the limit is refused
   * at once, by default with 429 and CONCURRENCY_LIMIT_EXCEEDED (no Retry-After).
   */
  private Optional<Runnable> admit(Context ctx) {
    var path = ctx.path();
    var slash = path.indexOf('/', 1);
    if (slash < 0) {
      return Optional.of(() -> {});
    }
    var account = accountByLabel(path.substring(1, slash));
    if (account.isEmpty()) {
      return Optional.of(() -> {});
    }
    var current = settings.get();
    if (account.get().enter(current.concurrencyLimit())) {
      return Optional.of(account.get()::leave);
    }
    SandboxHttp.account(ctx, account.get().id());
    SandboxHttp.detail(
        ctx, "governance", "over the concurrency limit of " + current.concurrencyLimit());
    var refusal =
        current.overloadAnswer() == NetSuiteSettings.OverloadAnswer.INVALID_LOGIN
            ? NetSuiteError.invalidLogin()
            : new NetSuiteError(
                429,
                "CONCURRENCY_LIMIT_EXCEEDED",
                "Concurrent request limit exceeded. Request blocked.");
    NetSuiteApi.error(ctx, refusal);
    return Optional.empty();
  }
}
