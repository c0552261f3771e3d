package dev.syncline.app.http;

import dev.syncline.app.sync.SyncService;
import dev.syncline.store.Database;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson3;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Syncline's HTTP server: one explicit Javalin setup on virtual threads. Health, readiness and
 * metrics are open to anyone (a load balancer and Prometheus must reach them); everything else
 * comes with its own routes.
 */
public final class HttpServer implements AutoCloseable {

  private final Javalin javalin;

  private HttpServer(Javalin javalin) {
    this.javalin = javalin;
  }

  public static HttpServer start(
      String host,
      int port,
      Database database,
      PrometheusMeterRegistry metrics,
      Optional<SyncService> sync) {
    var javalin =
        Javalin.create(config -> {
          config.concurrency.useVirtualThreads = true;
          config.startup.showJavalinBanner = false;
          // Its watcher thread keeps the JVM alive for seconds after stop (research/stack.md).
          config.startup.startupWatcherEnabled = false;
          config.jsonMapper(new JavalinJackson3(JsonMapper.shared().rebuild().build(), false));
          config.requestLogger.http((ctx, ms) -> recordRequest(metrics, ctx, ms));
          config.routes.get("/health", ctx -> ctx.json(Map.of("status", "up")));
          config.routes.get("/ready", ctx -> ready(ctx, database));
          config.routes.get(
              "/metrics",
              ctx ->
                  ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                      .result(metrics.scrape()));
          sync.ifPresent(s -> SyncRoutes.register(config, s));
          config.routes.exception(
              ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), e.field()));
          config.routes.exception(
              NoSuchElementException.class,
              (e, ctx) -> error(ctx, 404, e.getMessage(), Optional.empty()));
          config.routes.exception(
              IllegalArgumentException.class,
              (e, ctx) -> error(ctx, 400, e.getMessage(), Optional.empty()));
        });
    javalin.start(host, port);
    return new HttpServer(javalin);
  }

  public int port() {
    return javalin.port();
  }

  /**
   * Every refusal of the API has the same shape: a message, and the field at fault when there is
   * one.
   */
  private static void error(Context ctx, int status, String message, Optional<String> field) {
    var body = new LinkedHashMap<String, Object>();
    body.put("error", message);
    field.ifPresent(f -> body.put("field", f));
    ctx.status(status).json(body);
  }

  private static void ready(Context ctx, Database database) {
    var readiness = database.readiness();
    ctx.status(readiness.ready() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .json(Map.of("ready", readiness.ready(), "database", readiness.detail()));
  }

  private static void recordRequest(PrometheusMeterRegistry metrics, Context ctx, Float ms) {
    // The route pattern, not the raw path, so that ids in URLs do not make a series each.
    String route;
    try {
      route = ctx.endpoint().path;
    } catch (RuntimeException noEndpoint) {
      route = "unmatched";
    }
    Timer.builder("http.server.requests")
        .description("HTTP requests served")
        .tag("method", ctx.method().name())
        .tag("route", route)
        .tag("status", Integer.toString(ctx.statusCode()))
        .register(metrics)
        .record(Duration.ofNanos((long) (ms * 1_000_000)));
  }

  @Override
  public void close() {
    javalin.stop();
  }
}
