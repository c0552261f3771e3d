package dev.syncline.sandbox.joor;

import dev.syncline.sandbox.common.SandboxClock;
import dev.syncline.sandbox.common.SandboxHttp;
import dev.syncline.sandbox.joor.Connections.Connection;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * v2 connections (joor.md §2.1): one by customer code or by id, the list with start_from/count
 * paging, single create, update and delete, and bulk-connection jobs.
 */
final class ConnectionApi {

  private final SandboxClock clock;
  private final JoorSandboxSettings settings;

  ConnectionApi(SandboxClock clock, JoorSandboxSettings settings) {
    this.clock = clock;
    this.settings = settings;
  }

  void routes(RoutesConfig routes) {
    routes.get("/v2/connection", this::list);
    routes.post("/v2/connection", this::create);
    routes.get("/v2/connection/customer_code/{customer_code}", ctx -> one(ctx, byCode(ctx)));
    routes.get("/v2/connection/{connection_id}", ctx -> one(ctx, byId(ctx)));
    routes.put("/v2/connection/customer_code/{customer_code}", ctx -> update(ctx, byCode(ctx)));
    routes.put("/v2/connection/{connection_id}", ctx -> update(ctx, byId(ctx)));
    routes.delete("/v2/connection/customer_code/{customer_code}", ctx -> delete(ctx, byCode(ctx)));
    routes.delete("/v2/connection/{connection_id}", ctx -> delete(ctx, byId(ctx)));
    routes.post("/v2/bulk-connection", ctx -> submit(ctx, false));
    routes.put("/v2/bulk-connection", ctx -> submit(ctx, true));
    routes.get("/v2/bulk-connection/{job_id}", this::job);
  }

  private interface Lookup {
    Connection in(Account account);
  }

  private static Lookup byCode(Context ctx) {
    var code = ctx.pathParam("customer_code");
    return account ->
        account
            .connections
            .byCode(code)
            .orElseThrow(() ->
                JoorError.notFound(
                    "No connection with customer code " + code + " in account " + account.id));
  }

  private static Lookup byId(Context ctx) {
    var id = Requests.id(ctx, "connection_id");
    return account ->
        account
            .connections
            .byId(id)
            .orElseThrow(
                () -> JoorError.notFound("No connection " + id + " in account " + account.id));
  }

  /** The research's sketch of a connection answer (joor.md §2.1). */
  private static Map<String, Object> answer(
      Map<String, Object> response, List<Map<String, Object>> connections) {
    var inner = new LinkedHashMap<String, Object>();
    inner.put("response", response);
    inner.put("connections", Map.of("connection", connections));
    return Map.of("connections", inner);
  }

  private void one(Context ctx, Lookup lookup) {
    var account = Requests.account(ctx);
    var json =
        account.locked(clock.instant(), () -> ConnectionJson.render(lookup.in(account), account));
    ctx.json(answer(V2.response(ctx, 0, ""), List.of(json)));
  }

  /**
   * Filters: date_start and date_end on the modified date, as the order list has (joor.md §2.3).
   */
  private void list(Context ctx) {
    var account = Requests.account(ctx);
    var paging = V2.Paging.of(ctx, settings.maxPageSize());
    var range = V2.DateRange.of(ctx);
    ctx.json(
        account.locked(
            clock.instant(),
            () -> {
              var matching =
                  account.connections.all().stream()
                      .filter(c -> range.map(r -> r.contains(c.modified())).orElse(true))
                      .toList();
              var page = paging.of(matching);
              return answer(
                  V2.response(ctx, paging, page.size(), matching.size()),
                  page.stream().map(c -> ConnectionJson.render(c, account)).toList());
            }));
  }

  private void create(Context ctx) {
    var account = Requests.account(ctx);
    var fields = Requests.wrapped(ctx, "connection");
    var json =
        account.locked(
            clock.instant(),
            () -> {
              var parsed =
                  ConnectionJson.parse(
                      fields,
                      account,
                      account.connections.byCode(fields.node().path("customer_code").asString("")));
              var created = ConnectionWrites.create(account, parsed, clock.instant());
              return ConnectionJson.render(created, account);
            });
    ctx.status(201).json(answer(V2.response(ctx, 0, ""), List.of(json)));
  }

  private void update(Context ctx, Lookup lookup) {
    var account = Requests.account(ctx);
    var fields = Requests.wrapped(ctx, "connection");
    var json =
        account.locked(
            clock.instant(),
            () -> {
              var existing = lookup.in(account);
              var parsed = ConnectionJson.parse(fields, account, java.util.Optional.of(existing));
              if (!parsed.code().equals(existing.code())) {
                throw JoorError.badRequest(
                    "customer_code "
                        + parsed.code()
                        + " differs from the connection's "
                        + existing.code()
                        + "; a customer code cannot be changed");
              }
              return ConnectionJson.render(
                  ConnectionWrites.update(account, existing, parsed, clock.instant()), account);
            });
    ctx.json(answer(V2.response(ctx, 0, ""), List.of(json)));
  }

  /** DELETE deactivates and removes (joor.md §1.4); the code may then be used again. */
  private void delete(Context ctx, Lookup lookup) {
    var account = Requests.account(ctx);
    account.update(clock.instant(), () -> account.connections.remove(lookup.in(account)));
    ctx.json(answer(V2.response(ctx, 0, ""), List.of()));
  }

  private void submit(Context ctx, boolean updateOnly) {
    var account = Requests.account(ctx);
    var records = ConnectionJson.bulk(Fields.of(Requests.json(ctx), "the body"));
    if (records.isEmpty()) {
      throw JoorError.badRequest(
          "The body must be {\"bulk_connections\": {\"connection\": [...]}}");
    }
    if (records.size() > settings.maxBulkRecords()) {
      throw JoorError.badRequest(
          "A bulk-connection request takes at most "
              + settings.maxBulkRecords()
              + " connections; this one has "
              + records.size());
    }
    var now = clock.instant();
    var job =
        new BulkJob(account.ids.job(), updateOnly, records, now, now.plus(settings.bulkJobDelay()));
    SandboxHttp.detail(ctx, "job_id", job.id);
    SandboxHttp.detail(ctx, "records", Integer.toString(records.size()));
    account.update(now, () -> account.jobs.put(job.id, job));
    ctx.status(202).json(account.locked(now, () -> job.render(ctx)));
  }

  private void job(Context ctx) {
    var account = Requests.account(ctx);
    var id = ctx.pathParam("job_id");
    ctx.json(
        account.locked(
            clock.instant(),
            () -> {
              var job = account.jobs.get(id);
              if (job == null) {
                throw JoorError.notFound(
                    "No bulk-connection job " + id + " in account " + account.id);
              }
              return job.render(ctx);
            }));
  }
}
