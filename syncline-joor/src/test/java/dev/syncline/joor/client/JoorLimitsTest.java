package dev.syncline.joor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncline.core.PermanentSyncException.RemoteRejected;
import dev.syncline.core.RetryableSyncException.RateLimited;
import dev.syncline.core.RetryableSyncException.RemoteUnavailable;
import dev.syncline.core.limit.Limiter;
import dev.syncline.core.limit.Limiters;
import dev.syncline.sandbox.common.Faults;
import dev.syncline.sandbox.joor.JoorSandboxSettings;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JoorLimitsTest {

  private TestJoor joor;
  private JoorClient client;

  @BeforeEach
  void start() {
    joor =
        TestJoor.start(
            JoorSandboxSettings.defaults()
                .withBulkJobDelay(Duration.ZERO)
                .withCredits(20, Duration.ofSeconds(1)));
    var config =
        joor.config()
            .withRateLimit(
                JoorConfig.RateLimit.joor()
                    .withBudget(20, Duration.ofSeconds(1), Duration.ofMillis(500)));
    client =
        joor.client(
            config,
            Limiters.slidingWindow(
                config.rateLimit().budget(), config.rateLimit().span(), InstantSource.system()));
  }

  @AfterEach
  void stop() {
    client.close();
    joor.close();
  }

  private double creditsTaken() {
    return joor.meters
        .counter("syncline.remote.units", "system", "joor", "account", TestJoor.US)
        .count();
  }

  @Test
  void takes_one_credit_for_a_read_and_five_for_a_write_as_joor_counts_them() {
    client.connections().byCustomerCode("3");
    client.connections().update(JoorConnectionsTest.customer("7", "Wholesale"));

    assertThat(creditsTaken()).isEqualTo(6);
    assertThat(joor.sandbox.credits(TestJoor.US).spentInTotal()).isEqualTo(6);
  }

  @Test
  void waits_for_credits_rather_than_letting_joor_refuse_a_call() {
    for (int i = 0; i < 12; i++) {
      client.connections().byCustomerCode("3");
    }
    for (int i = 0; i < 4; i++) {
      client.connections().update(JoorConnectionsTest.customer("7", "Wholesale"));
    }

    assertThat(joor.sandbox.credits(TestJoor.US).spentInTotal()).isEqualTo(32);
    assertThat(joor.sandbox.credits(TestJoor.US).refused()).isZero();
    assertThat(joor.sandbox.requestLog().count(r -> r.status() == 429)).isZero();
  }

  @Test
  void tries_again_after_the_wait_a_429_asks_for_and_the_caller_never_sees_it() {
    joor.sandbox
        .faults()
        .failNext(
            "GET",
            "/v2/connection/.*",
            1,
            new Faults.Fault(
                429,
                "{\"response\": {\"code\": 429, \"comment\": \"Rate limit exceeded\"}}",
                Map.of("Retry-After", "1"),
                Duration.ZERO));

    assertThat(client.connections().byCustomerCode("3")).isPresent();
    assertThat(joor.served("GET", "/v2/connection/.*")).isEqualTo(2);
    assertThat(joor.meters.find("syncline.remote.retries").tag("cause", "RateLimited").counter())
        .satisfies(retried -> assertThat(retried.count()).isEqualTo(1));
  }

  @Test
  void leaves_a_long_wait_to_the_engine_as_rate_limited_with_the_wait() {
    joor.sandbox
        .faults()
        .failNext(
            "GET",
            "/v2/connection/.*",
            1,
            new Faults.Fault(
                429,
                "{\"response\": {\"code\": 429, \"comment\": \"Rate limit exceeded\"}}",
                Map.of("Retry-After", "240"),
                Duration.ZERO));

    assertThatThrownBy(() -> client.connections().byCustomerCode("3"))
        .isInstanceOfSatisfying(
            RateLimited.class, e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(240)))
        .hasMessageContaining("Rate limit exceeded");
    assertThat(joor.served("GET", "/v2/connection/.*")).isEqualTo(1);
  }

  @Test
  void tries_a_read_again_after_server_errors() {
    joor.sandbox
        .faults()
        .failNext("GET", "/v4/price_types", 2, Faults.Fault.status(503, "upstream unavailable"));

    assertThat(client.catalog().priceTypes()).hasSize(3);
    assertThat(joor.served("GET", "/v4/price_types")).isEqualTo(3);
  }

  @Test
  void never_sends_an_order_create_twice_when_its_answer_is_lost() {
    joor.sandbox
        .faults()
        .failNext("POST", "/v4/orders/bulk_create", 1, Faults.Fault.status(502, "bad gateway"));

    assertThatThrownBy(() ->
            client
                .orders()
                .create(
                    List.of(
                        new JoorOrders.NewOrder(
                            "r", "p", "c", JoorOrders.OrderStatus.IN_PROGRESS))))
        .isInstanceOfSatisfying(
            RemoteUnavailable.class,
            e -> assertThat(e.mayHaveApplied()).as("JOOR may have made the order").isTrue())
        .hasMessageContaining("HTTP 502: bad gateway");
    assertThat(joor.served("POST", "/v4/orders/bulk_create")).isEqualTo(1);
  }

  @Test
  void an_unreachable_joor_is_retryable_and_says_where_it_was_looked_for() {
    var nowhere =
        new JoorConfig.Endpoints(
            URI.create("http://127.0.0.1:9/v2"),
            URI.create("http://127.0.0.1:9/v4"),
            URI.create("http://127.0.0.1:9/auth/"));
    var config =
        JoorConfig.of(nowhere, TestJoor.US, joor.config().credentials())
            .withRetries(
                new dev.syncline.core.remote.RemoteRetry(2, Duration.ofMillis(10), Duration.ZERO));
    try (var lost = joor.client(config, Limiter.unlimited())) {
      assertThatThrownBy(() -> lost.connections().byCustomerCode("3"))
          .isInstanceOf(RemoteUnavailable.class)
          .hasMessageContaining(
              "Syncline could not reach JOOR at 127.0.0.1 to GET /v2/connection/customer_code/{customer_code}/ for account 4001");
    }
  }

  @Test
  void a_write_to_an_unreachable_joor_was_certainly_not_applied() {
    var nowhere =
        new JoorConfig.Endpoints(
            URI.create("http://127.0.0.1:9/v2"),
            URI.create("http://127.0.0.1:9/v4"),
            URI.create("http://127.0.0.1:9/auth/"));
    var config =
        JoorConfig.of(nowhere, TestJoor.US, joor.config().credentials())
            .withRetries(
                new dev.syncline.core.remote.RemoteRetry(1, Duration.ofMillis(10), Duration.ZERO));
    try (var lost = joor.client(config, Limiter.unlimited())) {
      assertThatThrownBy(() ->
              lost.orders()
                  .create(
                      List.of(
                          new JoorOrders.NewOrder(
                              "r", "p", "c", JoorOrders.OrderStatus.IN_PROGRESS))))
          .isInstanceOfSatisfying(
              RemoteUnavailable.class, e -> assertThat(e.mayHaveApplied()).isFalse());
    }
  }

  @Test
  void a_write_whose_connection_is_reset_after_it_was_sent_may_have_been_applied() {
    joor.sandbox
        .faults()
        .failNext("POST", "/v4/orders/bulk_create", 1, Faults.Fault.connectionReset());

    assertThatThrownBy(() ->
            client
                .orders()
                .create(
                    List.of(
                        new JoorOrders.NewOrder(
                            "r", "p", "c", JoorOrders.OrderStatus.IN_PROGRESS))))
        .isInstanceOfSatisfying(
            RemoteUnavailable.class, e -> assertThat(e.mayHaveApplied()).isTrue());
  }

  @Test
  void records_each_call_with_its_latency_and_each_error_by_cause() {
    client.connections().byCustomerCode("3");
    client.connections().byCustomerCode("nobody");
    assertThat(client.orders().order(1)).isEmpty();
    assertThatThrownBy(
            () -> client.connections().create(JoorConnectionsTest.customer("3", "Wholesale")))
        .isInstanceOf(RemoteRejected.class);

    var timer =
        joor.meters
            .find("syncline.remote.requests")
            .tag("system", "joor")
            .tag("operation", "GET /v2/connection/customer_code/{customer_code}/")
            .tag("status", "200")
            .timer();
    assertThat(timer).isNotNull();
    assertThat(timer.count()).isEqualTo(1);
    assertThat(joor.meters.find("syncline.remote.requests").tag("status", "404").timers())
        .hasSize(2);
    assertThat(
            joor.meters
                .find("syncline.remote.errors")
                .tags("system", "joor", "account", TestJoor.US, "cause", "RemoteRejected")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(joor.meters.find("syncline.remote.credits.remaining").gauge().value())
        .isBetween(0.0, 20.0);
  }
}
