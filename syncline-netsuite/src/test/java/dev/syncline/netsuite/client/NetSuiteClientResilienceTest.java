package dev.syncline.netsuite.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.RetryableSyncException;
import dev.syncline.sandbox.common.Faults;
import dev.syncline.sandbox.netsuite.NetSuiteSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class NetSuiteClientResilienceTest {

  private static final String RECORDS = ".*/services/rest/record/v1/.*";
  private SandboxFixture fixture;

  @BeforeEach
  void start() {
    fixture = new SandboxFixture();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private static String unavailable() {
    return "{\"type\":\"https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.5.4\",\"title\":\"Service Unavailable\",\"status\":503,\"o:errorDetails\":[{\"detail\":\"Down for maintenance\",\"o:errorCode\":\"UNEXPECTED_ERROR\"}]}";
  }

  @Test
  void fifty_callers_against_a_limit_of_five_all_succeed_and_never_pass_it() throws Exception {
    fixture.sandbox.settings(s -> s.withConcurrencyLimit(5));
    fixture.sandbox.latency().set("*", ".*/services/rest/.*", Duration.ofMillis(15));
    var client = fixture.client(fixture.config(5));
    fixture.account().resetGovernance();

    var results = new ArrayList<Future<String>>();
    try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int caller = 0; caller < 50; caller++) {
        var id = Integer.toString(1 + caller);
        results.add(
            callers.submit(() -> {
              client.get("customer", id, NetSuiteClient.GetOptions.expanded());
              client.suiteQl("SELECT id FROM customer WHERE id = " + id, 1, 0);
              return client
                  .get("customer", id, NetSuiteClient.GetOptions.plain())
                  .path("id")
                  .asString();
            }));
      }
    }

    for (int caller = 0; caller < 50; caller++) {
      assertThat(results.get(caller).get()).isEqualTo(Integer.toString(1 + caller));
    }
    var governance = fixture.account().governance();
    assertThat(governance.admitted()).isEqualTo(150);
    assertThat(governance.refused()).isZero();
    assertThat(governance.peak()).isBetween(2, 5);
    assertThat(
            fixture
                .meters
                .timer(
                    "syncline.remote.requests",
                    "system",
                    "netsuite",
                    "account",
                    SandboxFixture.ACCOUNT,
                    "operation",
                    "record.get",
                    "status",
                    "200")
                .count())
        .isEqualTo(100);
    assertThat(fixture.meters.get("syncline.remote.in.flight").gauge().value()).isZero();
  }

  @Test
  void the_sandbox_refuses_what_passes_its_limit_and_the_client_retries_it() {
    fixture.sandbox.settings(s -> s.withConcurrencyLimit(1));
    fixture.sandbox.latency().set("GET", RECORDS, Duration.ofMillis(300));
    // Enough patience to outlast the slow call that holds the account's only place.
    var patient =
        new dev.syncline.core.remote.RemoteRetry(10, Duration.ofMillis(50), Duration.ofMillis(200));
    var slow = fixture.client(fixture.config(5).withRetry(patient));
    try (var background = Executors.newVirtualThreadPerTaskExecutor()) {
      var first =
          background.submit(() -> slow.get("customer", "1", NetSuiteClient.GetOptions.plain()));
      org.awaitility.Awaitility.await().until(() -> fixture.account().governance().inFlight() == 1);

      var second = slow.suiteQl("SELECT id FROM customer WHERE id = 2", 1, 0);

      assertThat(second.rows()).hasSize(1);
      assertThat(fixture.account().governance().refused()).isPositive();
      assertThat(fixture.sandbox.requestLog().matching(r -> r.status() == 429).getFirst().details())
          .containsEntry("governance", "over the concurrency limit of 1");
      first.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void overload_answered_as_invalid_login_is_tried_once_more_then_named_a_login_problem() {
    fixture.sandbox.settings(s ->
        s.withConcurrencyLimit(1)
            .withOverloadAnswer(NetSuiteSettings.OverloadAnswer.INVALID_LOGIN));
    fixture.sandbox.latency().set("GET", RECORDS, Duration.ofMillis(1500));
    var client = fixture.client();
    try (var background = Executors.newVirtualThreadPerTaskExecutor()) {
      var slow =
          background.submit(() -> client.get("customer", "1", NetSuiteClient.GetOptions.plain()));
      org.awaitility.Awaitility.await().until(() -> fixture.account().governance().inFlight() == 1);

      assertThatThrownBy(() -> client.suiteQl("SELECT id FROM customer WHERE id = 2", 1, 0))
          .isInstanceOf(PermanentSyncException.ConfigurationProblem.class)
          .hasMessageContaining("INVALID_LOGIN");
      assertThat(fixture.account().governance().refused()).isEqualTo(2);
      slow.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void a_server_error_is_retried_until_netsuite_answers() {
    fixture.sandbox.faults().failNext("GET", RECORDS, 2, Faults.Fault.status(503, unavailable()));
    var client = fixture.client();

    var term = client.get("term", "1", NetSuiteClient.GetOptions.plain());

    assertThat(term.path("name").asString()).isEqualTo("Net 30");
    assertThat(fixture.sandbox.requestLog().all())
        .extracting(r -> r.status())
        .containsExactly(503, 503, 200);
    assertThat(
            fixture
                .meters
                .timer(
                    "syncline.remote.requests",
                    "system",
                    "netsuite",
                    "account",
                    SandboxFixture.ACCOUNT,
                    "operation",
                    "record.get",
                    "status",
                    "503")
                .count())
        .isEqualTo(2);
    assertThat(
            fixture
                .meters
                .counter(
                    "syncline.remote.retries",
                    "system",
                    "netsuite",
                    "account",
                    SandboxFixture.ACCOUNT,
                    "operation",
                    "record.get",
                    "cause",
                    "RemoteUnavailable")
                .count())
        .isEqualTo(2);
    assertThat(fixture.meters.find("syncline.remote.errors").counters())
        .as("the call succeeded in the end")
        .isEmpty();
  }

  @Test
  void a_server_error_that_lasts_is_retryable_for_the_engine() {
    fixture.sandbox.faults().failNext("GET", RECORDS, 10, Faults.Fault.status(503, unavailable()));
    var client = fixture.client();

    assertThatThrownBy(() -> client.get("term", "1", NetSuiteClient.GetOptions.plain()))
        .isInstanceOf(RetryableSyncException.RemoteUnavailable.class)
        .hasMessageContaining("Down for maintenance");
    assertThat(fixture.sandbox.requestLog().all()).hasSize(4);
  }

  @Test
  void retry_after_is_honoured_when_netsuite_sends_it() {
    fixture
        .sandbox
        .faults()
        .failNext(
            "GET",
            RECORDS,
            1,
            new Faults.Fault(429, "{}", Map.of("Retry-After", "1"), Duration.ZERO));
    var patient =
        new dev.syncline.core.remote.RemoteRetry(3, Duration.ofMillis(10), Duration.ofSeconds(2));
    var client = fixture.client(fixture.config(5).withRetry(patient));
    var started = System.nanoTime();

    client.get("term", "1", NetSuiteClient.GetOptions.plain());

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(fixture.sandbox.requestLog().all())
        .extracting(r -> r.status())
        .containsExactly(429, 200);
  }

  @Test
  void a_retry_after_longer_than_an_in_call_wait_goes_to_the_engine() {
    fixture
        .sandbox
        .faults()
        .failNext(
            "GET",
            RECORDS,
            1,
            new Faults.Fault(429, "{}", Map.of("Retry-After", "30"), Duration.ZERO));
    var client = fixture.client();

    assertThatThrownBy(() -> client.get("term", "1", NetSuiteClient.GetOptions.plain()))
        .isInstanceOfSatisfying(
            RetryableSyncException.RateLimited.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(30)));
    assertThat(fixture.sandbox.requestLog().all()).hasSize(1);
  }

  @Test
  void a_dropped_connection_is_retried_for_a_read_but_not_for_a_create() {
    var client = fixture.client();
    fixture.sandbox.faults().failNext("GET", RECORDS, 2, Faults.Fault.connectionReset());
    fixture.sandbox.faults().failNext("POST", RECORDS, 1, Faults.Fault.connectionReset());

    var term = client.get("term", "2", NetSuiteClient.GetOptions.plain());
    var body = JsonMapper.builder().build().readTree("{\"companyName\":\"Maybe Created\"}");
    fixture.account().resetGovernance();

    assertThat(term.path("name").asString()).isEqualTo("Net 60");
    assertThatThrownBy(() -> client.create("customer", body))
        .isInstanceOfSatisfying(
            RetryableSyncException.RemoteUnavailable.class,
            e -> assertThat(e.mayHaveApplied()).as("NetSuite may have created it").isTrue())
        .hasMessageContaining("lost the connection");
    // Counted on arrival, before the connection was dropped; the log only notes a request once
    // done.
    assertThat(fixture.account().governance().admitted()).isEqualTo(1);
  }

  @Test
  void a_slow_answer_times_out_as_retryable() {
    fixture
        .sandbox
        .faults()
        .failNext(
            "GET",
            RECORDS,
            10,
            new Faults.Fault(503, unavailable(), Map.of(), Duration.ofSeconds(2)));
    var client =
        fixture.client(
            fixture
                .config(5)
                .withRequestTimeout(Duration.ofMillis(300))
                .withRetry(
                    new dev.syncline.core.remote.RemoteRetry(
                        2, Duration.ofMillis(10), Duration.ofMillis(20))));

    assertThatThrownBy(() -> client.get("term", "1", NetSuiteClient.GetOptions.plain()))
        .isInstanceOf(RetryableSyncException.RemoteUnavailable.class)
        .hasMessageContaining("timed out");
  }

  @Test
  void a_refused_request_is_not_retried() {
    var client = fixture.client();

    assertThatThrownBy(() -> client.list("customer", Optional.of("companyName IS"), 10, 0))
        .isInstanceOf(PermanentSyncException.RemoteRejected.class)
        .hasMessageContaining("INVALID_PARAMETER");
    assertThat(fixture.sandbox.requestLog().all()).hasSize(1);
  }

  @Test
  void a_non_json_answer_is_named_as_such() {
    fixture
        .sandbox
        .faults()
        .failNext(
            "GET",
            RECORDS,
            1,
            new Faults.Fault(200, "<html>maintenance</html>", Map.of(), Duration.ZERO));
    var client = fixture.client();

    assertThatThrownBy(() -> client.get("term", "1", NetSuiteClient.GetOptions.plain()))
        .isInstanceOf(PermanentSyncException.class)
        .hasMessageContaining("not JSON")
        .hasMessageContaining("<html>maintenance</html>");
  }
}
