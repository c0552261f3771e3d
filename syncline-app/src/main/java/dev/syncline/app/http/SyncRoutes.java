package dev.syncline.app.http;

import dev.syncline.app.access.Role;
import dev.syncline.app.config.Durations;
import dev.syncline.app.sync.SyncService;
import dev.syncline.core.model.RecordType;
import dev.syncline.core.port.ConflictFilter;
import dev.syncline.core.port.FailedFilter;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The API of the engine under {@code /api/v1}: flows, selective sync, the failed record queue, the
 * conflict list.
 */
final class SyncRoutes {

  /** At most this many records are listed for one search. */
  static final int FOUND = 50;

  private SyncRoutes() {}

  static void register(JavalinConfig config, SyncService sync) {
    var r = config.routes;
    r.get("/api/v1/flows", ctx -> ctx.json(sync.flows()), Role.VIEWER);
    r.get("/api/v1/flows/{name}", ctx -> ctx.json(sync.flow(ctx.pathParam("name"))), Role.VIEWER);
    r.post(
        "/api/v1/flows/{name}/enable",
        ctx -> {
          sync.setEnabled(ctx.pathParam("name"), true, actor(ctx));
          ctx.json(sync.flow(ctx.pathParam("name")));
        },
        Role.OPERATOR);
    r.post(
        "/api/v1/flows/{name}/disable",
        ctx -> {
          sync.setEnabled(ctx.pathParam("name"), false, actor(ctx));
          ctx.json(sync.flow(ctx.pathParam("name")));
        },
        Role.OPERATOR);
    r.post(
        "/api/v1/flows/{name}/run",
        ctx -> {
          sync.runNow(ctx.pathParam("name"), actor(ctx));
          ctx.status(202)
              .json(
                  Map.of(
                      "message",
                      "The scan of " + ctx.pathParam("name") + " starts within seconds"));
        },
        Role.OPERATOR);
    r.post(
        "/api/v1/flows/{name}/backfill",
        ctx -> {
          sync.backfill(ctx.pathParam("name"), actor(ctx));
          ctx.status(202)
              .json(
                  Map.of(
                      "message",
                      "The backfill of "
                          + ctx.pathParam("name")
                          + " starts within seconds: every record is read and synced again"));
        },
        Role.OPERATOR);
    r.put(
        "/api/v1/flows/{name}/schedule",
        ctx -> {
          var every = body(ctx).path("every").asString("");
          try {
            sync.setSchedule(ctx.pathParam("name"), Durations.parse(every), actor(ctx));
          } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("every", e.getMessage());
          }
          ctx.json(sync.flow(ctx.pathParam("name")));
        },
        Role.OPERATOR);
    r.get(
        "/api/v1/flows/{name}/runs",
        ctx -> {
          var name = ctx.pathParam("name");
          var limit = intParam(ctx, "limit", 50);
          var before = DashboardRoutes.runId(ctx, "before");
          ctx.json(
              before.isPresent()
                  ? sync.runsBefore(name, before.get(), limit)
                  : sync.runs(name, limit));
        },
        Role.VIEWER);
    r.get(
        "/api/v1/flows/{name}/errors",
        ctx -> ctx.json(sync.runErrors(ctx.pathParam("name"), intParam(ctx, "limit", 20))),
        Role.VIEWER);
    r.get(
        "/api/v1/records",
        ctx -> {
          var q = Optional.ofNullable(ctx.queryParam("q")).map(String::strip).orElse("");
          if (q.isEmpty()) {
            throw ApiError.badRequest(
                "q", "Say what to look for in q: a name, an email or an id in any system");
          }
          ctx.json(sync.findRecords(q, intParam(ctx, "limit", FOUND)));
        },
        Role.VIEWER);
    r.post(
        "/api/v1/records/{type}/{id}/sync",
        ctx ->
            ctx.json(
                sync.syncRecord(
                    flowRecordType(sync, ctx.pathParam("type")),
                    ctx.pathParam("id"),
                    Optional.ofNullable(ctx.queryParam("flow")),
                    Optional.ofNullable(ctx.queryParam("from")).filter(f -> !f.isBlank()),
                    "true".equals(ctx.queryParam("dryRun")),
                    actor(ctx))),
        Role.OPERATOR);
    r.get(
        "/api/v1/flows/{name}/progress",
        ctx -> {
          var progress = sync.progress(ctx.pathParam("name"));
          ctx.json(Map.of("running", progress.isPresent(), "progress", progress));
        },
        Role.VIEWER);
    r.get(
        "/api/v1/activity",
        ctx -> ctx.json(sync.activity(Optional.ofNullable(ctx.queryParam("flow")), hours(ctx))),
        Role.VIEWER);
    r.get(
        "/api/v1/records/{type}/{id}",
        ctx -> ctx.json(sync.record(recordType(ctx.pathParam("type")), ctx.pathParam("id"))),
        Role.VIEWER);
    r.get("/api/v1/audit", ctx -> ctx.json(sync.audit(intParam(ctx, "limit", 200))), Role.VIEWER);
    r.get("/api/v1/conflicts", ctx -> ctx.json(sync.conflicts(conflictFilter(ctx))), Role.VIEWER);
    r.post(
        "/api/v1/conflicts/acknowledge",
        ctx ->
            ctx.json(
                Map.of(
                    "acknowledged",
                    sync.acknowledge(ids(body(ctx), "conflict ids, like [3, 4]"), actor(ctx)))),
        Role.OPERATOR);
    r.get("/api/v1/failed", ctx -> ctx.json(sync.failed(filter(ctx))), Role.VIEWER);
    r.get("/api/v1/failed/causes", ctx -> ctx.json(sync.causes(filter(ctx))), Role.VIEWER);
    r.post(
        "/api/v1/failed/dismiss",
        ctx -> {
          var body = body(ctx);
          var ids = ids(body, FAILED_IDS);
          var reason = text(body, "reason").orElse("");
          if (reason.isBlank()) {
            throw ApiError.badRequest(
                "reason", "Say why these records are set aside: the reason stays in their history");
          }
          ctx.json(Map.of("dismissed", sync.dismiss(ids, reason, actor(ctx))));
        },
        Role.OPERATOR);
    r.post(
        "/api/v1/failed/resync",
        ctx -> {
          var body = body(ctx);
          int count;
          if (body.has("ids")) {
            count = sync.resync(ids(body, FAILED_IDS), actor(ctx));
          } else {
            count =
                sync.resync(
                    new FailedFilter(
                        text(body, "type").map(SyncRoutes::recordType),
                        text(body, "flow"),
                        text(body, "text"),
                        text(body, "cause"),
                        10_000),
                    actor(ctx));
          }
          ctx.json(Map.of("queued", count));
        },
        Role.OPERATOR);
  }

  private static final String FAILED_IDS = "failed record ids, like [12, 15]";

  /** The ids of a request body: a list of whole numbers, {@code what} they are said. */
  private static java.util.List<Long> ids(JsonNode body, String what) {
    var node = body.get("ids");
    if (node == null
        || !node.isArray()
        || node.isEmpty()
        || !node.valueStream().allMatch(JsonNode::isIntegralNumber)) {
      throw ApiError.badRequest("ids", "ids must be a list of " + what);
    }
    return node.valueStream().map(JsonNode::asLong).toList();
  }

  private static int hours(Context ctx) {
    var hours = intParam(ctx, "hours", 24);
    if (hours > 24 * 30) {
      throw ApiError.badRequest("hours", "hours must be at most 720 (30 days), not " + hours);
    }
    return hours;
  }

  private static String actor(Context ctx) {
    return Guard.principal(ctx).name();
  }

  private static JsonNode body(Context ctx) {
    return Json.body(ctx);
  }

  private static Optional<String> text(JsonNode body, String field) {
    return Json.text(body, field);
  }

  static FailedFilter filter(Context ctx) {
    return new FailedFilter(
        Optional.ofNullable(ctx.queryParam("type")).map(SyncRoutes::recordType),
        Optional.ofNullable(ctx.queryParam("flow")),
        Optional.ofNullable(ctx.queryParam("text")).filter(t -> !t.isBlank()),
        Optional.ofNullable(ctx.queryParam("cause")),
        intParam(ctx, "limit", 500));
  }

  /** Which conflicts a request asks for: open ones unless {@code acknowledged=true}. */
  static ConflictFilter conflictFilter(Context ctx) {
    var acknowledged = Optional.ofNullable(ctx.queryParam("acknowledged")).orElse("false");
    if (!acknowledged.equals("true") && !acknowledged.equals("false")) {
      throw ApiError.badRequest(
          "acknowledged",
          "acknowledged must be true (open and acknowledged conflicts) or false (open only), not \""
              + acknowledged
              + "\"");
    }
    return new ConflictFilter(
        Optional.ofNullable(ctx.queryParam("flow")).filter(f -> !f.isBlank()),
        Optional.ofNullable(ctx.queryParam("record")).map(String::strip).filter(r -> !r.isEmpty()),
        acknowledged.equals("true"),
        intParam(ctx, "limit", 500));
  }

  static RecordType recordType(String key) {
    return RecordType.ofKey(key)
        .orElseThrow(() ->
            ApiError.badRequest(
                "type",
                "There is no record type '"
                    + key
                    + "'; the types are "
                    + String.join(
                        ", ", Arrays.stream(RecordType.values()).map(RecordType::key).toList())));
  }

  /**
   * A record type to sync: an unknown one is answered with the types the flows sync, not every type
   * there is, since a type no flow has cannot be synced either.
   */
  private static RecordType flowRecordType(SyncService sync, String key) {
    return RecordType.ofKey(key)
        .orElseThrow(() -> {
          var types =
              sync.flows().stream()
                  .map(dev.syncline.app.sync.FlowView::recordType)
                  .distinct()
                  .sorted()
                  .toList();
          return ApiError.badRequest(
              "type",
              "There is no record type '"
                  + key
                  + (types.isEmpty()
                      ? "'; no flow is configured, so there is nothing to sync"
                      : "'; the flows sync " + String.join(", ", types)));
        });
  }

  private static int intParam(Context ctx, String name, int fallback) {
    var text = ctx.queryParam(name);
    if (text == null) {
      return fallback;
    }
    try {
      var value = Integer.parseInt(text);
      if (value < 1 || value > 10_000) {
        throw ApiError.badRequest(name, name + " must be from 1 to 10000, not " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(name, name + " must be a whole number, not \"" + text + "\"");
    }
  }
}
