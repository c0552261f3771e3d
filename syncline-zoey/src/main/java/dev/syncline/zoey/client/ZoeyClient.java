package dev.syncline.zoey.client;

import dev.syncline.core.limit.Limiter;
import dev.syncline.core.remote.RemoteCalls;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Syncline's client of one Zoey store: OAuth 2.0 with tokens that survive restarts, every REST
 * resource the adapters need, paging, limits, retries and typed errors. It knows nothing of sync:
 * adapters build on it, one per record type.
 *
 * <p>Calls block; run them on virtual threads. Every failure is a {@link
 * dev.syncline.core.SyncException}: retryable (Zoey down, slow or limiting, after the client's own
 * few retries) or permanent (refused, missing, or a configuration a person must fix).
 */
public final class ZoeyClient {

  private final ZoeyConfig config;
  private final ZoeyAuth auth;
  private final ZoeyHttp http;

  private final RemoteCalls calls;

  private ZoeyClient(ZoeyConfig config, ZoeyAuth auth, ZoeyHttp http, RemoteCalls calls) {
    this.config = config;
    this.auth = auth;
    this.http = http;
    this.calls = calls;
  }

  /**
   * @param tokens where the tokens live between restarts
   * @param limiter the store's limiter, shared by every flow that calls it
   */
  public static ZoeyClient create(
      ZoeyConfig config,
      ZoeyTokenStore tokens,
      Limiter limiter,
      MeterRegistry meters,
      InstantSource clock) {
    var httpClient =
        HttpClient.newBuilder()
            .connectTimeout(config.requestTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    var calls =
        new RemoteCalls(
            ZoeyApi.SYSTEM,
            "Zoey",
            config.baseUrl().getHost(),
            config.retry(),
            limiter,
            meters,
            clock);
    var auth = new ZoeyAuth(config, tokens, httpClient, calls, clock, meters);
    return new ZoeyClient(
        config, auth, new ZoeyHttp(config, httpClient, calls, auth, clock), calls);
  }

  /**
   * One cheap authenticated call, the store's customer groups, said in a sentence; throws the
   * classified error when it fails (not connected yet, refused, down).
   */
  public String probe() {
    var groups = customerGroups();
    return "Zoey at "
        + config.baseUrl().getHost()
        + " accepted the token and listed its customer groups ("
        + groups.size()
        + ").";
  }

  /** What this node knows of the connection now, from the calls it made. */
  public dev.syncline.core.port.ConnectionState connection() {
    return calls.connection();
  }

  /**
   * Where a person authorizes Syncline in Zoey; Zoey then sends them to the redirect URI with a
   * code for {@link #connect}.
   *
   * @param state an unguessable value the redirect must carry back (RFC 6749 §10.12)
   */
  public URI authorizationUrl(String state) {
    return auth.authorizationUrl(state);
  }

  /** Trades the authorization code for tokens and saves them: Syncline is connected. */
  public void connect(String authorizationCode) {
    auth.connect(authorizationCode);
  }

  /** zoey.md §2.1: B2B accounts, each with its locations, ship-to and bill-to addresses. */
  public ZoeyResource accounts() {
    return resource(ZoeyApi.ACCOUNTS, ZoeyApi.ENTITY_ID);
  }

  /** zoey.md §2.1: contacts, the people of an account who sign in. */
  public ZoeyResource contacts() {
    return resource(ZoeyApi.CONTACTS, ZoeyApi.ENTITY_ID);
  }

  public ZoeyResource products() {
    return resource(ZoeyApi.PRODUCTS, ZoeyApi.ENTITY_ID);
  }

  /** zoey.md §2.2: prices for one account and SKU, above every other price. */
  public ZoeyResource accountPrices() {
    return resource(ZoeyApi.ACCOUNT_PRICES, ZoeyApi.ENTITY_ID);
  }

  /** Orders are read-only: buyers place them, admins edit and cancel them (zoey.md §2.5, §5.1). */
  public ZoeyResource orders() {
    return resource(ZoeyApi.ORDERS, ZoeyApi.ENTITY_ID);
  }

  /** zoey.md §2.6: invoices, requests for payment; several per order. */
  public ZoeyResource invoices() {
    return resource(ZoeyApi.INVOICES, ZoeyApi.ENTITY_ID);
  }

  /** zoey.md §2.6: payments, each applied to one or more invoices, or a deposit on an order. */
  public ZoeyResource payments() {
    return resource(ZoeyApi.PAYMENTS, ZoeyApi.ENTITY_ID);
  }

  /** zoey.md §2.8: refunds of a payment, online or offline. */
  public ZoeyResource refunds() {
    return resource(ZoeyApi.REFUNDS, ZoeyApi.ENTITY_ID);
  }

  /** zoey.md §2.7: shipments with their tracks. */
  public ZoeyResource shipments() {
    return resource(ZoeyApi.SHIPMENTS, ZoeyApi.ENTITY_ID);
  }

  /** zoey.md §2.8: credit memos, only on invoices paid in full. */
  public ZoeyResource creditMemos() {
    return resource(ZoeyApi.CREDIT_MEMOS, ZoeyApi.ENTITY_ID);
  }

  /** zoey.md §2.2: the store's customer groups, to which price levels map. */
  public List<ZoeyRecord> customerGroups() {
    return ZoeyRecords.collection(
        "GET " + ZoeyApi.CUSTOMER_GROUPS,
        http.get(ZoeyApi.CUSTOMER_GROUPS, List.of()),
        ZoeyApi.GROUP_ID,
        false);
  }

  /** A new location of an account; its id. */
  public String addLocation(String accountId, String name) {
    var path = ZoeyApi.locations(accountId);
    return ZoeyRecords.createdId("POST " + path, http.post(path, object().put("name", name)));
  }

  public void renameLocation(String accountId, String locationId, String name) {
    http.put(ZoeyApi.locations(accountId) + "/" + locationId, object().put("name", name));
  }

  /**
   * A ship-to address of one location (zoey.md §2.1: a ship-to belongs to exactly one location;
   * without a {@code location_id} Zoey files it under "Unassigned"); its id.
   */
  public String addShipToAddress(String accountId, JsonNode address) {
    var path = ZoeyApi.shipToAddresses(accountId);
    return ZoeyRecords.createdId("POST " + path, http.post(path, address));
  }

  /** A bill-to address, global to the account's locations unless it says otherwise; its id. */
  public String addBillToAddress(String accountId, JsonNode address) {
    var path = ZoeyApi.billToAddresses(accountId);
    return ZoeyRecords.createdId("POST " + path, http.post(path, address));
  }

  public void updateAddress(String accountId, String addressId, JsonNode address) {
    http.put(ZoeyApi.address(accountId, addressId), address);
  }

  public void removeAddress(String accountId, String addressId) {
    http.delete(ZoeyApi.address(accountId, addressId));
  }

  /** The stock items of these products (zoey.md §5.2: quantity, in stock, backorders). */
  public List<ZoeyRecord> stockItems(List<String> productIds) {
    return resource(ZoeyApi.STOCK_ITEMS, ZoeyApi.STOCK_ITEM_ID).whereIn("product_id", productIds);
  }

  /**
   * Updates many stock items in one call (zoey.md §5.2: PUT on the collection, answered 207), each
   * naming its {@code item_id}.
   */
  public List<ZoeyItemOutcome> updateStock(List<JsonNode> items) {
    return multi(ZoeyApi.STOCK_ITEMS, items);
  }

  /** Sets many account-specific prices in one call, each {account_id, sku, price}. */
  public List<ZoeyItemOutcome> putAccountPrices(List<JsonNode> prices) {
    return multi(ZoeyApi.ACCOUNT_PRICES, prices);
  }

  /** Voids an open invoice nobody has paid. */
  public void voidInvoice(String invoiceId) {
    http.post(ZoeyApi.voided(ZoeyApi.INVOICES, invoiceId), object());
  }

  /** Voids an offline payment (zoey.md §2.6); the invoices it paid open again. */
  public void voidPayment(String paymentId) {
    http.post(ZoeyApi.voided(ZoeyApi.PAYMENTS, paymentId), object());
  }

  /** Adds a track (carrier_code, title, number) to a shipment (zoey.md §5.4: addTrack). */
  public void addTrack(String shipmentId, JsonNode track) {
    http.post(ZoeyApi.tracks(shipmentId), track);
  }

  private ZoeyResource resource(String path, String idField) {
    return new ZoeyResource(http, path, idField, config.pageSize());
  }

  private List<ZoeyItemOutcome> multi(String path, List<JsonNode> items) {
    if (items.isEmpty()) {
      return List.of();
    }
    var body = JsonNodeFactory.instance.arrayNode();
    items.forEach(body::add);
    var answer = http.put(path, body);
    var json =
        answer.body().orElseThrow(() -> ZoeyErrors.unexpectedBody("PUT " + path, "an empty body"));
    var outcomes = new ArrayList<ZoeyItemOutcome>();
    json.path(ZoeyApi.MULTI_SUCCESS)
        .forEach(s ->
            outcomes.add(new ZoeyItemOutcome.Updated(s.path(ZoeyApi.MULTI_ITEM).asString(""))));
    json.path(ZoeyApi.MULTI_ERROR)
        .forEach(e ->
            outcomes.add(
                new ZoeyItemOutcome.Rejected(
                    e.path(ZoeyApi.MULTI_ITEM).asString(""),
                    e.path("code").asInt(0),
                    e.path(ZoeyApi.MESSAGE).asString(""))));
    if (outcomes.size() != items.size()) {
      throw ZoeyErrors.unexpectedBody(
          "PUT " + path, "outcomes for " + outcomes.size() + " of " + items.size() + " items");
    }
    return outcomes;
  }

  private static tools.jackson.databind.node.ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }
}
