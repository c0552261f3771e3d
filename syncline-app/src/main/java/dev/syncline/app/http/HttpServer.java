package dev.syncline.app.http;

import dev.syncline.app.access.Access;
import dev.syncline.app.access.AccessException;
import dev.syncline.app.access.Role;
import dev.syncline.app.config.SynclineConfig;
import dev.syncline.app.sync.Connections;
import dev.syncline.app.sync.SyncService;
import dev.syncline.store.AuditLog;
import dev.syncline.store.Database;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson3;
import io.javalin.router.ParsedEndpoint;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Syncline's HTTP server: one explicit Javalin setup on virtual threads, serving the dashboard, the
 * API under {@code /api/v1}, health, readiness and metrics. Only health and readiness (and the
 * sign-in page with its stylesheet and scripts) are open without signing in; {@link Guard} checks
 * everything else.
 */
public final class HttpServer implements AutoCloseable {

  /** What the server serves. */
  public record Parts(
      Database database,
      PrometheusMeterRegistry metrics,
      Access access,
      SyncService sync,
      AuditLog audit,
      Connections connections) {}

  private final Javalin javalin;

  private HttpServer(Javalin javalin) {
    this.javalin = javalin;
  }

  /**
   * What a browser may load and do on the dashboard's pages: only this server's own scripts,
   * stylesheets and requests (htmx and Chart.js come from webjars served here), no inline script or
   * style and no eval, no plugins, no other site's forms, and no framing by any page.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self';"
          + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  public static HttpServer start(SynclineConfig.Server server, Parts parts) {
    var javalin =
        Javalin.create(config -> {
          config.concurrency.useVirtualThreads = true;
          config.startup.showJavalinBanner = false;
          // Its watcher thread keeps the JVM alive for seconds after stop (research/stack.md).
          config.startup.startupWatcherEnabled = false;
          config.jsonMapper(new JavalinJackson3(JsonMapper.shared().rebuild().build(), false));
          config.requestLogger.http((ctx, ms) -> recordRequest(parts.metrics(), ctx, ms));
          for (var asset :
              List.of(
                  Map.entry("/webjars", "META-INF/resources/webjars"),
                  Map.entry("/assets", "/dev/syncline/app/web"))) {
            config.staticFiles.add(files -> {
              files.hostedPath = asset.getKey();
              files.directory = asset.getValue();
              files.location = Location.CLASSPATH;
              files.roles = Set.of(Guard.PUBLIC);
              files.headers = Map.of("Cache-Control", "max-age=3600");
            });
          }
          // Filters ahead of Javalin rather than before-handlers: they reach static files and
          // unknown paths too, and leave the route each request is counted under as it was.
          config.jetty.modifyServletContextHandler(handler -> {
            handler.addFilter(
                new FilterHolder((Filter) HttpServer::securityHeaders),
                "/*",
                EnumSet.of(DispatcherType.REQUEST));
            handler.addFilter(
                new FilterHolder(new Utf8Bodies()), "/*", EnumSet.of(DispatcherType.REQUEST));
          });
          Guard.register(config, parts.access());
          config.routes.get("/health", ctx -> ctx.json(Map.of("status", "up")), Guard.PUBLIC);
          config.routes.get("/ready", ctx -> ready(ctx, parts.database()), Guard.PUBLIC);
          config.routes.get(
              "/metrics",
              ctx ->
                  ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                      .result(parts.metrics().scrape()),
              Role.VIEWER);
          var openApi = openApi();
          config.routes.get(
              "/api/openapi.json",
              ctx -> ctx.contentType("application/json").result(openApi),
              Role.VIEWER);
          AccessRoutes.register(config, parts.access(), server.clientAddressHeader());
          SyncRoutes.register(config, parts.sync());
          DashboardRoutes.register(config, parts.sync());
          DashboardRoutes.registerRecordPages(config, parts.sync());
          ConnectionRoutes.register(config, parts.connections());
          config.routes.exception(Guard.NotSignedIn.class, (e, ctx) -> HttpServer.notSignedIn(ctx));
          config.routes.exception(
              ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), e.field()));
          config.routes.exception(
              AccessException.class,
              (e, ctx) -> error(ctx, 400, e.getMessage(), Optional.of(e.field())));
          config.routes.exception(
              NoSuchElementException.class,
              (e, ctx) -> error(ctx, 404, e.getMessage(), Optional.empty()));
          config.routes.exception(
              IllegalArgumentException.class,
              (e, ctx) -> error(ctx, 400, e.getMessage(), Optional.empty()));
        });
    javalin.start(server.host(), server.port());
    return new HttpServer(javalin);
  }

  /**
   * On every answer, pages, fragments, assets and API alike: the content policy, no guessing of
   * content types, no framing (for browsers that predate frame-ancestors), and no full address sent
   * to other sites in a Referer.
   */
  private static void securityHeaders(
      ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    var http = (HttpServletResponse) response;
    http.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    http.setHeader("X-Content-Type-Options", "nosniff");
    http.setHeader("X-Frame-Options", "DENY");
    http.setHeader("Referrer-Policy", "same-origin");
    chain.doFilter(request, response);
  }

  /**
   * The API's description, written by hand next to the routes; a test holds the two to each other.
   */
  private static String openApi() {
    try (var in = HttpServer.class.getResourceAsStream("openapi.json")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException | NullPointerException e) {
      throw new IllegalStateException("The jar lacks dev/syncline/app/http/openapi.json", e);
    }
  }

  public int port() {
    return javalin.port();
  }

  /**
   * Every route the server has (not its before and after handlers): the guard's tests walk them
   * all.
   */
  public List<ParsedEndpoint> routes() {
    return javalin.unsafe.internalRouter.allHttpHandlers().stream()
        .filter(e -> e.endpoint.method.isHttpMethod())
        .toList();
  }

  /** Whether a path is the API's (JSON answers) rather than the dashboard's (pages). */
  static boolean api(Context ctx) {
    return ctx.path().startsWith("/api/") || ctx.path().equals("/metrics");
  }

  /**
   * A request without a session or token: the API answers 401; a page sends the browser to sign in,
   * and back here after.
   */
  private static void notSignedIn(Context ctx) {
    if (api(ctx)) {
      ctx.header("WWW-Authenticate", "Bearer");
      error(
          ctx,
          401,
          "Sign in first: send an API token as the header Authorization: Bearer TOKEN"
              + " (an admin creates tokens under Tokens in the dashboard)",
          Optional.empty());
      return;
    }
    var next = ctx.method().name().equals("GET") ? ctx.path() : "/";
    var signIn =
        "/sign-in?next="
            + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8);
    if (Views.htmx(ctx)) {
      ctx.header("HX-Redirect", signIn).status(401);
    } else if (ctx.method().name().equals("GET")) {
      ctx.redirect(signIn, HttpStatus.SEE_OTHER);
    } else {
      ctx.status(401);
      Views.render(
          ctx,
          "error.jte",
          Map.of("page", Page.of(ctx, "Sign in", ""), "status", 401, "message", "Sign in first."));
    }
  }

  /**
   * Every refusal has the same shape: for the API a message and the field at fault, when there is
   * one; for the dashboard a page (or, for htmx, a fragment) that says it.
   */
  static void error(Context ctx, int status, String message, Optional<String> field) {
    ctx.status(status);
    if (api(ctx)) {
      var body = new LinkedHashMap<String, Object>();
      body.put("error", message);
      field.ifPresent(f -> body.put("field", f));
      ctx.json(body);
    } else if (Views.htmx(ctx)) {
      Views.render(ctx, "problem.jte", Map.of("message", message));
    } else {
      Views.render(
          ctx,
          "error.jte",
          Map.of("page", Page.of(ctx, "Error", ""), "status", status, "message", message));
    }
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
