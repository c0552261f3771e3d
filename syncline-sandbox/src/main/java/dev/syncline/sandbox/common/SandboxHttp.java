package dev.syncline.sandbox.common;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.json.JavalinJackson3;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts a simulator's HTTP server: Javalin on virtual threads, with the harness wired in. Every
 * request outside {@code /_sandbox} passes the simulator's {@link Admission} (its governance), is
 * delayed as {@link Latency} says, may be failed by {@link Faults} before it is handled or lose its
 * answer after, and is written to the {@link RequestLog} when done. Every body is UTF-8 and its
 * Content-Type says so ({@link Utf8Bodies}). The control API under {@code /_sandbox} exposes the
 * harness:
 *
 * <pre>
 * GET    /_sandbox/requests?after=N   requests served after sequence N
 * DELETE /_sandbox/requests           forget them
 * GET    /_sandbox/faults             the fault rules
 * POST   /_sandbox/faults             add one: {method, path, times, probability, seed, status, body, headers, delayMillis, reset, afterHandling}
 * DELETE /_sandbox/faults             remove all
 * GET    /_sandbox/latency            the latency rules
 * PUT    /_sandbox/latency            replace them: [{method, path, delayMillis, p95Millis}]; {seed} first makes draws repeatable
 * GET    /_sandbox/clock              {now}
 * POST   /_sandbox/clock              {advanceSeconds}: move the sandbox clock forward
 * </pre>
 */
public final class SandboxHttp {

  public static final JsonMapper JSON = JsonMapper.builder().build();

  public static final String CONTROL = "/_sandbox";

  private static final String STARTED = "sandbox.started";
  private static final String ACCOUNT = "sandbox.account";
  private static final String COST = "sandbox.cost";
  private static final String DETAILS = "sandbox.details";
  private static final String RELEASE = "sandbox.release";
  private static final String HANDLED_STATUS = "sandbox.handledStatus";
  private static final String LOGGED = "sandbox.logged";

  private SandboxHttp() {}

  /**
   * A simulator's governance: whether a request may be served now. Runs before latency and faults,
   * so that a request holds its place for as long as it takes, as on the real system.
   */
  @FunctionalInterface
  public interface Admission {
    /** Lets everything through. */
    Admission NONE = ctx -> Optional.of(() -> {});

    /**
     * Admits the request and returns what to run once it is answered; or answers it with the
     * rejection itself and returns empty.
     */
    Optional<Runnable> admit(Context ctx);
  }

  /** Starts the server with no governance of its own; see the other overload. */
  public static Javalin start(
      String host, int port, Harness harness, Consumer<JavalinConfig> configure) {
    return start(host, port, harness, Admission.NONE, configure);
  }

  /**
   * Starts the server on {@code host:port} (port 0 for any free one).
   *
   * @param configure the simulator's own routes and error handlers
   */
  public static Javalin start(
      String host,
      int port,
      Harness harness,
      Admission admission,
      Consumer<JavalinConfig> configure) {
    var javalin =
        Javalin.create(config -> {
          config.concurrency.useVirtualThreads = true;
          config.startup.showJavalinBanner = false;
          config.startup.startupWatcherEnabled = false;
          config.jsonMapper(new JavalinJackson3(JSON, false));
          // Ahead of Javalin, so that it covers faults, rejections and unknown paths as well.
          config.jetty.modifyServletContextHandler(handler ->
              handler.addFilter(
                  new FilterHolder(new Utf8Bodies()), "/*", EnumSet.of(DispatcherType.REQUEST)));
          config.routes.before(ctx -> before(ctx, harness, admission));
          // Released before the response is written, so that a caller who got its answer may
          // send the next request at once; the request logger catches what skipped the after step.
          config.routes.after(ctx -> after(ctx, harness));
          config.requestLogger.http((ctx, ms) -> {
            release(ctx);
            record(ctx, harness);
          });
          controlRoutes(config, harness);
          configure.accept(config);
        });
    javalin.start(host, port);
    return javalin;
  }

  /** Names the remote account a request addressed, for the log. */
  public static void account(Context ctx, String account) {
    ctx.attribute(ACCOUNT, account);
  }

  /** Records what a request cost against its account's limit, for the log. */
  public static void cost(Context ctx, int cost) {
    ctx.attribute(COST, cost);
  }

  /** Adds a simulator-specific fact about a request to its log entry. */
  public static void detail(Context ctx, String key, String value) {
    Map<String, String> details = ctx.attribute(DETAILS);
    if (details == null) {
      details = new HashMap<>();
      ctx.attribute(DETAILS, details);
    }
    details.put(key, value);
  }

  private static boolean isControl(Context ctx) {
    return ctx.path().startsWith(CONTROL);
  }

  private static void before(Context ctx, Harness harness, Admission admission)
      throws InterruptedException {
    if (isControl(ctx)) {
      return;
    }
    ctx.attribute(STARTED, harness.clock().instant());
    var admitted = admission.admit(ctx);
    if (admitted.isEmpty()) {
      ctx.skipRemainingHandlers();
      return;
    }
    var released = new AtomicBoolean();
    Runnable release = admitted.get();
    ctx.attribute(
        RELEASE,
        (Runnable)
            () -> {
              if (released.compareAndSet(false, true)) {
                release.run();
              }
            });
    var fault = harness.faults().take(ctx.method().name(), ctx.path(), false);
    if (fault.isPresent()) {
      var f = fault.get();
      sleep(f.delay());
      if (f.dropConnection()) {
        release(ctx);
        dropConnection(ctx);
        ctx.skipRemainingHandlers();
        return;
      }
      if (f.status() > 0) {
        f.headers().forEach(ctx::header);
        ctx.status(f.status()).contentType("application/json").result(f.body());
        ctx.skipRemainingHandlers();
        return;
      }
    }
    sleep(harness.latency().of(ctx.method().name(), ctx.path()));
  }

  /**
   * Loses the answer of a request that was handled, if a fault says so. Only an answer below 400 is
   * lost, one that says the change was applied; a refusal changed nothing, so losing it is a fault
   * before handling. The permit is given back first: the remote system finished its work, and it is
   * the answer that goes astray on its way back.
   */
  private static void after(Context ctx, Harness harness) throws InterruptedException {
    release(ctx);
    if (isControl(ctx) || ctx.statusCode() >= 400) {
      return;
    }
    var fault = harness.faults().take(ctx.method().name(), ctx.path(), true);
    if (fault.isEmpty()) {
      return;
    }
    var f = fault.get();
    ctx.attribute(HANDLED_STATUS, ctx.statusCode());
    detail(ctx, "answerLost", lostAs(f));
    sleep(f.delay());
    if (f.status() > 0) {
      // Forgets the headers of the real answer too, such as a created record's Location.
      ctx.res().reset();
      f.headers().forEach(ctx::header);
      ctx.status(f.status()).contentType("application/json").result(f.body());
    }
    // Logged now: writing an answer to a connection that is gone fails before the request logger
    // would run, and the log must still show the write that was applied.
    record(ctx, harness);
    if (f.dropConnection()) {
      dropConnection(ctx);
    }
  }

  private static String lostAs(Faults.Fault fault) {
    var lost =
        fault.dropConnection()
            ? "reset"
            : fault.status() > 0 ? Integer.toString(fault.status()) : "late";
    return fault.delay().isPositive() ? lost + " after " + fault.delay().toMillis() + " ms" : lost;
  }

  private static void release(Context ctx) {
    Runnable release = ctx.attribute(RELEASE);
    if (release != null) {
      release.run();
    }
  }

  /** Closes the TCP connection under the request, so that the client sees a reset, not a status. */
  private static void dropConnection(Context ctx) {
    ServletContextRequest.getServletContextRequest(ctx.req())
        .getConnectionMetaData()
        .getConnection()
        .getEndPoint()
        .close();
  }

  private static void sleep(Duration delay) throws InterruptedException {
    if (delay.isPositive()) {
      Thread.sleep(delay);
    }
  }

  private static void record(Context ctx, Harness harness) {
    if (isControl(ctx) || ctx.attribute(LOGGED) != null) {
      return;
    }
    ctx.attribute(LOGGED, true);
    Instant started = ctx.attribute(STARTED);
    var finished = harness.clock().instant();
    String account = ctx.attribute(ACCOUNT);
    Integer cost = ctx.attribute(COST);
    Map<String, String> details = ctx.attribute(DETAILS);
    // What the sandbox did, not what the client saw: a write whose answer was lost was applied.
    Integer handled = ctx.attribute(HANDLED_STATUS);
    harness
        .requestLog()
        .add(
            started == null ? finished : started,
            finished,
            ctx.method().name(),
            ctx.path(),
            ctx.queryString() == null ? "" : ctx.queryString(),
            handled == null ? ctx.statusCode() : handled,
            account == null ? "" : account,
            cost == null ? 0 : cost,
            details == null ? Map.of() : details);
  }

  /** Control requests with bad input get a 400 naming the problem, and change nothing. */
  private static Handler control(Handler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (JacksonException | IllegalArgumentException e) {
        ctx.status(400).json(Map.of("error", "Bad control request: " + e.getMessage()));
      }
    };
  }

  private static void controlRoutes(JavalinConfig config, Harness harness) {
    var routes = config.routes;
    routes.get(CONTROL + "/requests", control(ctx -> requests(ctx, harness)));
    routes.delete(
        CONTROL + "/requests",
        control(ctx -> {
          harness.requestLog().clear();
          ctx.status(204);
        }));
    routes.get(
        CONTROL + "/faults",
        control(ctx ->
            ctx.json(harness.faults().rules().stream().map(SandboxHttp::describe).toList())));
    routes.post(CONTROL + "/faults", control(ctx -> addFault(ctx, harness)));
    routes.delete(
        CONTROL + "/faults",
        control(ctx -> {
          harness.faults().clear();
          ctx.status(204);
        }));
    routes.get(CONTROL + "/latency", control(ctx -> ctx.json(latencyRules(harness))));
    routes.put(CONTROL + "/latency", control(ctx -> setLatency(ctx, harness)));
    routes.get(
        CONTROL + "/clock",
        control(ctx -> ctx.json(Map.of("now", harness.clock().instant().toString()))));
    routes.post(
        CONTROL + "/clock",
        control(ctx -> {
          var seconds = JSON.readTree(ctx.body()).path("advanceSeconds").asLong(0);
          harness.clock().advance(Duration.ofSeconds(seconds));
          ctx.json(Map.of("now", harness.clock().instant().toString()));
        }));
  }

  private static void requests(Context ctx, Harness harness) {
    var after = ctx.queryParam("after");
    ctx.json(harness.requestLog().after(after == null ? 0 : Long.parseLong(after)));
  }

  private static void addFault(Context ctx, Harness harness) {
    var body = JSON.readTree(ctx.body());
    var headers = new HashMap<String, String>();
    body.path("headers")
        .properties()
        .forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
    var fault =
        new Faults.Fault(
            body.path("status").asInt(0),
            body.path("body").asString(""),
            headers,
            Duration.ofMillis(body.path("delayMillis").asLong(0)),
            body.path("reset").asBoolean(false),
            body.path("afterHandling").asBoolean(false));
    var method = body.path("method").asString("*");
    var path = body.path("path").asString(".*");
    var probability = body.path("probability").asDouble(1.0);
    if (probability <= 0 || probability > 1) {
      throw new IllegalArgumentException(
          "probability must be above 0 and at most 1, not " + probability);
    }
    if (body.has("seed")) {
      harness.faults().seed(body.path("seed").asLong());
    }
    if (probability < 1.0) {
      harness.faults().failRandomly(method, path, probability, fault);
    } else {
      harness.faults().failNext(method, path, body.path("times").asInt(1), fault);
    }
    ctx.status(201);
  }

  private static List<Map<String, Object>> latencyRules(Harness harness) {
    return harness.latency().rules().stream()
        .map(r ->
            Map.<String, Object>of(
                "method",
                r.method(),
                "path",
                r.path().pattern(),
                "delayMillis",
                r.delay().toMillis(),
                "p95Millis",
                r.p95().toMillis()))
        .toList();
  }

  private static void setLatency(Context ctx, Harness harness) {
    List<JsonNode> rules = JSON.readTree(ctx.body()).valueStream().toList();
    var parsed = new java.util.ArrayList<Latency.Rule>();
    Long seed = null;
    for (var rule : rules) {
      if (rule.has("seed")) {
        seed = rule.path("seed").asLong();
        continue;
      }
      var delay = Duration.ofMillis(rule.path("delayMillis").asLong(0));
      parsed.add(
          new Latency.Rule(
              rule.path("method").asString("*"),
              java.util.regex.Pattern.compile(rule.path("path").asString(".*")),
              delay,
              Duration.ofMillis(rule.path("p95Millis").asLong(delay.toMillis()))));
    }
    harness.latency().clear();
    if (seed != null) {
      harness.latency().seed(seed);
    }
    parsed.forEach(r -> harness.latency().set(r.method(), r.path().pattern(), r.delay(), r.p95()));
    ctx.status(204);
  }

  private static Map<String, Object> describe(Faults.Rule rule) {
    return Map.of(
        "method", rule.method(),
        "path", rule.path().pattern(),
        "times", rule.times(),
        "probability", rule.probability(),
        "status", rule.fault().status(),
        "delayMillis", rule.fault().delay().toMillis(),
        "reset", rule.fault().dropConnection(),
        "afterHandling", rule.fault().afterHandling());
  }
}
