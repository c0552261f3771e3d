package dev.syncline.core.remote;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.RetryableSyncException;
import dev.syncline.core.RetryableSyncException.RateLimited;
import dev.syncline.core.RetryableSyncException.RemoteUnavailable;
import dev.syncline.core.SyncException;
import dev.syncline.core.WireText;
import dev.syncline.core.limit.Limiter;
import dev.syncline.core.port.ConnectionState;
import dev.syncline.core.port.ConnectionWatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way Syncline calls a remote account, whichever system it is. Each client builds its
 * requests (its URLs, its signing) and classifies what its system answers; everything else is here,
 * the same for all:
 *
 * <ul>
 *   <li>each HTTP exchange takes its units from the account's {@link Limiter} (one concurrent
 *       request for NetSuite, the credits of a JOOR call) and holds them while it is under way;
 *   <li>a refused authorization is renewed once ({@link Credentials#refused});
 *   <li>a failure time may fix is tried again as {@link RemoteRetry} says;
 *   <li>answers are decoded as {@link WireText} says, and a lost connection becomes a {@link
 *       RemoteUnavailable} that tells whether a write may have been applied;
 *   <li>one metric scheme, {@code syncline_remote_*} tagged with the system and the account;
 *   <li>the connection's health, from what the calls found ({@link #connection}).
 * </ul>
 *
 * <p>The HTTP client itself stays in the system modules ({@link Exchange}): the core speaks no
 * HTTP. Safe for many threads; build one per remote account.
 */
public final class RemoteCalls {

  private static final Logger LOG = LoggerFactory.getLogger(RemoteCalls.class);
  private static final String ERRORS = "syncline.remote.errors";
  private static final String RETRIES = "syncline.remote.retries";

  /**
   * One logical call, which may take several attempts.
   *
   * @param operation a short, bounded name for metrics ({@code record.get}, {@code suiteql}); never
   *     an id
   * @param what the call in words for messages ({@code get customer 107})
   * @param method the HTTP method
   * @param idempotent whether repeating it after an unclear failure (a timeout, a reset, a 5xx)
   *     cannot write twice; other calls are repeated only when the remote surely did not act
   * @param cost the limiter units one attempt takes
   */
  public record Call(String operation, String what, String method, boolean idempotent, int cost) {
    public Call {
      if (cost < 0) {
        throw new IllegalArgumentException("a call's cost must not be negative, not " + cost);
      }
    }

    /** A call of one unit. */
    public Call(String operation, String what, String method, boolean idempotent) {
      this(operation, what, method, idempotent, 1);
    }
  }

  /** What the remote answered to one exchange, its body decoded as text. */
  public record Reply(int status, Map<String, List<String>> headers, String body) {
    public Reply {
      var caseless = new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
      caseless.putAll(headers);
      headers = caseless;
    }

    /** The first value of a header, whatever its case. */
    public Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name)).flatMap(v -> v.stream().findFirst());
    }

    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /** What an HTTP client received: the status, the headers and the body's bytes. */
  public record Raw(int status, Map<String, List<String>> headers, byte[] body) {}

  /** One HTTP exchange, done by the system module's client with the authorization given. */
  @FunctionalInterface
  public interface Exchange {
    Raw send(Optional<String> authorization) throws IOException, InterruptedException;
  }

  /** What goes in the Authorization header, and how a refused one is renewed. */
  public interface Credentials {
    /** The header's value for the next exchange, or none. */
    Optional<String> authorization();

    /**
     * The remote answered 401 to {@code authorization}: forget it, and say whether one more
     * exchange with {@link #authorization()} may pass (a renewed token, a fresh nonce).
     */
    boolean refused(String authorization);

    /** No Authorization header. */
    Credentials NONE = fixed(Optional.empty());

    /** The same header every time, never renewed (a static API token, HTTP Basic). */
    static Credentials fixed(Optional<String> authorization) {
      return new Credentials() {
        @Override
        public Optional<String> authorization() {
          return authorization;
        }

        @Override
        public boolean refused(String refused) {
          return false;
        }
      };
    }
  }

  private final String system;
  private final String name;
  private final String account;
  private final RemoteRetry retry;
  private final Limiter limiter;
  private final MeterRegistry meters;
  private final InstantSource clock;
  private final ConnectionWatch watch = new ConnectionWatch();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong refusedForRate = new AtomicLong();
  private final Counter units;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  /**
   * @param system the system's id in metrics and errors ({@code netsuite})
   * @param name the system's name in messages ({@code NetSuite})
   * @param account the remote account, as metrics tag it
   */
  public RemoteCalls(
      String system,
      String name,
      String account,
      RemoteRetry retry,
      Limiter limiter,
      MeterRegistry meters,
      InstantSource clock) {
    this.system = system;
    this.name = name;
    this.account = account;
    this.retry = retry;
    this.limiter = limiter;
    this.meters = meters;
    this.clock = clock;
    this.units =
        Counter.builder("syncline.remote.units")
            .description("Units taken from a remote account's limiter: requests, or JOOR's credits")
            .tags("system", system, "account", account)
            .register(meters);
    Gauge.builder("syncline.remote.in.flight", inFlight, AtomicInteger::get)
        .description("Requests to a remote account under way now")
        .tags("system", system, "account", account)
        .register(meters);
  }

  /**
   * Runs {@code attempt} until it returns, or fails with what is not tried again. The attempt makes
   * its exchanges with {@link #exchange} and turns a reply it does not accept into the system's
   * {@link SyncException}.
   */
  public <T> T call(Call call, Supplier<T> attempt) {
    for (var n = 1; ; n++) {
      try {
        var result = attempt.get();
        watch.answered(clock.instant());
        return result;
      } catch (SyncException e) {
        if (e instanceof RateLimited) {
          refusedForRate.incrementAndGet();
        }
        if (!retry.retries(n, e, call.idempotent())) {
          watch.failed(e, clock.instant());
          counter(ERRORS, call.operation(), e.cause()).increment();
          throw e;
        }
        var wait = retry.backoff(n, e, ThreadLocalRandom.current());
        counter(RETRIES, call.operation(), e.getClass().getSimpleName()).increment();
        LOG.debug(
            "{} account {}: attempt {} to {} failed ({}); trying again in {} ms",
            name,
            account,
            n,
            call.what(),
            e.getMessage(),
            wait.toMillis());
        pause(wait, call);
      }
    }
  }

  /**
   * One exchange under the limiter, and once more when the remote refused the authorization and the
   * credentials could renew it.
   */
  public Reply exchange(Call call, URI uri, Credentials credentials, Exchange exchange) {
    var authorization = credentials.authorization();
    var reply = once(call, uri, authorization, exchange);
    if (reply.status() == 401
        && authorization.isPresent()
        && credentials.refused(authorization.get())) {
      reply = once(call, uri, credentials.authorization(), exchange);
    }
    return reply;
  }

  /** The connection as the calls found it, without limits; a client adds its own. */
  public ConnectionState connection() {
    return watch.status();
  }

  /** Requests under way now. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Attempts the remote refused for its rate or concurrency limit, since start. */
  public long refusedForRate() {
    return refusedForRate.get();
  }

  private Reply once(Call call, URI uri, Optional<String> authorization, Exchange exchange) {
    Limiter.Permit permit;
    try {
      // A call of no cost (a token request) does not wait for the limiter.
      permit = call.cost() == 0 ? Limiter.unlimited().acquire(0) : limiter.acquire(call.cost());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw stopping(call, e);
    }
    units.increment(call.cost());
    var started = System.nanoTime();
    var status = "io_error";
    inFlight.incrementAndGet();
    try (permit) {
      var raw = exchange.send(authorization);
      status = Integer.toString(raw.status());
      return new Reply(raw.status(), raw.headers(), text(call, raw));
    } catch (IOException e) {
      throw unreachable(call, uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw stopping(call, e);
    } finally {
      inFlight.decrementAndGet();
      timer(call.operation(), status).record(Duration.ofNanos(System.nanoTime() - started));
    }
  }

  /**
   * A lost exchange. The core does not see the HTTP client's classes, so a time-out is known by its
   * name, which every JDK client gives it ({@code HttpTimeoutException}, {@code
   * SocketTimeoutException}).
   */
  private RemoteUnavailable unreachable(Call call, URI uri, IOException e) {
    var neverConnected = e instanceof ConnectException;
    var kind =
        neverConnected
            ? "Syncline could not reach " + name + " at " + uri.getHost() + " to " + call.what()
            : e.getClass().getSimpleName().contains("Timeout")
                ? name + " timed out on " + call.what()
                : name + " lost the connection during " + call.what();
    return new RemoteUnavailable(
        system,
        kind
            + " ("
            + e
            + "). Syncline will try again; if this lasts, check the network and the "
            + name
            + " address in the config.",
        Optional.empty(),
        e,
        // A write that reached the remote before the answer was lost may have been applied.
        !call.method().equals("GET") && !neverConnected);
  }

  /**
   * The body in the charset the remote named, UTF-8 when it named none; bytes that are not text in
   * it fail the call rather than reach a record as replacement characters.
   */
  private String text(Call call, Raw raw) {
    Optional<String> contentType =
        raw.headers().entrySet().stream()
            .filter(h -> h.getKey() != null && h.getKey().equalsIgnoreCase("Content-Type"))
            .flatMap(h -> h.getValue().stream())
            .findFirst();
    try {
      return WireText.decode(contentType, raw.body());
    } catch (WireText.NotText e) {
      throw new PermanentSyncException(
          system,
          name
              + "'s answer to "
              + call.what()
              + " (HTTP "
              + raw.status()
              + ") cannot be read: "
              + e.getMessage()
              + ". Syncline does not guess at text, so that no name is stored garbled. If a proxy"
              + " stands between Syncline and "
              + name
              + ", check that it passes bodies unchanged.",
          Optional.empty(),
          e);
    }
  }

  private void pause(Duration wait, Call call) {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw stopping(call, e);
    }
  }

  private RetryableSyncException stopping(Call call, InterruptedException e) {
    return new RetryableSyncException(
        system, "The call to " + call.what() + " was interrupted, as Syncline is stopping.", e);
  }

  private Timer timer(String operation, String status) {
    return timers.computeIfAbsent(
        operation + ' ' + status,
        key ->
            Timer.builder("syncline.remote.requests")
                .description("Requests to a remote account, by operation and HTTP status")
                .tags("system", system, "account", account, "operation", operation)
                .tag("status", status)
                .register(meters));
  }

  private Counter counter(String metric, String operation, String cause) {
    return counters.computeIfAbsent(
        metric + ' ' + operation + ' ' + cause,
        key ->
            Counter.builder(metric)
                .description(
                    metric.equals(ERRORS)
                        ? "Calls to a remote account that failed after their attempts, by cause"
                        : "Attempts of a call tried again, by what made the previous one fail")
                .tags("system", system, "account", account, "operation", operation)
                .tag("cause", cause)
                .register(meters));
  }
}
