package dev.syncline.sandbox.joor;

import dev.syncline.sandbox.Sandbox;
import dev.syncline.sandbox.common.Faults;
import dev.syncline.sandbox.common.Harness;
import dev.syncline.sandbox.common.Latency;
import dev.syncline.sandbox.common.RequestLog;
import dev.syncline.sandbox.common.SandboxClock;
import dev.syncline.sandbox.common.SandboxHttp;
import dev.syncline.sandbox.joor.Orders.Status;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.UUID;

/**
 * The JOOR simulator: v2 and v4 on one port, as joor.md describes them. {@code /v2/...} and {@code
 * /v4/...} serve the APIs (their production hosts are api.jooraccess.com/v2 and /v4), {@code
 * /auth/} the token endpoint (production: atlas.jooraccess.com/auth/), {@code /_sandbox/joor/...}
 * the control API. Every account has its own credits, checked before anything else.
 */
public final class JoorSandbox implements Sandbox {

  /** One account's credits, as the gateway counts them (joor.md §1.6). */
  public record Credits(
      String account,
      int budget,
      Duration window,
      int spentInWindow,
      long spentInTotal,
      long refused) {}

  /** What an account holds of one SKU in one warehouse; the date is "" for stock available now. */
  public record InventoryLevel(
      String warehouseCode, String skuId, String upc, String inventoryDate, int inventory) {}

  private final JoorState state;
  private final Harness harness;
  private final Javalin server;
  private final String host;

  private JoorSandbox(JoorState state, Harness harness, String host, int port) {
    this.state = state;
    this.harness = harness;
    this.host = host;
    this.server = SandboxHttp.start(host, port, harness, this::configure);
  }

  /** A sandbox with no accounts yet: {@link #seed} adds them. */
  public static JoorSandbox start(
      String host, int port, SandboxClock clock, JoorSandboxSettings settings) {
    return new JoorSandbox(new JoorState(settings), Harness.create(clock), host, port);
  }

  /**
   * The demo's sandbox: accounts 4001 (Brand US) and 4002 (Brand EU) with their reference data,
   * connections, catalog and orders, and new customers matched after a minute.
   */
  public static JoorSandbox startDemo(String host, int port, SandboxClock clock) {
    var sandbox = start(host, port, clock, JoorSandboxSettings.demo());
    try {
      sandbox.seedDemo();
      return sandbox;
    } catch (RuntimeException e) {
      sandbox.close();
      throw e;
    }
  }

  /** Adds the demo's accounts and credentials (docs/sandboxes.md lists them). */
  public void seedDemo() {
    try (var in = JoorSandbox.class.getResourceAsStream("demo-seed.json")) {
      seed(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void configure(JavalinConfig config) {
    // Bulk calls carry up to a thousand records; JOOR's own body limit is not documented.
    config.http.maxRequestSize = 20_000_000L;
    var clock = harness.clock();
    var settings = state.settings;
    var gateway = new Gateway(state, clock, settings);
    config.routes.before(gateway::before);
    config.routes.exception(JoorError.class, gateway::render);
    config.routes.exception(
        Auth.AuthError.class,
        (e, ctx) ->
            ctx.status(e.status)
                .json(Map.of("error", e.error, "error_description", e.getMessage())));
    config.routes.post("/auth", this::token);
    new ConnectionApi(clock, settings).routes(config.routes);
    new OrderApi(clock, settings).routes(config.routes);
    new ProductApi(clock, settings).routes(config.routes);
    new SkuApi(clock, settings).routes(config.routes);
    new PriceApi(clock, settings).routes(config.routes);
    new InventoryApi(clock, settings).routes(config.routes);
    new ControlApi(this).routes(config.routes);
  }

  /** The password grant (joor.md §1.3), form-encoded or multipart, answered as Keycloak does. */
  private void token(Context ctx) {
    var form = new HashMap<String, String>();
    ctx.formParamMap().forEach((name, values) -> form.put(name, values.getFirst()));
    var issued = state.auth.grant(form, harness.clock().instant());
    var body = new LinkedHashMap<String, Object>();
    body.put("access_token", issued.accessToken());
    body.put("expires_in", issued.expiresIn().toSeconds());
    body.put("refresh_expires_in", Auth.REFRESH_LIFETIME.toSeconds());
    body.put("refresh_token", issued.refreshToken());
    body.put("token_type", "Bearer");
    body.put("not-before-policy", 0);
    body.put("session_state", UUID.randomUUID().toString());
    body.put("scope", "email profile");
    ctx.json(body);
  }

  /**
   * Adds new accounts and credentials in the seed format of docs/sandboxes.md. A seed that names an
   * existing account, or has any problem, is refused whole.
   */
  public void seed(String json) {
    var seed = SandboxHttp.JSON.readTree(json);
    var ids = Seed.accountIds(seed);
    for (var id : ids) {
      if (state.account(id).isPresent()) {
        throw new IllegalArgumentException(
            "Account " + id + " exists already; a seed adds new accounts");
      }
    }
    var now = harness.clock().instant();
    java.util.function.Predicate<String> exists =
        id -> ids.contains(id) || state.account(id).isPresent();
    // A rehearsal on empty state finds every problem before anything changes.
    Seed.apply(new JoorState(state.settings), seed, now, exists);
    Seed.apply(state, seed, now, exists);
  }

  private Account account(String id) {
    return state.account(id).orElseThrow(() -> new IllegalArgumentException("No account " + id));
  }

  /** Matches every pending connection of the account at once; answers their customer codes. */
  public List<String> approvePending(String account) {
    var a = account(account);
    var now = harness.clock().instant();
    return a.locked(
        now,
        () -> {
          var codes = new ArrayList<String>();
          for (var pending : a.connections.pending()) {
            a.match(pending, now);
            codes.add(pending.code());
          }
          return codes;
        });
  }

  /** Matches the named pending connections at once; all must be pending, or none is matched. */
  public List<String> approvePending(String account, List<String> customerCodes) {
    var a = account(account);
    var now = harness.clock().instant();
    return a.locked(
        now,
        () -> {
          var pending =
              customerCodes.stream()
                  .map(code ->
                      a.connections
                          .byCode(code)
                          .filter(c -> c.status() == Connections.Status.PENDING)
                          .orElseThrow(() ->
                              new IllegalArgumentException(
                                  "No pending connection " + code + " in account " + account)))
                  .toList();
          pending.forEach(c -> a.match(c, now));
          return List.copyOf(customerCodes);
        });
  }

  /** A retailer places an order (format in docs/sandboxes.md); answers its id. */
  public long placeOrder(String account, String json) {
    var a = account(account);
    var fields = Fields.of(SandboxHttp.JSON.readTree(json), "the order");
    var now = harness.clock().instant();
    return a.locked(now, () -> OrderPlacement.place(a, fields, now).id());
  }

  /** A brand user moves an order on: APPROVED, SHIPPED (with a tracking number), CANCELLED... */
  public void moveOrder(String account, long orderId, String status, String trackingNumber) {
    var a = account(account);
    Status to;
    try {
      to = Status.valueOf(status);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("status must be one of " + List.of(Status.values()));
    }
    var now = harness.clock().instant();
    a.update(now, () -> OrderApi.setStatus(a, orderId, to, trackingNumber, now));
  }

  /** Turns on JOOR's order field validation for these v2 fields (joor.md §2.3). */
  public void validateOrderFields(String account, List<String> fields) {
    var a = account(account);
    for (var field : fields) {
      if (!Seed.VALIDATABLE.contains(field)) {
        throw new IllegalArgumentException(
            "JOOR cannot validate \"" + field + "\"; it can validate " + Seed.VALIDATABLE);
      }
    }
    a.update(
        harness.clock().instant(),
        () -> {
          a.validatedOrderFields.clear();
          a.validatedOrderFields.addAll(fields);
        });
  }

  public List<Credits> credits() {
    var now = harness.clock().instant();
    return state.accounts().stream()
        .map(a -> {
          var s = a.credits.snapshot(now);
          return new Credits(
              a.id, s.budget(), s.window(), s.spentInWindow(), s.spentInTotal(), s.refused());
        })
        .toList();
  }

  public Credits credits(String account) {
    return credits().stream()
        .filter(c -> c.account().equals(account))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No account " + account));
  }

  public List<InventoryLevel> inventory(String account) {
    var a = account(account);
    return a.locked(
        harness.clock().instant(),
        () ->
            InventoryApi.levels(a).stream()
                .map(l ->
                    new InventoryLevel(
                        (String) l.get("warehouse_code"),
                        (String) l.get("sku_id"),
                        (String) l.get("upc"),
                        (String) l.get("inventory_date"),
                        (Integer) l.get("inventory")))
                .toList());
  }

  /** Makes every access token invalid, as revoking the grant in JOOR would. */
  public void revokeAccessTokens() {
    state.auth.revokeAccessTokens();
  }

  public SandboxClock clock() {
    return harness.clock();
  }

  public JoorSandboxSettings settings() {
    return state.settings;
  }

  @Override
  public String system() {
    return "joor";
  }

  @Override
  public URI baseUrl() {
    return URI.create("http://" + host + ":" + server.port());
  }

  public URI v2Url() {
    return baseUrl().resolve("/v2");
  }

  public URI v4Url() {
    return baseUrl().resolve("/v4");
  }

  public URI authUrl() {
    return baseUrl().resolve("/auth/");
  }

  @Override
  public SequencedMap<String, String> connectionSettings() {
    var settings = new LinkedHashMap<String, String>();
    settings.put("JOOR_V2_BASE_URL", v2Url().toString());
    settings.put("JOOR_V4_BASE_URL", v4Url().toString());
    settings.put("JOOR_AUTH_URL", authUrl().toString());
    settings.put(
        "JOOR_ACCOUNTS", String.join(",", state.accounts().stream().map(a -> a.id).toList()));
    state
        .auth
        .v2TokensByAccount()
        .forEach((account, token) -> settings.put("JOOR_V2_TOKEN_" + account, token));
    state
        .auth
        .firstClient()
        .ifPresent(c -> {
          settings.put("JOOR_CLIENT_ID", c.getKey());
          settings.put("JOOR_CLIENT_SECRET", c.getValue());
        });
    state
        .auth
        .firstUser()
        .ifPresent(u -> {
          settings.put("JOOR_USERNAME", u.username());
          settings.put("JOOR_PASSWORD", u.password());
        });
    return settings;
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

  @Override
  public void close() {
    server.stop();
  }
}
