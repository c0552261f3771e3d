package dev.syncline.joor.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.core.limit.Limiter;
import dev.syncline.sandbox.joor.JoorSandboxSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How the bulk writer spends JOOR's credits: 5 for a bulk call whatever it carries, and 1 for each
 * look at its job (joor.md §1.6, §2.1). Fewer, fuller calls and fewer looks are the savings.
 */
class ConnectionWriterTest {

  @Test
  void after_the_first_jobs_it_looks_at_each_job_about_once_when_the_job_should_be_done() {
    try (var joor =
            TestJoor.start(
                JoorSandboxSettings.defaults().withBulkJobDelay(Duration.ofMillis(600)));
        var client =
            joor.client(
                joor.config()
                    .withBulk(
                        new JoorConfig.Bulk(
                            500,
                            Duration.ZERO,
                            Duration.ZERO,
                            Duration.ofMillis(100),
                            Duration.ofSeconds(2),
                            Duration.ofSeconds(30))),
                Limiter.unlimited())) {
      var looksAfter = new ArrayList<Integer>();
      for (var job = 0; job < 8; job++) {
        client.connectionWriter().upsert(JoorConnectionsTest.customer("50" + job, "Wholesale"));
        looksAfter.add(joor.served("GET", "/v2/bulk-connection/.*"));
      }

      var lastFour = looksAfter.get(7) - looksAfter.get(3);
      // Looking from 100 ms on and backing off, each 600 ms job takes 4 looks or more (16 for
      // four); aimed at when the last jobs were done, about one each, a near miss now and then.
      assertThat(lastFour)
          .as("looks at the last four jobs, after %s", looksAfter)
          .isLessThanOrEqualTo(8);
    }
  }

  @Test
  void writes_that_keep_coming_share_one_call_though_they_span_more_than_the_linger()
      throws Exception {
    try (var joor = TestJoor.start(JoorSandboxSettings.defaults().withBulkJobDelay(Duration.ZERO));
        var client =
            joor.client(
                joor.config()
                    .withBulk(
                        new JoorConfig.Bulk(
                            500,
                            Duration.ofSeconds(2),
                            Duration.ofSeconds(10),
                            Duration.ofMillis(20),
                            Duration.ofMillis(200),
                            Duration.ofSeconds(30))),
                Limiter.unlimited());
        var arrivals = Executors.newScheduledThreadPool(5)) {
      var written = new ArrayList<CompletableFuture<UpsertedConnection>>();
      // Five writes 0.7 s apart: 2.8 s from the first to the last, each within 2 s of the one
      // before. A linger counted from the first write would split them into two calls.
      for (var i = 0; i < 5; i++) {
        var code = "60" + i;
        var result = new CompletableFuture<UpsertedConnection>();
        written.add(result);
        arrivals.schedule(
            () -> {
              try {
                result.complete(
                    client
                        .connectionWriter()
                        .upsert(JoorConnectionsTest.customer(code, "Wholesale")));
              } catch (RuntimeException e) {
                result.completeExceptionally(e);
              }
            },
            700L * i,
            TimeUnit.MILLISECONDS);
      }
      for (var result : written) {
        assertThat(result.get(30, TimeUnit.SECONDS).status()).isEqualTo(ConnectionStatus.PENDING);
      }

      assertThat(joor.served("POST", "/v2/bulk-connection")).as("bulk calls").isEqualTo(1);
    }
  }
}
