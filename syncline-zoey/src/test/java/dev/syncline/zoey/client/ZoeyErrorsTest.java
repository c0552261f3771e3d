package dev.syncline.zoey.client;

import static dev.syncline.zoey.client.ZoeyFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.syncline.core.PermanentSyncException.ConfigurationProblem;
import dev.syncline.core.PermanentSyncException.MissingInRemote;
import dev.syncline.core.PermanentSyncException.RemoteRejected;
import dev.syncline.core.RetryableSyncException.RateLimited;
import dev.syncline.core.RetryableSyncException.RemoteUnavailable;
import dev.syncline.core.limit.Limiter;
import dev.syncline.sandbox.common.Faults;
import dev.syncline.sandbox.zoey.ZoeySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoeyErrorsTest {

  private static final String UNAVAILABLE =
      "{\"messages\":{\"error\":[{\"code\":503,\"message\":\"Service temporarily unavailable.\"}]}}";

  @TempDir Path directory;
  private ZoeyFixture zoey;

  @BeforeEach
  void connect() {
    zoey = ZoeyFixture.connected(directory);
  }

  @AfterEach
  void stop() {
    zoey.close();
  }

  private double counted(String name, String... tags) {
    var counter = zoey.meters.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void a_read_goes_through_brief_outages_by_retrying() {
    zoey.sandbox
        .faults()
        .failNext("GET", "/api/rest/orders/1", 2, Faults.Fault.status(503, UNAVAILABLE));

    assertThat(zoey.client.orders().get("1").id()).isEqualTo("1");
    assertThat(zoey.requests("GET", "/api/rest/orders/1")).isEqualTo(3);
    assertThat(counted("syncline.remote.retries", "system", "zoey")).isEqualTo(2);
  }

  @Test
  void an_outage_longer_than_the_retries_is_retryable_with_zoeys_message() {
    zoey.sandbox
        .faults()
        .failNext("GET", "/api/rest/orders/1", 5, Faults.Fault.status(503, UNAVAILABLE));

    assertThatThrownBy(() -> zoey.client.orders().get("1"))
        .isInstanceOf(RemoteUnavailable.class)
        .hasMessageContaining("GET orders/1")
        .hasMessageContaining("Service temporarily unavailable.");
    assertThat(zoey.requests("GET", "/api/rest/orders/1")).isEqualTo(3);
    assertThat(counted("syncline.remote.errors", "cause", "RemoteUnavailable")).isEqualTo(1);
  }

  @Test
  void a_create_is_not_repeated_when_zoey_may_have_acted_on_it() {
    zoey.sandbox
        .faults()
        .failNext("POST", "/api/rest/products", 1, Faults.Fault.status(503, UNAVAILABLE));

    assertThatThrownBy(() ->
            zoey.client
                .products()
                .create(
                    json(
                        "{\"sku\":\"NEW-1\",\"type_id\":\"simple\",\"name\":\"New\",\"price\":\"5\"}")))
        .isInstanceOfSatisfying(
            RemoteUnavailable.class,
            e -> assertThat(e.mayHaveApplied()).as("Zoey may have made it").isTrue());
    assertThat(zoey.requests("POST", "/api/rest/products")).isEqualTo(1);
  }

  @Test
  void a_create_refused_for_the_rate_is_repeated_after_retry_after() {
    zoey.sandbox
        .faults()
        .failNext(
            "POST",
            "/api/rest/products",
            1,
            new Faults.Fault(
                429,
                "{\"messages\":{\"error\":[{\"code\":429,\"message\":\"Too many requests.\"}]}}",
                Map.of("Retry-After", "1"),
                Duration.ZERO));
    var started = System.nanoTime();

    var id =
        zoey.client
            .products()
            .create(
                json(
                    "{\"sku\":\"NEW-2\",\"type_id\":\"simple\",\"name\":\"New\",\"price\":\"5\"}"));

    assertThat(zoey.client.products().get(id).body().path("sku").asString()).isEqualTo("NEW-2");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(zoey.requests("POST", "/api/rest/products")).isEqualTo(2);
  }

  @Test
  void a_long_retry_after_goes_up_to_the_engine_at_once() {
    zoey.sandbox.settings(ZoeySettings.defaults().withRateLimit(2, Duration.ofMinutes(10)));
    zoey.client.orders().get("1");
    zoey.client.orders().get("1");

    var limited = catchThrowableOfType(RateLimited.class, () -> zoey.client.orders().get("1"));

    assertThat(limited.retryAfter())
        .hasValueSatisfying(wait ->
            assertThat(wait)
                .isGreaterThan(Duration.ofMinutes(9))
                .isLessThanOrEqualTo(Duration.ofMinutes(10).plusSeconds(1)));
    assertThat(zoey.requests("GET", "/api/rest/orders/1")).isEqualTo(3);
  }

  @Test
  void a_refused_request_carries_zoeys_own_message() {
    var refused =
        catchThrowableOfType(
            RemoteRejected.class,
            () ->
                zoey.client
                    .accounts()
                    .update("1", json("{\"net_terms\":{\"enabled\":true,\"days\":45}}")));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.getMessage())
        .contains("PUT companyAccounts/1", "Net Terms are Net 10, 15, 20, 30, 60, 90 or 120");
  }

  @Test
  void a_missing_record_and_a_denied_resource_are_told_apart() {
    zoey.sandbox
        .faults()
        .failNext(
            "GET",
            "/api/rest/invoices/1",
            1,
            Faults.Fault.status(
                403, "{\"messages\":{\"error\":[{\"code\":403,\"message\":\"Access denied.\"}]}}"));

    assertThatThrownBy(() -> zoey.client.orders().get("999"))
        .isInstanceOf(MissingInRemote.class)
        .hasMessageContaining("orders/999")
        .hasMessageContaining("Resource not found.");
    assertThatThrownBy(() -> zoey.client.invoices().get("1"))
        .isInstanceOf(ConfigurationProblem.class)
        .hasMessageContaining("Access denied.")
        .hasMessageContaining("Give the API user's role access");
  }

  @Test
  void a_page_that_is_not_json_points_at_the_base_url() {
    zoey.sandbox
        .faults()
        .failNext(
            "GET",
            "/api/rest/orders/1",
            1,
            Faults.Fault.status(200, "<html><body>Welcome to our store</body></html>"));

    assertThatThrownBy(() -> zoey.client.orders().get("1"))
        .isInstanceOf(ConfigurationProblem.class)
        .hasMessageContaining("not JSON")
        .hasMessageContaining("/api/rest");
  }

  @Test
  void a_request_zoey_does_not_answer_in_time_is_retryable() {
    var slow =
        zoey.newClient(
            zoey.config()
                .withRequestTimeout(Duration.ofMillis(300))
                .withRetries(dev.syncline.core.remote.RemoteRetry.once()));
    zoey.sandbox
        .faults()
        .failNext("GET", "/api/rest/orders/1", 1, Faults.Fault.delay(Duration.ofSeconds(2)));

    assertThatThrownBy(() -> slow.orders().get("1"))
        .isInstanceOf(RemoteUnavailable.class)
        .hasMessageContaining("Zoey timed out on GET orders/1");
  }

  @Test
  void an_unreachable_store_is_retryable_and_names_the_host() {
    zoey.close();

    assertThatThrownBy(() -> zoey.client.orders().get("1"))
        .isInstanceOfSatisfying(
            RemoteUnavailable.class,
            e ->
                assertThat(e.mayHaveApplied()).as("a refused connection reached nothing").isFalse())
        .hasMessageContaining("could not reach Zoey at 127.0.0.1");
    zoey = ZoeyFixture.connected(directory.resolve("again"));
  }

  @Test
  void every_call_takes_a_permit_and_is_timed_by_operation_and_status() {
    var permits = new AtomicInteger();
    Limiter counting =
        new Limiter() {
          @Override
          public Permit acquire(int units) {
            permits.addAndGet(units);
            return () -> {};
          }

          @Override
          public Optional<Permit> tryAcquire(int units, Duration timeout) {
            return Optional.of(acquire(units));
          }
        };
    var client = zoey.newClient(zoey.config(), counting);
    zoey.clock.advance(Duration.ofHours(2));

    client.orders().get("1");
    catchThrowableOfType(MissingInRemote.class, () -> client.orders().get("999"));

    assertThat(permits).hasValue(3);
    assertThat(
            zoey.meters
                .find("syncline.remote.requests")
                .tags("operation", "GET orders", "status", "200")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(
            zoey.meters
                .find("syncline.remote.requests")
                .tags("operation", "GET orders", "status", "404")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(
            zoey.meters
                .find("syncline.remote.requests")
                .tags("operation", "POST oauth_token")
                .timer()
                .count())
        .isEqualTo(2);
  }
}
