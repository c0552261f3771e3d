package dev.syncline.sandbox.netsuite;

import dev.syncline.sandbox.common.SandboxHttp;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * NetSuite's REST web services under each account's base URL ({@code /{account}/services/rest}):
 * the record service (netsuite-api.md §3), SuiteQL (§4) and the OAuth 2.0 token endpoint (§2.2).
 * Every call but the token endpoint is authenticated by TBA or a bearer token.
 */
final class NetSuiteApi {

  private static final String REST = "/{account}/services/rest";
  private static final String RECORD = REST + "/record/v1";

  /** netsuite-api.md §3.1: the media type of a single record. */
  private static final String SINGULAR = "application/vnd.oracle.resource+json; type=singular";

  private static final String COLLECTION = "application/vnd.oracle.resource+json; type=collection";

  @FunctionalInterface
  private interface Handler {
    void handle(Context ctx, NetSuiteAccount account) throws Exception;
  }

  private final NetSuiteSandbox sandbox;

  private NetSuiteApi(NetSuiteSandbox sandbox) {
    this.sandbox = sandbox;
  }

  static void routes(JavalinConfig config, NetSuiteSandbox sandbox) {
    var api = new NetSuiteApi(sandbox);
    var routes = config.routes;
    routes.exception(NetSuiteError.class, (e, ctx) -> error(ctx, e));
    routes.post(REST + "/auth/oauth2/v1/token", ctx -> api.token(ctx));
    routes.post(REST + "/query/v1/suiteql", api.authenticated("suiteql", api::suiteQl));
    routes.get(RECORD + "/{type}", api.authenticated("record.list", api::list));
    routes.post(RECORD + "/{type}", api.authenticated("record.create", api::create));
    routes.get(RECORD + "/{type}/{id}", api.authenticated("record.get", api::get));
    routes.patch(RECORD + "/{type}/{id}", api.authenticated("record.update", api::update));
    routes.put(RECORD + "/{type}/{id}", api.authenticated("record.upsert", api::upsert));
    routes.delete(RECORD + "/{type}/{id}", api.authenticated("record.delete", api::delete));
    routes.get(
        RECORD + "/{type}/{id}/{sublist}", api.authenticated("record.sublist", api::sublist));
    routes.post(
        RECORD + "/{type}/{id}/!transform/{target}",
        api.authenticated("record.transform", api::transform));
  }

  static void error(Context ctx, NetSuiteError e) {
    ctx.status(e.status())
        .contentType("application/vnd.oracle.resource+json; type=error")
        .result(SandboxHttp.JSON.writeValueAsString(e.body()));
  }

  // ---- authentication
  // ----------------------------------------------------------------------------

  private io.javalin.http.Handler authenticated(String operation, Handler handler) {
    return ctx -> {
      SandboxHttp.detail(ctx, "operation", operation);
      var account = account(ctx);
      var refusal = refusal(ctx, account);
      if (refusal.isPresent()) {
        // What NetSuite's Login Audit Trail would show; the caller only sees INVALID_LOGIN.
        SandboxHttp.detail(ctx, "loginFailure", refusal.get());
        throw NetSuiteError.invalidLogin();
      }
      handler.handle(ctx, account);
    };
  }

  private Optional<String> refusal(Context ctx, NetSuiteAccount account) {
    var header = ctx.header("Authorization");
    var now = account.clock().instant();
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      // netsuite-api.md §2.2: Authorization: Bearer <access_token>.
      return account.clientCredentials().accepts(header.substring(7).trim(), now)
          ? Optional.empty()
          : Optional.of("unknown or expired bearer token");
    }
    return account.tokenAuthentication().refusal(ctx, now, sandbox.settings().timestampSkew());
  }

  private NetSuiteAccount account(Context ctx) {
    var account =
        sandbox
            .accountByLabel(ctx.pathParam("account"))
            .orElseThrow(() ->
                NetSuiteError.notFound(
                    "No NetSuite account is served at /" + ctx.pathParam("account") + "."));
    SandboxHttp.account(ctx, account.id());
    return account;
  }

  /** netsuite-api.md §2.2: client credentials with a JWT assertion. */
  private void token(Context ctx) {
    SandboxHttp.detail(ctx, "operation", "token");
    var account = account(ctx);
    var grant = ctx.formParam("grant_type");
    if (!"client_credentials".equals(grant)) {
      oauthError(ctx, "unsupported_grant_type", "grant_type must be client_credentials");
      return;
    }
    if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
            .equals(ctx.formParam("client_assertion_type"))
        || ctx.formParam("client_assertion") == null) {
      oauthError(
          ctx,
          "invalid_request",
          "client_assertion_type must be jwt-bearer, with a client_assertion");
      return;
    }
    var audience = base(ctx) + "/auth/oauth2/v1/token";
    try {
      var lifetime = sandbox.settings().tokenLifetime();
      var token =
          account
              .clientCredentials()
              .issue(
                  ctx.formParam("client_assertion"), audience, account.clock().instant(), lifetime);
      var body = SandboxHttp.JSON.createObjectNode();
      // netsuite-api.md §2.2: access_token and expires_in; token_type as in RFC 6749 (unconfirmed).
      body.put("access_token", token)
          .put("token_type", "Bearer")
          .put("expires_in", lifetime.toSeconds());
      ctx.json(body);
    } catch (ClientCredentials.Refused e) {
      SandboxHttp.detail(ctx, "loginFailure", e.getMessage());
      oauthError(ctx, e.error(), e.getMessage());
    }
  }

  private static void oauthError(Context ctx, String error, String description) {
    ctx.status(400).json(java.util.Map.of("error", error, "error_description", description));
  }

  // ---- SuiteQL
  // -----------------------------------------------------------------------------------

  private void suiteQl(Context ctx, NetSuiteAccount account) {
    var prefer = ctx.header("Prefer");
    if (prefer == null || !prefer.toLowerCase(Locale.ROOT).contains("transient")) {
      // netsuite-api.md §4: SuiteQL is sent with Prefer: transient.
      throw NetSuiteError.badRequest(
          "INVALID_PARAMETER", "A SuiteQL request needs the header Prefer: transient.");
    }
    var body = readBody(ctx);
    var q = body.path("q");
    if (!q.isString() || q.asString().isBlank()) {
      throw NetSuiteError.badRequest(
          "INVALID_PARAMETER", "The body must be {\"q\": \"SELECT ...\"}.");
    }
    var limit = limit(ctx);
    var offset = offset(ctx, limit);
    SandboxHttp.detail(ctx, "q", q.asString());
    var page =
        new SuiteQl(account.store(), sandbox.settings())
            .page(q.asString(), limit, offset, base(ctx) + "/query/v1/suiteql");
    ctx.contentType("application/json").result(page.toString());
  }

  // ---- the record service
  // ------------------------------------------------------------------------

  /** netsuite-api.md §3.7: ids and links only, paged, filtered by q. */
  private void list(Context ctx, NetSuiteAccount account) throws SQLException {
    var type = type(ctx);
    var limit = limit(ctx);
    var offset = offset(ctx, limit);
    var settings = sandbox.settings();
    if (offset >= settings.rowCeiling()) {
      throw NetSuiteError.badRequest(
          "INVALID_PARAMETER",
          "The offset is past the " + settings.rowCeiling() + " results a list can return.");
    }
    var table = account.store().tables().bodyTable(type);
    var where = new ArrayList<String>();
    var parameters = new ArrayList<Object>();
    if (table.sources().size() > 1) {
      where.add((table.name().equals("item") ? "itemtype" : "type") + " = ?");
      parameters.add(type.typeCode());
    }
    var q = ctx.queryParam("q");
    if (q != null && !q.isBlank()) {
      var filter = CollectionFilter.parse(q, table, settings.dateFormat(), settings.timeFormat());
      where.add("(" + filter.where() + ")");
      parameters.addAll(filter.parameters());
    }
    var from =
        " FROM " + table.name() + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where));
    var ids = new ArrayList<Long>();
    long total =
        account
            .store()
            .read(c -> {
              try (var s = c.prepareStatement("SELECT COUNT(*)" + from)) {
                bind(s, parameters);
                try (var rs = s.executeQuery()) {
                  rs.next();
                  var count = rs.getLong(1);
                  try (var page =
                      c.prepareStatement(
                          "SELECT id"
                              + from
                              + " ORDER BY id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                    bind(page, parameters);
                    page.setInt(parameters.size() + 1, offset);
                    page.setInt(parameters.size() + 2, limit);
                    try (var rows = page.executeQuery()) {
                      while (rows.next()) {
                        ids.add(rows.getLong(1));
                      }
                    }
                  }
                  return count;
                }
              }
            });
    var self = base(ctx) + "/record/v1/" + type.restName();
    var query =
        q == null
            ? ""
            : "&q="
                + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20");
    var reachable = Math.min(total, settings.rowCeiling());
    var hasMore = offset + ids.size() < reachable;
    var out = SandboxHttp.JSON.createObjectNode();
    var links = out.putArray("links");
    if (hasMore) {
      links
          .addObject()
          .put("rel", "next")
          .put("href", self + "?limit=" + limit + "&offset=" + (offset + limit) + query);
    }
    var lastOffset = reachable == 0 ? 0 : ((reachable - 1) / limit) * limit;
    links
        .addObject()
        .put("rel", "last")
        .put("href", self + "?limit=" + limit + "&offset=" + lastOffset + query);
    links
        .addObject()
        .put("rel", "self")
        .put("href", self + "?limit=" + limit + "&offset=" + offset + query);
    out.put("count", ids.size());
    out.put("hasMore", hasMore);
    var items = out.putArray("items");
    for (var id : ids) {
      var item = items.addObject();
      item.set("links", RecordRenderer.links(self + "/" + id));
      item.put("id", id.toString());
    }
    out.put("offset", offset);
    out.put("totalResults", total);
    ctx.contentType(COLLECTION).result(out.toString());
  }

  private void get(Context ctx, NetSuiteAccount account) {
    var type = type(ctx);
    var expand = "true".equalsIgnoreCase(ctx.queryParam("expandSubResources"));
    var fields = Optional.ofNullable(ctx.queryParam("fields")).map(f -> Set.of(f.split(",")));
    var rendered =
        account
            .store()
            .read(c -> {
              var id = id(ctx, account, type, c);
              var record =
                  account
                      .store()
                      .find(c, type, id, false)
                      .orElseThrow(() -> NetSuiteAccount.missing(type, id));
              return new RecordRenderer(
                      c, account.store(), account.customFieldRegistry(), base(ctx) + "/record/v1")
                  .render(type, id, record, expand, fields);
            });
    ctx.contentType(SINGULAR).result(rendered.toString());
  }

  private void sublist(Context ctx, NetSuiteAccount account) {
    var type = type(ctx);
    var name = ctx.pathParam("sublist");
    var rendered =
        account
            .store()
            .read(c -> {
              var id = id(ctx, account, type, c);
              var record =
                  account
                      .store()
                      .find(c, type, id, false)
                      .orElseThrow(() -> NetSuiteAccount.missing(type, id));
              var property = RecordSchema.get().property(type.restName(), name).orElse(name);
              return new RecordRenderer(
                      c, account.store(), account.customFieldRegistry(), base(ctx) + "/record/v1")
                  .sublist(type, id, record, property);
            });
    ctx.contentType(COLLECTION).result(rendered.toString());
  }

  /** netsuite-api.md §3.1: 204 No Content with the new record's Location. */
  private void create(Context ctx, NetSuiteAccount account) {
    var type = type(ctx);
    var id = account.create(type, readBody(ctx), names(ctx));
    created(ctx, type, id);
  }

  private void update(Context ctx, NetSuiteAccount account) {
    var type = type(ctx);
    var id = account.store().read(c -> id(ctx, account, type, c));
    account.patch(type, id, readBody(ctx), replace(ctx, type), names(ctx));
    ctx.status(204);
  }

  /** netsuite-api.md §3.4: PUT is an upsert, only with an external id in the URL. */
  private void upsert(Context ctx, NetSuiteAccount account) {
    var type = type(ctx);
    var key = ctx.pathParam("id");
    if (!key.startsWith("eid:")) {
      throw new NetSuiteError(
          405,
          "INVALID_REQUEST",
          "PUT is an upsert and needs an external id in the URL: eid:<externalId>.");
    }
    var id = account.upsert(type, externalId(key), readBody(ctx), replace(ctx, type), names(ctx));
    if (sandbox.settings().upsertReturnsLocation()) {
      ctx.header("Location", base(ctx) + "/record/v1/" + type.restName() + "/" + id);
    }
    ctx.status(204);
  }

  private void delete(Context ctx, NetSuiteAccount account) {
    var type = type(ctx);
    account
        .store()
        .write(c -> {
          account.remove(c, type, id(ctx, account, type, c));
          return null;
        });
    ctx.status(204);
  }

  /** netsuite-api.md §3.6: 204 with the Location of the record made. */
  private void transform(Context ctx, NetSuiteAccount account) {
    var type = type(ctx);
    var target =
        RecordType.named(ctx.pathParam("target"))
            .orElseThrow(() ->
                NetSuiteError.badRequest(
                    "USER_ERROR", "Unknown record type " + ctx.pathParam("target") + "."));
    var id = account.store().read(c -> id(ctx, account, type, c));
    var body = ctx.body().isBlank() ? SandboxHttp.JSON.createObjectNode() : readBody(ctx);
    var created = account.transform(type, id, target, body, names(ctx));
    created(ctx, target, created);
  }

  private void created(Context ctx, RecordType type, long id) {
    ctx.header("Location", base(ctx) + "/record/v1/" + type.restName() + "/" + id);
    ctx.status(204);
  }

  // ---- request parts ---------------------------------------------------------------------------

  private static RecordType type(Context ctx) {
    var name = ctx.pathParam("type");
    return RecordType.named(name)
        .orElseThrow(() ->
            NetSuiteError.notFound(
                "Record type '" + name + "' does not exist or is not served by the sandbox."));
  }

  /** netsuite-api.md §3.3: {@code eid:<value>} wherever an internal id is allowed. */
  private static long id(
      Context ctx, NetSuiteAccount account, RecordType type, java.sql.Connection c)
      throws SQLException {
    var key = ctx.pathParam("id");
    if (key.startsWith("eid:")) {
      var externalId = externalId(key);
      return account
          .store()
          .idOfExternal(c, type, externalId)
          .orElseThrow(() ->
              NetSuiteError.notFound(
                  "Record "
                      + type.restName()
                      + " with external id "
                      + externalId
                      + " was not found."));
    }
    if (key.isEmpty() || !key.chars().allMatch(Character::isDigit) || key.length() > 18) {
      throw NetSuiteError.notFound("Record " + type.restName() + " " + key + " was not found.");
    }
    return Long.parseLong(key);
  }

  private static String externalId(String key) {
    var externalId =
        java.net.URLDecoder.decode(key.substring(4), java.nio.charset.StandardCharsets.UTF_8);
    if (!externalId.matches("[A-Za-z0-9_\\-]+")) {
      // netsuite-api.md §3.3: external ids are letters, digits, _ and -.
      throw NetSuiteError.badRequest(
          "INVALID_PARAMETER",
          "An external id has only letters, digits, _ and -, not " + externalId + ".");
    }
    return externalId;
  }

  /** netsuite-api.md §3.2, §3.7: limit defaults to 1000 and is at most 1000. */
  private static int limit(Context ctx) {
    var text = ctx.queryParam("limit");
    if (text == null) {
      return 1000;
    }
    int limit;
    try {
      limit = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw NetSuiteError.badRequest(
          "INVALID_PARAMETER", "limit must be a number from 1 to 1000, not " + text + ".");
    }
    if (limit < 1 || limit > 1000) {
      throw NetSuiteError.badRequest(
          "INVALID_PARAMETER", "limit must be from 1 to 1000, not " + limit + ".");
    }
    return limit;
  }

  /** netsuite-api.md §3.7: offset must be a multiple of limit. */
  private static int offset(Context ctx, int limit) {
    var text = ctx.queryParam("offset");
    if (text == null) {
      return 0;
    }
    int offset;
    try {
      offset = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw NetSuiteError.badRequest(
          "INVALID_PARAMETER", "offset must be a number, not " + text + ".");
    }
    if (offset < 0 || offset % limit != 0) {
      throw NetSuiteError.badRequest(
          "INVALID_PARAMETER",
          "The offset " + offset + " must be a multiple of the limit " + limit + ".");
    }
    return offset;
  }

  /** netsuite-api.md §3.2: replace names the sublists whose lines the body replaces. */
  private static Set<String> replace(Context ctx, RecordType type) {
    var text = ctx.queryParam("replace");
    if (text == null || text.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(text.split(","))
        .map(String::trim)
        .map(n -> RecordSchema.get().property(type.restName(), n).orElse(n))
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static RecordWriter.NameValidation names(Context ctx) {
    var header = ctx.header("X-NetSuite-PropertyNameValidation");
    if (header == null) {
      return RecordWriter.NameValidation.WARNING;
    }
    try {
      return RecordWriter.NameValidation.valueOf(header.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw NetSuiteError.badRequest(
          "INVALID_PARAMETER",
          "X-NetSuite-PropertyNameValidation is Error, Warning or Ignore, not " + header + ".");
    }
  }

  private static JsonNode readBody(Context ctx) {
    try {
      return SandboxHttp.JSON.readTree(ctx.body());
    } catch (tools.jackson.core.JacksonException e) {
      throw NetSuiteError.badRequest(
          "INVALID_CONTENT", "The request body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static String base(Context ctx) {
    return ctx.scheme() + "://" + ctx.host() + "/" + ctx.pathParam("account") + "/services/rest";
  }

  private static void bind(java.sql.PreparedStatement s, List<Object> parameters)
      throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      s.setObject(i + 1, parameters.get(i));
    }
  }
}
