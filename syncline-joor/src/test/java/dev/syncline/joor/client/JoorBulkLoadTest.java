package dev.syncline.joor.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.core.SyncException;
import dev.syncline.core.limit.Limiters;
import dev.syncline.sandbox.joor.JoorSandboxSettings;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An initial load: 2,000 customers written at once by 2,000 callers, through JOOR's budget of 300
 * credits per window (a two-second window here, so that it runs quickly at the same budget).
 */
class JoorBulkLoadTest {

  private static final Logger LOG = LoggerFactory.getLogger(JoorBulkLoadTest.class);
  private static final int CUSTOMERS = 2_000;
  private static final Duration WINDOW = Duration.ofSeconds(2);

  /** Long enough for every caller to have joined, so that calls go out full. */
  private static final Duration LINGER = Duration.ofSeconds(2);

  /**
   * With 25 records a call the load needs about 500 credits, more than a window holds, so the
   * limiter must hold callers back; with 500 a call it shows what bulk calls cost at scale.
   */
  @ParameterizedTest(name = "{0} records per bulk call")
  @ValueSource(ints = {25, 500})
  void pushes_two_thousand_customers_through_three_hundred_credits_a_window_without_a_429(
      int perCall) throws Exception {
    try (var joor =
        TestJoor.start(
            JoorSandboxSettings.defaults()
                .withBulkJobDelay(Duration.ZERO)
                .withCredits(300, WINDOW))) {
      var config =
          joor.config()
              .withRateLimit(
                  JoorConfig.RateLimit.joor().withBudget(300, WINDOW, Duration.ofMillis(500)))
              .withBulk(
                  new JoorConfig.Bulk(
                      perCall,
                      LINGER,
                      LINGER,
                      Duration.ofMillis(20),
                      Duration.ofMillis(200),
                      Duration.ofSeconds(60)));
      var failures = new ConcurrentLinkedQueue<SyncException>();
      var started = System.nanoTime();
      try (var client =
              joor.client(
                  config,
                  Limiters.slidingWindow(
                      config.rateLimit().budget(),
                      config.rateLimit().span(),
                      InstantSource.system()));
          var callers = Executors.newVirtualThreadPerTaskExecutor()) {
        var written = new ArrayList<Future<UpsertedConnection>>();
        for (int i = 0; i < CUSTOMERS; i++) {
          var code = Integer.toString(10_000 + i);
          written.add(
              callers.submit(() -> {
                try {
                  return client
                      .connectionWriter()
                      .upsert(JoorConnectionsTest.customer(code, "Wholesale"));
                } catch (SyncException e) {
                  failures.add(e);
                  throw e;
                }
              }));
        }
        for (var result : written) {
          assertThat(result.get().status()).isEqualTo(ConnectionStatus.PENDING);
        }
        var seconds = (System.nanoTime() - started) / 1e9;
        var credits = joor.sandbox.credits(TestJoor.US);
        var bulkCalls = joor.served("POST", "/v2/bulk-connection");
        var polls = joor.served("GET", "/v2/bulk-connection/.*");
        LOG.info(
            "{} customers, {} per call: {} bulk calls, {} job polls, {} credits, {} credits per customer, {} s, {} 429s on the wire",
            CUSTOMERS,
            perCall,
            bulkCalls,
            polls,
            credits.spentInTotal(),
            String.format("%.4f", credits.spentInTotal() / (double) CUSTOMERS),
            String.format("%.1f", seconds),
            credits.refused());

        assertThat(failures).isEmpty();
        assertThat(credits.refused()).isZero();
        var carried =
            joor
                .sandbox
                .requestLog()
                .matching(r -> r.method().equals("POST") && r.path().equals("/v2/bulk-connection"))
                .stream()
                .map(r -> Integer.parseInt(r.details().get("records")))
                .toList();
        assertThat(carried.stream().mapToInt(Integer::intValue).sum()).isEqualTo(CUSTOMERS);
        assertThat(carried).allSatisfy(records -> assertThat(records).isLessThanOrEqualTo(perCall));
        assertThat(client.connections().stream(ConnectionFilter.all()).count())
            .isEqualTo(CUSTOMERS + 3);
        if (perCall == 500) {
          assertThat(credits.spentInTotal() / (double) CUSTOMERS).isLessThanOrEqualTo(0.05);
        }
      }
    }
  }
}
