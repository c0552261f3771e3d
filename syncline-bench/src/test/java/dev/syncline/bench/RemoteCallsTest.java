package dev.syncline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.sandbox.common.Latency;
import dev.syncline.sandbox.common.LoggedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RemoteCallsTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final List<Latency.Rule> LATENCY =
      List.of(
          new Latency.Rule(
              "*", Pattern.compile(".*/services/rest/record/v1/.*"), Duration.ofMillis(150)),
          new Latency.Rule(
              "POST",
              Pattern.compile(".*/services/rest/query/v1/suiteql"),
              Duration.ofMillis(400)));

  private long sequence;

  private LoggedRequest netsuite(String method, String path, String operation, int secondsIn) {
    return new LoggedRequest(
        ++sequence,
        T0.plusSeconds(secondsIn),
        T0.plusSeconds(secondsIn),
        method,
        "/1234567-sb1/services/rest" + path,
        "",
        200,
        "1234567_SB1",
        0,
        Map.of("operation", operation));
  }

  private LoggedRequest refused(int secondsIn) {
    return new LoggedRequest(
        ++sequence,
        T0.plusSeconds(secondsIn),
        T0.plusSeconds(secondsIn),
        "GET",
        "/1234567-sb1/services/rest/record/v1/customer/1",
        "",
        429,
        "1234567_SB1",
        0,
        Map.of("governance", "over the concurrency limit of 15"));
  }

  private LoggedRequest joor(String method, String path, int status, int cost) {
    return new LoggedRequest(++sequence, T0, T0, method, path, "", status, "4001", cost, Map.of());
  }

  @Test
  void netsuite_needs_the_summed_latency_of_its_calls_shared_among_the_allowed_concurrency() {
    var log = new ArrayList<LoggedRequest>();
    for (var i = 0; i < 60; i++) {
      log.add(netsuite("GET", "/record/v1/customer/" + i, "record.get", 1));
    }
    log.add(netsuite("POST", "/query/v1/suiteql", "suiteql", 0));
    log.add(netsuite("POST", "/query/v1/suiteql", "suiteql", 2));
    log.add(refused(1));

    var bound = new RemoteCalls(log, List.of()).bound(LATENCY, 15, 300, Duration.ofSeconds(300));

    assertThat(bound.netsuite())
        .as("(60 × 150 ms + 2 × 400 ms) / 15, the refused call costing nothing")
        .isEqualTo(Duration.ofNanos(Duration.ofMillis(60 * 150 + 2 * 400).toNanos() / 15));
    assertThat(bound.joor()).isZero();
    assertThat(bound.value()).isEqualTo(bound.netsuite());
  }

  @Test
  void a_single_call_cannot_take_less_than_its_own_latency_however_high_the_limit() {
    var log = List.of(netsuite("POST", "/query/v1/suiteql", "suiteql", 0));

    var bound = new RemoteCalls(log, List.of()).bound(LATENCY, 100, 300, Duration.ofSeconds(300));

    assertThat(bound.netsuite()).isEqualTo(Duration.ofMillis(400));
  }

  @Test
  void joor_credits_beyond_one_budget_wait_for_the_next_windows() {
    assertThat(RemoteCalls.joorBound(0, 300, Duration.ofSeconds(300))).isZero();
    assertThat(RemoteCalls.joorBound(300, 300, Duration.ofSeconds(300)))
        .as("one window's budget is spent at once")
        .isZero();
    assertThat(RemoteCalls.joorBound(301, 300, Duration.ofSeconds(300)))
        .isEqualTo(Duration.ofSeconds(300));
    assertThat(RemoteCalls.joorBound(910, 300, Duration.ofSeconds(30)))
        .isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void counts_what_each_system_was_asked_and_what_it_refused() {
    var netsuite =
        List.of(
            netsuite("GET", "/record/v1/customer/1", "record.get", 0),
            netsuite("PATCH", "/record/v1/customer/1", "record.update", 1),
            netsuite("POST", "/query/v1/suiteql", "suiteql", 2),
            refused(3));
    var joor =
        List.of(
            joor("POST", "/auth/", 200, 0),
            joor("POST", "/v2/bulk-connection", 200, 5),
            joor("GET", "/v2/bulk-connection/7", 200, 1),
            joor("GET", "/v2/connection/", 429, 0));

    var calls = new RemoteCalls(netsuite, joor);

    assertThat(calls.netsuiteCalls()).isEqualTo(3);
    assertThat(calls.netsuiteRefused()).isEqualTo(1);
    assertThat(calls.netsuiteWrites()).isEqualTo(1);
    assertThat(calls.netsuiteByOperation())
        .containsExactly(
            Map.entry("record.get", 1), Map.entry("record.update", 1), Map.entry("suiteql", 1));
    assertThat(calls.joorCalls()).as("the token endpoint is not JOOR's API").isEqualTo(3);
    assertThat(calls.joorWrites()).isEqualTo(1);
    assertThat(calls.joorCredits()).isEqualTo(6);
    assertThat(calls.joorRefused()).isEqualTo(1);
    assertThat(calls.describe())
        .isEqualTo(
            "NetSuite: record.get 1, record.update 1, suiteql 1 (1 refused); JOOR: 3 calls, 6"
                + " credits (1 refused)");
  }

  @Test
  void a_span_keeps_the_calls_that_began_in_it() {
    var log =
        List.of(
            netsuite("GET", "/record/v1/customer/1", "record.get", 0),
            netsuite("GET", "/record/v1/customer/2", "record.get", 5),
            netsuite("GET", "/record/v1/customer/3", "record.get", 10));

    var span = new RemoteCalls(log, List.of()).startedBetween(T0, T0.plusSeconds(10));

    assertThat(span.netsuiteCalls()).isEqualTo(2);
  }
}
