package dev.syncline.app.http;

import dev.syncline.app.access.Role;
import dev.syncline.app.config.Durations;
import dev.syncline.app.sync.FlowView;
import dev.syncline.app.sync.SyncService;
import dev.syncline.core.port.Activity;
import dev.syncline.core.port.FailedFilter;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's pages, rendered on the server; htmx asks for fragments of them (a flow's row, a
 * run's progress, the failed record queue) and swaps them in. Each page does what an API call under
 * {@code /api/v1} does too.
 */
final class DashboardRoutes {

  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

  private DashboardRoutes() {}

  static void register(JavalinConfig config, SyncService sync) {
    var r = config.routes;
    r.get("/", ctx -> overview(ctx, sync), Role.VIEWER);
    r.get("/flows/{name}", ctx -> flowPage(ctx, sync), Role.VIEWER);
    r.get(
        "/flows/{name}/progress",
        ctx ->
            Views.render(
                ctx,
                "progress.jte",
                Map.of(
                    "name", ctx.pathParam("name"),
                    "progress", sync.progress(ctx.pathParam("name")))),
        Role.VIEWER);
    r.post("/flows/{name}/enable", ctx -> setEnabled(ctx, sync, true), Role.OPERATOR);
    r.post("/flows/{name}/disable", ctx -> setEnabled(ctx, sync, false), Role.OPERATOR);
    r.post(
        "/flows/{name}/run",
        ctx -> {
          var name = ctx.pathParam("name");
          sync.runNow(name, actor(ctx));
          notice(ctx, "The scan of " + name + " starts within seconds.", "/flows/" + name);
        },
        Role.OPERATOR);
    r.post(
        "/flows/{name}/backfill",
        ctx -> {
          var name = ctx.pathParam("name");
          sync.backfill(name, actor(ctx));
          notice(
              ctx,
              "The backfill of "
                  + name
                  + " starts within seconds: every record is read and synced again. Its progress"
                  + " shows below.",
              "/flows/" + name);
        },
        Role.OPERATOR);
    r.post(
        "/flows/{name}/schedule",
        ctx -> {
          var name = ctx.pathParam("name");
          var every = Optional.ofNullable(ctx.formParam("every")).orElse("");
          try {
            sync.setSchedule(name, Durations.parse(every), actor(ctx));
          } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("every", e.getMessage());
          }
          notice(
              ctx,
              name + " scans every " + Durations.format(sync.flow(name).every()) + " from now on.",
              "/flows/" + name);
        },
        Role.OPERATOR);
  }

  static void registerRecordPages(JavalinConfig config, SyncService sync) {
    var r = config.routes;
    r.get(
        "/sync",
        ctx -> {
          var params = new LinkedHashMap<String, Object>();
          params.put("page", Page.of(ctx, "Selective sync", "sync"));
          params.put("types", flowTypes(sync));
          params.put("flows", sync.flows());
          params.put("sources", sync.readableInstances());
          Views.render(ctx, "sync.jte", params);
        },
        Role.OPERATOR);
    r.post(
        "/sync",
        ctx -> {
          var type =
              param(ctx, "type")
                  .orElseThrow(() -> ApiError.badRequest("type", "Choose a record type"));
          var id =
              param(ctx, "id")
                  .orElseThrow(() ->
                      ApiError.badRequest(
                          "id", "Enter the record's id in the system it is read from, like 1234"));
          var dryRun = param(ctx, "dryRun").map("true"::equals).orElse(false);
          var reports =
              sync.syncRecord(
                  SyncRoutes.recordType(type),
                  id.trim(),
                  param(ctx, "flow"),
                  param(ctx, "from"),
                  dryRun,
                  actor(ctx));
          var params = new LinkedHashMap<String, Object>();
          params.put("page", Page.of(ctx, "Selective sync", "sync"));
          params.put("type", type);
          params.put("id", id.trim());
          params.put("flow", param(ctx, "flow").orElse(""));
          params.put("from", param(ctx, "from").orElse(""));
          params.put("dryRun", dryRun);
          params.put("reports", reports);
          Views.render(ctx, "sync-result.jte", params);
        },
        Role.OPERATOR);
    r.get(
        "/failed",
        ctx -> {
          var params = new LinkedHashMap<String, Object>();
          params.put("page", Page.of(ctx, "Failed records", "failed"));
          params.put("types", flowTypes(sync));
          params.put("flows", sync.flows());
          params.put("type", param(ctx, "type").orElse(""));
          params.put("flow", param(ctx, "flow").orElse(""));
          params.put("text", param(ctx, "text").orElse(""));
          params.put("queue", queue(ctx, sync, ""));
          Views.render(ctx, "failed.jte", params);
        },
        Role.VIEWER);
    r.get(
        "/failed/queue",
        ctx -> Views.render(ctx, "failed-queue.jte", queue(ctx, sync, "")),
        Role.VIEWER);
    r.post(
        "/failed/resync",
        ctx -> {
          var ids = ids(ctx);
          int count;
          if (!ids.isEmpty()) {
            count = sync.resync(ids, actor(ctx));
          } else if (param(ctx, "cause").isPresent()) {
            count = sync.resync(withCause(filter(ctx), param(ctx, "cause")), actor(ctx));
          } else {
            throw ApiError.badRequest("ids", "Choose the failed records to resync first");
          }
          Views.render(
              ctx,
              "failed-queue.jte",
              queue(
                  ctx,
                  sync,
                  count == 1 ? "Queued 1 record again." : "Queued " + count + " records again."));
        },
        Role.OPERATOR);
    r.post(
        "/failed/dismiss",
        ctx -> {
          var ids = ids(ctx);
          if (ids.isEmpty()) {
            throw ApiError.badRequest("ids", "Choose the failed records to dismiss first");
          }
          var reason = param(ctx, "reason").orElse("");
          if (reason.isBlank()) {
            throw ApiError.badRequest(
                "reason", "Say why these records are set aside: the reason stays in their history");
          }
          var count = sync.dismiss(ids, reason, actor(ctx));
          Views.render(
              ctx,
              "failed-queue.jte",
              queue(ctx, sync, "Dismissed " + count + " record(s): " + reason));
        },
        Role.OPERATOR);
    r.get(
        "/conflicts",
        ctx -> {
          var filter = SyncRoutes.conflictFilter(ctx);
          var params = new LinkedHashMap<String, Object>();
          params.put("page", Page.of(ctx, "Conflicts", "conflicts"));
          params.put("flows", sync.flows());
          params.put("filter", filter);
          params.put("conflicts", sync.conflicts(filter));
          // After acknowledging, the page says how many; a number, so no link can put words here.
          params.put(
              "notice",
              param(ctx, "done")
                  .filter(d -> d.matches("\\d{1,6}"))
                  .map(d ->
                      d.equals("1")
                          ? "Acknowledged 1 conflict."
                          : "Acknowledged " + d + " conflicts.")
                  .orElse(""));
          Views.render(ctx, "conflicts.jte", params);
        },
        Role.VIEWER);
    r.post(
        "/conflicts/acknowledge",
        ctx -> {
          var ids = ids(ctx);
          if (ids.isEmpty()) {
            throw ApiError.badRequest("ids", "Tick the conflicts you have seen first");
          }
          var count = sync.acknowledge(ids, actor(ctx));
          ctx.redirect("/conflicts?done=" + count, HttpStatus.SEE_OTHER);
        },
        Role.OPERATOR);
    r.get(
        "/records",
        ctx -> {
          var type = param(ctx, "type");
          var id = param(ctx, "id");
          if (type.isPresent() && id.isPresent()) {
            ctx.redirect(
                "/records/"
                    + SyncRoutes.recordType(type.get()).key()
                    + "/"
                    + java.net.URLEncoder.encode(
                        id.get().trim(), java.nio.charset.StandardCharsets.UTF_8),
                HttpStatus.SEE_OTHER);
            return;
          }
          var query = param(ctx, "q").map(String::strip).orElse("");
          var params = new LinkedHashMap<String, Object>();
          params.put("page", Page.of(ctx, "Records", "records"));
          params.put("query", query);
          params.put(
              "found",
              query.isEmpty()
                  ? Optional.empty()
                  : Optional.of(sync.findRecords(query, SyncRoutes.FOUND)));
          Views.render(ctx, "records.jte", params);
        },
        Role.VIEWER);
    r.get(
        "/records/{type}/{id}",
        ctx -> {
          var record =
              sync.record(SyncRoutes.recordType(ctx.pathParam("type")), ctx.pathParam("id"));
          Views.render(
              ctx,
              "record.jte",
              Map.of("page", Page.of(ctx, record.title(), "records"), "record", record));
        },
        Role.VIEWER);
    r.get(
        "/audit",
        ctx ->
            Views.render(
                ctx,
                "audit.jte",
                Map.of("page", Page.of(ctx, "Audit log", "audit"), "entries", sync.audit(500))),
        Role.VIEWER);
  }

  /** The failed record queue as the filters of this request select it, grouped by cause. */
  private static Map<String, Object> queue(Context ctx, SyncService sync, String notice) {
    var filter = filter(ctx);
    var params = new LinkedHashMap<String, Object>();
    params.put("page", Page.of(ctx, "", ""));
    params.put("notice", notice);
    params.put("causes", sync.causes(filter));
    params.put("failed", sync.failed(filter));
    return params;
  }

  private static FailedFilter withCause(FailedFilter f, Optional<String> cause) {
    return new FailedFilter(f.recordType(), f.flow(), f.text(), cause, 10_000);
  }

  /** A form field, else a query parameter; blank is absent. */
  static Optional<String> param(Context ctx, String name) {
    var value =
        form(ctx) && ctx.formParam(name) != null ? ctx.formParam(name) : ctx.queryParam(name);
    return Optional.ofNullable(value).filter(v -> !v.isBlank());
  }

  private static boolean form(Context ctx) {
    var type = ctx.contentType();
    return type != null && type.startsWith("application/x-www-form-urlencoded");
  }

  private static List<Long> ids(Context ctx) {
    var values = form(ctx) ? ctx.formParams("ids") : ctx.queryParams("ids");
    try {
      return values.stream().filter(v -> !v.isBlank()).map(v -> Long.parseLong(v.trim())).toList();
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("ids", "ids must be whole numbers, as the list shows them");
    }
  }

  /** The record types some flow syncs. */
  private static List<String> flowTypes(SyncService sync) {
    return sync.flows().stream().map(FlowView::recordType).distinct().sorted().toList();
  }

  static String actor(Context ctx) {
    return Guard.principal(ctx).name();
  }

  private static void overview(Context ctx, SyncService sync) {
    var flows = sync.flows();
    var activity = sync.activity(Optional.empty(), 24);
    var params = new LinkedHashMap<String, Object>();
    params.put("page", Page.of(ctx, "Overview", "overview"));
    params.put("flows", flows);
    params.put("written", activity.stream().mapToInt(Activity::written).sum());
    params.put("failed", activity.stream().mapToInt(Activity::failed).sum());
    params.put("queued", flows.stream().mapToInt(FlowView::failedRecords).sum());
    params.put("chart", chart(activity));
    Views.render(ctx, "overview.jte", params);
  }

  /** The chart's data as JSON: hour labels and two series. */
  static String chart(List<Activity> activity) {
    var data = new LinkedHashMap<String, Object>();
    data.put("labels", activity.stream().map(a -> HOUR.format(a.hour())).toList());
    data.put("written", activity.stream().map(Activity::written).toList());
    data.put("failed", activity.stream().map(Activity::failed).toList());
    return JsonMapper.shared().writeValueAsString(data);
  }

  private static void flowPage(Context ctx, SyncService sync) {
    var name = ctx.pathParam("name");
    var flow = sync.flow(name);
    var params = new LinkedHashMap<String, Object>();
    params.put("page", Page.of(ctx, flow.name(), "overview"));
    params.put("flow", flow);
    params.put("runs", RunPage.of(sync, name, runId(ctx, "before"), runId(ctx, "after")));
    params.put("errors", sync.runErrors(name, 20));
    params.put("chart", chart(sync.activity(Optional.of(name), 24)));
    Views.render(ctx, "flow.jte", params);
  }

  /** A run id given as a query parameter, like {@code ?before=1234}. */
  static Optional<Long> runId(Context ctx, String name) {
    var text = param(ctx, name);
    try {
      return text.map(t -> Long.parseLong(t.trim()));
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(
          name, name + " must be a run's id (a whole number), not \"" + text.get() + "\"");
    }
  }

  private static void setEnabled(Context ctx, SyncService sync, boolean enabled) {
    var name = ctx.pathParam("name");
    sync.setEnabled(name, enabled, actor(ctx));
    if (Views.htmx(ctx)) {
      Views.render(
          ctx, "flow-row.jte", Map.of("page", Page.of(ctx, "", ""), "flow", sync.flow(name)));
    } else {
      ctx.redirect("/flows/" + name, HttpStatus.SEE_OTHER);
    }
  }

  /** A short confirmation: a fragment for htmx, else back to the page the form was on. */
  static void notice(Context ctx, String message, String back) {
    if (Views.htmx(ctx)) {
      Views.render(ctx, "notice.jte", Map.of("message", message));
    } else {
      ctx.redirect(back, HttpStatus.SEE_OTHER);
    }
  }

  static FailedFilter filter(Context ctx) {
    return new FailedFilter(
        param(ctx, "type").map(SyncRoutes::recordType),
        param(ctx, "flow"),
        param(ctx, "text"),
        Optional.empty(),
        500);
  }
}
