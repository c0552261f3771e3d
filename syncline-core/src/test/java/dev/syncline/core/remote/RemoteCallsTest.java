package dev.syncline.core.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.RetryableSyncException;
import dev.syncline.core.RetryableSyncException.RateLimited;
import dev.syncline.core.RetryableSyncException.RemoteUnavailable;
import dev.syncline.core.limit.Limiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The call path every client shares, driven by exchanges that answer as a remote would. The
 * clients' own tests run it against the sandboxes over HTTP; these pin the rules one by one.
 */
class RemoteCallsTest {

  private static final URI WHERE = URI.create("https://remote.example/api");
  private static final RemoteRetry QUICK =
      new RemoteRetry(3, Duration.ofMillis(1), Duration.ofSeconds(2));

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final AtomicInteger units = new AtomicInteger();
  private final Limiter counting =
      new Limiter() {
        @Override
        public Permit acquire(int n) {
          units.addAndGet(n);
          return () -> {};
        }

        @Override
        public Optional<Permit> tryAcquire(int n, Duration timeout) {
          return Optional.of(acquire(n));
        }
      };
  private final RemoteCalls calls =
      new RemoteCalls("acme", "Acme", "A1", QUICK, counting, meters, InstantSource.system());

  private static RemoteCalls.Raw answer(
      int status, String body, Map<String, List<String>> headers) {
    return new RemoteCalls.Raw(status, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  /** An attempt as a client writes it: one exchange, a 2xx accepted, anything else classified. */
  private String attempt(RemoteCalls.Call call, RemoteCalls.Exchange exchange) {
    var reply = calls.exchange(call, WHERE, RemoteCalls.Credentials.NONE, exchange);
    if (reply.ok()) {
      return reply.body();
    }
    if (reply.status() == 429) {
      throw new RateLimited(
          "acme",
          "slow down",
          reply.header("retry-after").map(s -> Duration.ofSeconds(Long.parseLong(s))),
          Optional.empty());
    }
    if (reply.status() >= 500) {
      throw new RemoteUnavailable("acme", "down", Optional.empty(), null, !call.idempotent());
    }
    throw new PermanentSyncException.RemoteRejected("acme", reply.status(), "no", Optional.empty());
  }

  @Test
  void a_read_whose_connection_was_lost_is_tried_again_and_its_units_taken_per_attempt() {
    var read = new RemoteCalls.Call("thing.get", "get thing 7", "GET", true, 2);
    var sent = new AtomicInteger();

    var body =
        calls.call(
            read,
            () ->
                attempt(
                    read,
                    auth -> {
                      if (sent.incrementAndGet() == 1) {
                        throw new IOException("Connection reset");
                      }
                      return answer(200, "Café 🍷", Map.of());
                    }));

    assertThat(body).isEqualTo("Café 🍷");
    assertThat(sent).hasValue(2);
    assertThat(units).hasValue(4);
    assertThat(meters.get("syncline.remote.units").counter().count()).isEqualTo(4);
    assertThat(
            meters
                .get("syncline.remote.retries")
                .tags("operation", "thing.get", "cause", "RemoteUnavailable")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(meters.get("syncline.remote.requests").tag("status", "io_error").timer().count())
        .isEqualTo(1);
    assertThat(meters.get("syncline.remote.requests").tag("status", "200").timer().count())
        .isEqualTo(1);
    assertThat(calls.connection().reachable()).contains(true);
  }

  @Test
  void a_create_whose_answer_was_lost_is_not_sent_again_and_says_it_may_have_been_applied() {
    var create = new RemoteCalls.Call("thing.create", "create thing", "POST", false);
    var sent = new AtomicInteger();

    assertThatThrownBy(() ->
            calls.call(
                create,
                () ->
                    attempt(
                        create,
                        auth -> {
                          sent.incrementAndGet();
                          throw new IOException("Connection reset");
                        })))
        .isInstanceOfSatisfying(
            RemoteUnavailable.class,
            e -> {
              assertThat(e.mayHaveApplied()).isTrue();
              assertThat(e.getMessage()).startsWith("Acme lost the connection during create thing");
            });
    assertThat(sent).as("sent once: a second create could duplicate the thing").hasValue(1);
    assertThat(calls.connection().reachable()).contains(false);
    assertThat(
            meters
                .get("syncline.remote.errors")
                .tags("operation", "thing.create", "cause", "RemoteUnavailable")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void a_create_refused_before_it_connected_is_sent_again_as_nothing_can_have_been_applied() {
    var create = new RemoteCalls.Call("thing.create", "create thing", "POST", false);
    var sent = new AtomicInteger();

    var body =
        calls.call(
            create,
            () ->
                attempt(
                    create,
                    auth -> {
                      if (sent.incrementAndGet() == 1) {
                        throw new ConnectException("Connection refused");
                      }
                      return answer(201, "made", Map.of());
                    }));

    assertThat(body).isEqualTo("made");
    assertThat(sent).hasValue(2);
  }

  @Test
  void a_server_error_on_a_create_goes_up_at_once_and_on_a_read_is_tried_until_the_attempts_end() {
    var create = new RemoteCalls.Call("thing.create", "create thing", "POST", false);
    var read = new RemoteCalls.Call("thing.get", "get thing", "GET", true);
    var sent = new AtomicInteger();
    RemoteCalls.Exchange failing =
        auth -> {
          sent.incrementAndGet();
          return answer(503, "", Map.of());
        };

    assertThatThrownBy(() -> calls.call(create, () -> attempt(create, failing)))
        .isInstanceOf(RemoteUnavailable.class);
    assertThat(sent).hasValue(1);
    assertThatThrownBy(() -> calls.call(read, () -> attempt(read, failing)))
        .isInstanceOf(RemoteUnavailable.class);
    assertThat(sent).as("1 + the read's 3 attempts").hasValue(4);
  }

  @Test
  void a_rate_limit_is_waited_out_here_when_short_and_left_to_the_engine_when_long() {
    var create = new RemoteCalls.Call("thing.create", "create thing", "POST", false);
    var sent = new AtomicInteger();

    var body =
        calls.call(
            create,
            () ->
                attempt(
                    create,
                    auth ->
                        sent.incrementAndGet() == 1
                            ? answer(429, "", Map.of("Retry-After", List.of("0")))
                            : answer(200, "ok", Map.of())));
    assertThat(body).isEqualTo("ok");
    assertThat(sent).as("a refused create was not applied: it is sent again").hasValue(2);

    sent.set(0);
    assertThatThrownBy(() ->
            calls.call(
                create,
                () ->
                    attempt(
                        create,
                        auth -> {
                          sent.incrementAndGet();
                          return answer(429, "", Map.of("retry-after", List.of("60")));
                        })))
        .isInstanceOfSatisfying(
            RateLimited.class, e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(60)));
    assertThat(sent).as("a minute is the engine's wait, not a worker's").hasValue(1);
    assertThat(calls.refusedForRate()).isEqualTo(2);
  }

  @Test
  void a_refused_authorization_is_renewed_once_and_a_second_refusal_is_the_answer() {
    var read = new RemoteCalls.Call("thing.get", "get thing", "GET", true);
    var tokens = new ArrayList<String>();
    var renewals = new AtomicInteger();
    var credentials =
        new RemoteCalls.Credentials() {
          @Override
          public Optional<String> authorization() {
            return Optional.of("Bearer t" + renewals.get());
          }

          @Override
          public boolean refused(String authorization) {
            renewals.incrementAndGet();
            return true;
          }
        };

    var reply =
        calls.exchange(
            read,
            WHERE,
            credentials,
            auth -> {
              tokens.add(auth.orElseThrow());
              return answer(tokens.size() == 1 ? 401 : 200, "ok", Map.of());
            });
    assertThat(reply.status()).isEqualTo(200);
    assertThat(tokens).containsExactly("Bearer t0", "Bearer t1");

    tokens.clear();
    var refused =
        calls.exchange(
            read,
            WHERE,
            credentials,
            auth -> {
              tokens.add(auth.orElseThrow());
              return answer(401, "", Map.of());
            });
    assertThat(refused.status()).isEqualTo(401);
    assertThat(tokens).as("renewed once, not in a loop").hasSize(2);
  }

  @Test
  void a_fixed_authorization_is_not_sent_again_when_refused() {
    var read = new RemoteCalls.Call("thing.get", "get thing", "GET", true);
    var sent = new AtomicInteger();

    var reply =
        calls.exchange(
            read,
            WHERE,
            RemoteCalls.Credentials.fixed(Optional.of("OAuth2 abc")),
            auth -> {
              sent.incrementAndGet();
              return answer(401, "", Map.of());
            });

    assertThat(reply.status()).isEqualTo(401);
    assertThat(sent).hasValue(1);
  }

  @Test
  void an_answer_that_is_not_text_in_its_charset_fails_rather_than_garbles() {
    var read = new RemoteCalls.Call("thing.get", "get thing", "GET", true);

    assertThatThrownBy(() ->
            calls.exchange(
                read,
                WHERE,
                RemoteCalls.Credentials.NONE,
                auth ->
                    new RemoteCalls.Raw(
                        200,
                        Map.of("content-type", List.of("application/json; charset=utf-8")),
                        new byte[] {'"', (byte) 0xC3, '"'})))
        .isInstanceOf(PermanentSyncException.class)
        .hasMessageContaining("Acme's answer to get thing (HTTP 200) cannot be read");
  }

  @Test
  void backoff_doubles_within_its_ceiling_and_takes_what_the_remote_asked_for() {
    var retry = new RemoteRetry(5, Duration.ofMillis(100), Duration.ofMillis(300));
    var random = new Random(7);
    var down = new RemoteUnavailable("acme", "down", Optional.empty(), null);
    for (var i = 0; i < 50; i++) {
      assertThat(retry.backoff(1, down, random))
          .isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
      assertThat(retry.backoff(2, down, random))
          .isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
      assertThat(retry.backoff(4, down, random))
          .isBetween(Duration.ofMillis(150), Duration.ofMillis(300));
    }
    var asked =
        new RateLimited("acme", "slow down", Optional.of(Duration.ofSeconds(1)), Optional.empty());
    assertThat(retry.backoff(1, asked, random))
        .isBetween(Duration.ofSeconds(1), Duration.ofMillis(1100));
    assertThat(retry.retries(1, asked, true)).as("1 s is past the 300 ms ceiling").isFalse();
    assertThat(retry.retries(5, down, true)).as("the attempts are spent").isFalse();
    assertThat(
            retry.retries(
                1,
                new RetryableSyncException("acme", "stopping", new InterruptedException()),
                true))
        .as("a stopping node does not try again")
        .isFalse();
  }
}
