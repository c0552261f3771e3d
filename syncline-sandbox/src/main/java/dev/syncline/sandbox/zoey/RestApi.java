package dev.syncline.sandbox.zoey;

import dev.syncline.sandbox.common.SandboxClock;
import dev.syncline.sandbox.common.SandboxHttp;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The REST API under {@code /api/rest} (zoey.md §1.2: the {@code rest/companyAccounts} family is
 * confirmed; the base path and every other resource follow Magento 1 api2, §1.4 and §5.1). Reads
 * answer the record or a collection; a create answers 201 with a Location header and no body, an
 * update 200 with no body (zoey.md §5.2: M1 create returns a Location header).
 */
final class RestApi {

  static final String BASE = "/api/rest";

  private final ZoeyData data;
  private final OAuthServer oauth;
  private final SandboxClock clock;
  private Instant windowStart = Instant.EPOCH;
  private int spentInWindow;

  RestApi(ZoeyData data, OAuthServer oauth, SandboxClock clock) {
    this.data = data;
    this.oauth = oauth;
    this.clock = clock;
  }

  void register(JavalinConfig config) {
    var routes = config.routes;
    routes.before(BASE + "/*", this::guard);
    routes.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
    routes.exception(JacksonException.class, (e, ctx) -> error(ctx, 400, ApiError.INVALID_DATA));

    var accounts = data.accounts;
    var catalog = data.catalog;
    var sales = data.sales;
    // zoey.md §1.2, §2.1: accounts with locations, ship-to and bill-to addresses.
    collection(config, "companyAccounts", () -> accounts.accounts, Accounts.ACCOUNT_FIELDS);
    create(config, "companyAccounts", accounts::createAccount);
    update(config, "companyAccounts", accounts::updateAccount);
    routes.post(
        BASE + "/companyAccounts/{id}/locations",
        ctx ->
            created(
                ctx,
                "companyAccounts/" + ctx.pathParam("id") + "/locations",
                data.locked(() -> accounts.addLocation(ctx.pathParam("id"), body(ctx)))
                    .path("location_id")
                    .asString()));
    routes.get(
        BASE + "/companyAccounts/{id}/locations/{location}",
        ctx ->
            ctx.json(
                data.locked(() ->
                    nested(
                        accounts.accounts.get(ctx.pathParam("id")).get("locations"),
                        "location_id",
                        ctx.pathParam("location")))));
    routes.put(
        BASE + "/companyAccounts/{id}/locations/{location}",
        ctx -> {
          data.locked(() ->
              accounts.renameLocation(ctx.pathParam("id"), ctx.pathParam("location"), body(ctx)));
          ctx.status(200);
        });
    routes.post(
        BASE + "/companyAccounts/{id}/shipToAddresses",
        ctx ->
            created(
                ctx,
                "companyAccounts/" + ctx.pathParam("id") + "/addresses",
                data.locked(() -> accounts.addShipTo(ctx.pathParam("id"), body(ctx)))
                    .path("address_id")
                    .asString()));
    routes.post(
        BASE + "/companyAccounts/{id}/billToAddresses",
        ctx ->
            created(
                ctx,
                "companyAccounts/" + ctx.pathParam("id") + "/addresses",
                data.locked(() -> accounts.addBillTo(ctx.pathParam("id"), body(ctx)))
                    .path("address_id")
                    .asString()));
    routes.get(
        BASE + "/companyAccounts/{id}/addresses/{address}",
        ctx ->
            ctx.json(
                data.locked(() -> {
                  var account = accounts.accounts.get(ctx.pathParam("id"));
                  var all = Wire.array();
                  all.addAll(Wire.elements(account.get("bill_to_addresses")));
                  account
                      .get("locations")
                      .forEach(l -> all.addAll(Wire.elements(l.get("addresses"))));
                  return nested(all, "address_id", ctx.pathParam("address"));
                })));
    routes.put(
        BASE + "/companyAccounts/{id}/addresses/{address}",
        ctx -> {
          data.locked(() ->
              accounts.updateAddress(ctx.pathParam("id"), ctx.pathParam("address"), body(ctx)));
          ctx.status(200);
        });
    routes.delete(
        BASE + "/companyAccounts/{id}/addresses/{address}",
        ctx -> {
          data.locked(() -> {
            accounts.removeAddress(ctx.pathParam("id"), ctx.pathParam("address"));
            return true;
          });
          ctx.status(200);
        });
    // Contacts are Magento customers (zoey.md §2.1: "Customer" was renamed "Contact").
    collection(config, "customers", () -> accounts.contacts, Accounts.CONTACT_FIELDS);
    create(config, "customers", accounts::createContact);
    update(config, "customers", accounts::updateContact);
    routes.get(
        BASE + "/customerGroups",
        ctx ->
            ctx.json(
                data.locked(() -> {
                  var all = Wire.array();
                  accounts.groups.rows().forEach(all::add);
                  return all;
                })));

    // zoey.md §5.1: products and stock items as in Magento 1.
    collection(config, "products", () -> catalog.products, Catalog.PRODUCT_FIELDS);
    create(config, "products", catalog::createProduct);
    update(config, "products", catalog::updateProduct);
    routes.get(BASE + "/stockitems", ctx -> list(ctx, catalog.stock, Catalog.STOCK_FIELDS, false));
    routes.get(
        BASE + "/stockitems/{id}",
        ctx -> ctx.json(data.locked(() -> catalog.stock.get(ctx.pathParam("id")))));
    routes.put(
        BASE + "/stockitems/{id}",
        ctx -> {
          data.locked(() -> catalog.updateStock(ctx.pathParam("id"), body(ctx)));
          ctx.status(200);
        });
    // zoey.md §5.2: PUT on the collection is a multi-update answering 207.
    routes.put(
        BASE + "/stockitems",
        ctx ->
            multi(ctx, "item_id", item -> catalog.updateStock(Wire.text(item, "item_id"), item)));
    // zoey.md §2.2: account-specific prices [U: resource name and shape].
    collection(config, "accountPrices", () -> catalog.accountPrices, Catalog.PRICE_FIELDS);
    routes.put(BASE + "/accountPrices", ctx -> multi(ctx, "sku", catalog::putAccountPrice));

    // zoey.md §5.1: orders are read-only over REST; POST, PUT and DELETE are "Not implemented".
    collection(config, "orders", () -> sales.orders, Sales.ORDER_FIELDS);
    routes.post(BASE + "/orders", RestApi::notImplemented);
    routes.put(BASE + "/orders/{id}", RestApi::notImplemented);
    routes.delete(BASE + "/orders/{id}", RestApi::notImplemented);
    // zoey.md §2.6-2.8 and §5.4: M1 has these only in SOAP; Zoey's REST for them is [U].
    collection(config, "invoices", () -> sales.invoices, Sales.INVOICE_FIELDS);
    create(config, "invoices", sales::createInvoice);
    action(config, "invoices", "void", sales::voidInvoice);
    collection(config, "payments", () -> sales.payments, Sales.PAYMENT_FIELDS);
    create(config, "payments", sales::createPayment);
    action(config, "payments", "void", sales::voidPayment);
    collection(config, "refunds", () -> sales.refunds, Sales.REFUND_FIELDS);
    create(config, "refunds", sales::createRefund);
    collection(config, "shipments", () -> sales.shipments, Sales.SHIPMENT_FIELDS);
    create(config, "shipments", sales::createShipment);
    routes.post(
        BASE + "/shipments/{id}/tracks",
        ctx -> {
          data.locked(() -> sales.addTrack(ctx.pathParam("id"), body(ctx)));
          ctx.status(201).header("Location", BASE + "/shipments/" + ctx.pathParam("id"));
        });
    collection(config, "creditmemos", () -> sales.creditMemos, Sales.CREDIT_MEMO_FIELDS);
    create(config, "creditmemos", sales::createCreditMemo);
  }

  private static void notImplemented(Context ctx) {
    // zoey.md §5.2: 405 "Resource method not implemented yet."
    error(ctx, 405, "Resource method not implemented yet.");
  }

  /** Bearer token and rate limit, before any resource is served. */
  private void guard(Context ctx) {
    SandboxHttp.account(ctx, oauth.client().id());
    var problem = oauth.problemWith(ctx.header("Authorization"));
    if (problem.isPresent()) {
      // RFC 6750 §3: a bad or expired token is 401 with a Bearer challenge.
      ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      error(ctx, 401, problem.get());
      ctx.skipRemainingHandlers();
      return;
    }
    var wait = spend();
    if (wait.isPresent()) {
      // zoey.md §1.3: no limit is published; when one is set, 429 with Retry-After [U].
      ctx.header("Retry-After", String.valueOf(Math.max(1, wait.get().toSeconds())));
      error(ctx, 429, "Too many requests.");
      ctx.skipRemainingHandlers();
    }
  }

  private synchronized Optional<Duration> spend() {
    var settings = data.settings.get();
    if (settings.rateLimitRequests() == 0) {
      return Optional.empty();
    }
    var now = clock.instant();
    if (!now.isBefore(windowStart.plus(settings.rateLimitWindow()))) {
      windowStart = now;
      spentInWindow = 0;
    }
    if (spentInWindow >= settings.rateLimitRequests()) {
      var left = Duration.between(now, windowStart.plus(settings.rateLimitWindow()));
      return Optional.of(left.plusMillis(999));
    }
    spentInWindow++;
    return Optional.empty();
  }

  private void collection(
      JavalinConfig config, String resource, Supplier<Table> table, Set<String> readable) {
    config.routes.get(
        BASE + "/" + resource,
        ctx -> list(ctx, table.get(), readable, data.settings.get().keyedCollections()));
    config.routes.get(
        BASE + "/" + resource + "/{id}",
        ctx -> ctx.json(data.locked(() -> table.get().get(ctx.pathParam("id")))));
  }

  private void list(Context ctx, Table table, Set<String> readable, boolean keyed) {
    var settings = data.settings.get();
    var query = ListQuery.parse(ctx.queryParamMap(), settings);
    var page =
        data.locked(() ->
            query.apply(table.rows(), readable, table.idField(), settings.repeatLastPage()).stream()
                .map(ObjectNode::deepCopy)
                .toList());
    SandboxHttp.detail(ctx, "returned", String.valueOf(page.size()));
    if (keyed) {
      var body = Wire.object();
      page.forEach(row -> body.set(row.path(table.idField()).asString(), row));
      ctx.json(body);
    } else {
      var body = Wire.array();
      page.forEach(body::add);
      ctx.json(body);
    }
  }

  private void create(
      JavalinConfig config, String resource, Function<JsonNode, ObjectNode> create) {
    config.routes.post(
        BASE + "/" + resource,
        ctx -> {
          var body = body(ctx);
          if (body.isArray()) {
            // zoey.md §5.2: an array body is a multi-create; this sandbox supports it on the
            // collections that document it (stock items, account prices) only.
            throw new ApiError(405, ApiError.METHOD_NOT_ALLOWED);
          }
          created(
              ctx, resource, data.locked(() -> create.apply(body)).path("entity_id").asString());
        });
  }

  private void update(
      JavalinConfig config, String resource, BiFunction<String, JsonNode, ObjectNode> update) {
    config.routes.put(
        BASE + "/" + resource + "/{id}",
        ctx -> {
          var body = body(ctx);
          data.locked(() -> update.apply(ctx.pathParam("id"), body));
          ctx.status(200);
        });
  }

  private void action(
      JavalinConfig config, String resource, String verb, Function<String, ObjectNode> action) {
    config.routes.post(
        BASE + "/" + resource + "/{id}/" + verb,
        ctx -> {
          data.locked(() -> action.apply(ctx.pathParam("id")));
          ctx.status(200);
        });
  }

  /** zoey.md §5.2: per-item success and error messages, status 207. */
  private void multi(Context ctx, String key, Function<JsonNode, ObjectNode> each) {
    var body = body(ctx);
    if (!body.isArray() || body.isEmpty()) {
      throw ApiError.badRequest(ApiError.INVALID_DATA);
    }
    var success = Wire.array();
    var errors = Wire.array();
    for (var item : Wire.elements(body)) {
      var id = item.path(key).asString("");
      try {
        data.locked(() -> each.apply(item));
        success.add(
            Wire.object()
                .put("message", "Resource updated successful.")
                .put("code", 200)
                .put("item_id", id));
      } catch (ApiError e) {
        errors.add(
            Wire.object()
                .put("message", e.getMessage())
                .put("code", e.status())
                .put("item_id", id));
      }
    }
    var result = Wire.object();
    result.set("success", success);
    result.set("error", errors);
    ctx.status(207).json(result);
  }

  private static JsonNode body(Context ctx) {
    var text = ctx.body();
    if (text.isBlank()) {
      // zoey.md §5.2: an empty body is 400 "The request data is invalid."
      throw ApiError.badRequest(ApiError.INVALID_DATA);
    }
    return SandboxHttp.JSON.readTree(text);
  }

  private static void created(Context ctx, String collection, String id) {
    ctx.status(201).header("Location", BASE + "/" + collection + "/" + id);
  }

  private static JsonNode nested(JsonNode list, String idField, String id) {
    return list.valueStream()
        .filter(n -> n.path(idField).asString().equals(id))
        .findFirst()
        .orElseThrow(ApiError::notFound)
        .deepCopy();
  }

  static void error(Context ctx, int status, String message) {
    var error = Wire.object().put("code", status).put("message", message);
    var body = Wire.object();
    body.putObject("messages").putArray("error").add(error);
    ctx.status(status).json(body);
  }
}
