package dev.syncline.sandbox.zoey;

import dev.syncline.sandbox.Sandbox;
import dev.syncline.sandbox.common.Faults;
import dev.syncline.sandbox.common.Harness;
import dev.syncline.sandbox.common.Latency;
import dev.syncline.sandbox.common.RequestLog;
import dev.syncline.sandbox.common.SandboxClock;
import dev.syncline.sandbox.common.SandboxHttp;
import io.javalin.Javalin;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import tools.jackson.databind.JsonNode;

/**
 * A Zoey B2B store on loopback: OAuth 2.0 (zoey.md §1.1), the REST API under {@code /api/rest}
 * modelled on Magento 1 api2 (§1.4, §5), and control endpoints under {@code /_sandbox/zoey} to act
 * as buyers and admins. Behaviour the research could not confirm follows {@link ZoeySettings}.
 */
public final class ZoeySandbox implements Sandbox {

  /** The OAuth 2 client registered in the store, as an admin would in Settings > APIs. */
  public static final String CLIENT_ID = "syncline";

  public static final String CLIENT_SECRET = "zoey-sandbox-client-secret";

  /** Where Zoey sends the person back after authorizing; Syncline's callback in the demo. */
  public static final String REDIRECT_URI = "http://127.0.0.1:8080/oauth/zoey/callback";

  private final Harness harness;
  private final ZoeyData data;
  private final OAuthServer oauth;
  private final Javalin server;
  private final URI root;
  private final String demoRefreshToken;

  private ZoeySandbox(
      String host, int port, SandboxClock clock, ZoeySettings settings, boolean seed) {
    this.harness = Harness.create(clock);
    this.data = new ZoeyData(clock, ZoeySettings.defaults());
    if (seed) {
      ZoeySeed.apply(data);
    }
    data.settings.set(settings);
    this.oauth =
        new OAuthServer(
            new OAuthServer.Client(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI),
            clock::instant,
            data.settings::get);
    this.demoRefreshToken = oauth.issueRefreshToken();
    var api = new RestApi(data, oauth, clock);
    this.server =
        SandboxHttp.start(
            host,
            port,
            harness,
            config -> {
              config.routes.get(OAuthServer.AUTHORIZE, oauth::authorize);
              config.routes.post(OAuthServer.TOKEN, oauth::token);
              api.register(config);
              ControlApi.register(config, this);
            });
    this.root = URI.create("http://" + host + ":" + server.port());
  }

  /** Starts a store holding the demo data. */
  public static ZoeySandbox start(String host, int port, SandboxClock clock) {
    return new ZoeySandbox(host, port, clock, ZoeySettings.defaults(), true);
  }

  /**
   * Starts a store with the given settings.
   *
   * @param seed whether it holds the demo data, or nothing at all
   */
  public static ZoeySandbox start(
      String host, int port, SandboxClock clock, ZoeySettings settings, boolean seed) {
    return new ZoeySandbox(host, port, clock, settings, seed);
  }

  @Override
  public String system() {
    return "zoey";
  }

  /** The REST API's root, {@code http://host:port/api/rest}. */
  @Override
  public URI baseUrl() {
    return URI.create(root + RestApi.BASE);
  }

  public URI authorizeUrl() {
    return URI.create(root + OAuthServer.AUTHORIZE);
  }

  public URI tokenUrl() {
    return URI.create(root + OAuthServer.TOKEN);
  }

  @Override
  public SequencedMap<String, String> connectionSettings() {
    var settings = new LinkedHashMap<String, String>();
    settings.put("ZOEY_BASE_URL", baseUrl().toString());
    settings.put("ZOEY_AUTH_URL", authorizeUrl().toString());
    settings.put("ZOEY_TOKEN_URL", tokenUrl().toString());
    settings.put("ZOEY_CLIENT_ID", CLIENT_ID);
    settings.put("ZOEY_CLIENT_SECRET", CLIENT_SECRET);
    settings.put("ZOEY_REDIRECT_URI", REDIRECT_URI);
    // As if a person had already authorized Syncline once; rotated on first use (ZoeySettings).
    settings.put("ZOEY_REFRESH_TOKEN", demoRefreshToken);
    return settings;
  }

  public ZoeySettings settings() {
    return data.settings.get();
  }

  public void settings(ZoeySettings settings) {
    data.settings.set(settings);
  }

  /** A refresh token issued without a browser, as if a person had authorized Syncline. */
  public String issueRefreshToken() {
    return oauth.issueRefreshToken();
  }

  /** Every token stops working, as when an admin disables the OAuth client. */
  public void revokeTokens() {
    oauth.revokeAll();
  }

  /** A buyer checks out; the order as the API would show it. */
  public JsonNode placeOrder(JsonNode checkout) {
    return data.locked(() -> data.sales.placeOrder(checkout).deepCopy());
  }

  /** An admin edits an order, which makes a new order {@code <number>-1}; the new order. */
  public JsonNode editOrder(String orderId, JsonNode edit) {
    return data.locked(() -> data.sales.editOrder(orderId, edit).deepCopy());
  }

  /** An admin edits an account in Zoey's admin, as its REST update does (zoey.md §3.3). */
  public JsonNode editAccount(String accountId, JsonNode edit) {
    return data.locked(() -> data.accounts.updateAccount(accountId, edit).deepCopy());
  }

  public JsonNode cancelOrder(String orderId) {
    return data.locked(() -> data.sales.cancelOrder(orderId).deepCopy());
  }

  public List<ZoeyEmail> emails() {
    return data.locked(data.outbox::sent);
  }

  /** Forgets every record (tokens stay valid); with {@code seed}, loads the demo store again. */
  public void reset(boolean seed) {
    data.locked(() -> {
      data.clear();
      if (seed) {
        var settings = data.settings.getAndSet(ZoeySettings.defaults());
        ZoeySeed.apply(data);
        data.settings.set(settings);
      }
      return true;
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
  }
}
