package dev.syncline.sandbox.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxHttpTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicInteger applied = new AtomicInteger();
  private Harness harness;
  private Javalin server;

  @BeforeEach
  void start() {
    harness =
        Harness.create(
            new SandboxClock(InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"))));
    server =
        SandboxHttp.start(
            "127.0.0.1",
            0,
            harness,
            config -> {
              config.routes.get(
                  "/api/things/{id}",
                  ctx -> {
                    SandboxHttp.account(ctx, "ACME");
                    SandboxHttp.cost(ctx, 1);
                    SandboxHttp.detail(ctx, "id", ctx.pathParam("id"));
                    ctx.json(java.util.Map.of("id", ctx.pathParam("id")));
                  });
              config.routes.post(
                  "/api/things",
                  ctx -> {
                    if (ctx.body().isBlank()) {
                      ctx.status(400).result("a thing needs a body");
                      return;
                    }
                    var id = applied.incrementAndGet();
                    ctx.status(201)
                        .header("Location", "/api/things/" + id)
                        .json(
                            java.util.Map.of(
                                "id", id, "name", "Crème brûlée 🍮 ".repeat(ctx.body().length())));
                  });
            });
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void logs_each_request_with_its_account_cost_and_details_but_not_control_requests()
      throws Exception {
    send("GET", "/api/things/7?x=1", null);
    send("GET", "/_sandbox/requests", null);

    assertThat(harness.requestLog().all())
        .singleElement()
        .satisfies(r -> {
          assertThat(r.method()).isEqualTo("GET");
          assertThat(r.path()).isEqualTo("/api/things/7");
          assertThat(r.query()).isEqualTo("x=1");
          assertThat(r.status()).isEqualTo(200);
          assertThat(r.account()).isEqualTo("ACME");
          assertThat(r.cost()).isEqualTo(1);
          assertThat(r.details()).containsEntry("id", "7");
        });
    assertThat(send("GET", "/_sandbox/requests?after=0", null).body())
        .contains("\"/api/things/7\"");
  }

  @Test
  void fails_the_next_matching_requests_as_told_then_serves_normally() throws Exception {
    var added =
        send(
            "POST",
            "/_sandbox/faults",
            "{\"method\":\"GET\",\"path\":\"/api/things/.*\",\"times\":2,\"status\":503,"
                + "\"body\":\"{\\\"error\\\":\\\"down\\\"}\",\"headers\":{\"Retry-After\":\"3\"}}");
    assertThat(added.statusCode()).isEqualTo(201);

    var first = send("GET", "/api/things/1", null);
    var second = send("GET", "/api/things/2", null);
    var third = send("GET", "/api/things/3", null);

    assertThat(first.statusCode()).isEqualTo(503);
    assertThat(first.body()).isEqualTo("{\"error\":\"down\"}");
    assertThat(first.headers().firstValue("Retry-After")).contains("3");
    assertThat(second.statusCode()).isEqualTo(503);
    assertThat(third.statusCode()).isEqualTo(200);
    assertThat(harness.requestLog().all())
        .extracting(LoggedRequest::status)
        .containsExactly(503, 503, 200);
  }

  @Test
  void delays_matching_requests_by_their_latency() throws Exception {
    harness.latency().set("GET", "/api/things/.*", Duration.ofMillis(120));
    var nanos = System.nanoTime();

    send("GET", "/api/things/1", null);

    assertThat(Duration.ofNanos(System.nanoTime() - nanos))
        .isGreaterThanOrEqualTo(Duration.ofMillis(120));
  }

  @Test
  void the_control_api_moves_the_clock_and_sets_latency() throws Exception {
    var moved = send("POST", "/_sandbox/clock", "{\"advanceSeconds\":3600}");
    var latency =
        send(
            "PUT",
            "/_sandbox/latency",
            "[{\"method\":\"*\",\"path\":\"/api/.*\",\"delayMillis\":5}]");

    assertThat(moved.body()).contains("2026-01-01T01:00:00Z");
    assertThat(harness.clock().instant()).isEqualTo(Instant.parse("2026-01-01T01:00:00Z"));
    assertThat(latency.statusCode()).isEqualTo(204);
    assertThat(harness.latency().rules())
        .singleElement()
        .satisfies(r -> assertThat(r.delay()).isEqualTo(Duration.ofMillis(5)));
  }

  @Test
  void a_reset_fault_drops_the_connection_without_an_answer() throws Exception {
    // Two, because the JDK client quietly retries an idempotent request once on a dropped
    // connection.
    harness.faults().failNext("GET", "/api/things/.*", 2, Faults.Fault.connectionReset());

    assertThatThrownBy(() -> send("GET", "/api/things/1", null)).isInstanceOf(IOException.class);
    assertThat(send("GET", "/api/things/2", null).statusCode()).isEqualTo(200);
  }

  @Test
  void the_same_seed_fails_the_same_share_of_requests() throws Exception {
    var first = new ArrayList<Integer>();
    var second = new ArrayList<Integer>();
    for (var statuses : List.of(first, second)) {
      harness.faults().clear();
      send(
          "POST",
          "/_sandbox/faults",
          "{\"path\":\"/api/.*\",\"probability\":0.5,\"seed\":42,\"status\":503}");
      for (int i = 0; i < 20; i++) {
        statuses.add(send("GET", "/api/things/" + i, null).statusCode());
      }
    }

    assertThat(first).isEqualTo(second).contains(200, 503);
  }

  @Test
  void latency_with_a_p95_spreads_around_its_median() {
    harness.latency().seed(7);
    harness.latency().set("GET", "/api/.*", Duration.ofMillis(100), Duration.ofMillis(400));

    var draws = new ArrayList<Duration>();
    for (int i = 0; i < 400; i++) {
      draws.add(harness.latency().of("GET", "/api/things/1"));
    }

    var sorted = draws.stream().sorted().toList();
    assertThat(sorted.get(200)).isBetween(Duration.ofMillis(80), Duration.ofMillis(125));
    assertThat(sorted.get(380)).isBetween(Duration.ofMillis(280), Duration.ofMillis(560));
  }

  @Test
  void the_admission_answers_for_requests_it_refuses_and_hears_when_admitted_ones_end()
      throws Exception {
    server.stop();
    var inFlight = new java.util.concurrent.atomic.AtomicInteger();
    var ended = new java.util.concurrent.atomic.AtomicInteger();
    server =
        SandboxHttp.start(
            "127.0.0.1",
            0,
            harness,
            ctx -> {
              if (ctx.path().endsWith("/refused")) {
                ctx.status(429).result("busy");
                return java.util.Optional.empty();
              }
              inFlight.incrementAndGet();
              return java.util.Optional.of(ended::incrementAndGet);
            },
            config -> config.routes.get("/api/{what}", ctx -> ctx.result("ok")));

    var refused = send("GET", "/api/refused", null);
    var served = send("GET", "/api/fine", null);

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.body()).isEqualTo("busy");
    assertThat(served.body()).isEqualTo("ok");
    assertThat(inFlight).hasValue(1);
    assertThat(ended).hasValue(1);
    assertThat(harness.requestLog().all())
        .extracting(LoggedRequest::status)
        .containsExactly(429, 200);
  }

  @Test
  void bad_control_input_is_a_400_that_changes_nothing() throws Exception {
    var badJson = send("POST", "/_sandbox/faults", "{not json");
    var badRegex = send("PUT", "/_sandbox/latency", "[{\"path\":\"([\",\"delayMillis\":5}]");

    assertThat(badJson.statusCode()).isEqualTo(400);
    assertThat(badJson.body()).contains("Bad control request");
    assertThat(badRegex.statusCode()).isEqualTo(400);
    assertThat(harness.faults().rules()).isEmpty();
    assertThat(harness.latency().rules()).isEmpty();
  }

  @Test
  void a_reset_after_handling_applies_the_write_and_drops_the_connection() throws Exception {
    var added =
        send(
            "POST",
            "/_sandbox/faults",
            "{\"method\":\"POST\",\"path\":\"/api/things\",\"reset\":true,\"afterHandling\":true}");
    assertThat(added.statusCode()).isEqualTo(201);

    send("GET", "/api/things/0", null);

    // A long answer, as a bulk write's is: more than the connection takes before it is written.
    assertThatThrownBy(() -> send("POST", "/api/things", "{\"name\":\"Café ☕\"}".repeat(2_000)))
        .isInstanceOf(IOException.class);

    assertThat(applied).hasValue(1);
    assertThat(harness.requestLog().matching(r -> r.method().equals("POST")))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.status()).as("what the sandbox did").isEqualTo(201);
          assertThat(r.details()).containsEntry("answerLost", "reset");
        });
    assertThat(send("POST", "/api/things", "{}").statusCode()).isEqualTo(201);
    assertThat(applied).hasValue(2);
  }

  @Test
  void a_5xx_after_handling_replaces_the_answer_and_its_headers() throws Exception {
    harness
        .faults()
        .failNext(
            "POST",
            "/api/things",
            1,
            Faults.Fault.status(503, "{\"error\":\"down\"}").onceHandled());

    var answer = send("POST", "/api/things", "{}");

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.body()).isEqualTo("{\"error\":\"down\"}");
    assertThat(answer.headers().firstValue("Location")).isEmpty();
    assertThat(applied).hasValue(1);
  }

  @Test
  void a_late_answer_after_handling_outlasts_the_clients_timeout_and_then_ends() throws Exception {
    harness
        .faults()
        .failNext(
            "POST", "/api/things", 1, Faults.Fault.delay(Duration.ofSeconds(2)).onceHandled());
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/things"))
            .timeout(Duration.ofMillis(300))
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();

    assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.net.http.HttpTimeoutException.class);

    await().atMost(Duration.ofSeconds(10)).until(() -> applied.get() == 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> harness.requestLog().all().size() == 1);
    assertThat(harness.requestLog().all().getFirst().details())
        .containsEntry("answerLost", "late after 2000 ms");
  }

  @Test
  void a_fault_after_handling_leaves_other_methods_and_paths_and_refusals_alone() throws Exception {
    harness
        .faults()
        .failNext("POST", "/api/things", -1, Faults.Fault.status(502, "").onceHandled());

    var read = send("GET", "/api/things/1", null);
    var refused = send("POST", "/api/things", "");
    var lost = send("POST", "/api/things", "{}");

    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).isEqualTo("a thing needs a body");
    assertThat(lost.statusCode()).isEqualTo(502);
    assertThat(applied).hasValue(1);
  }

  @Test
  void the_same_seed_loses_the_same_answers_and_every_write_is_applied() throws Exception {
    var first = new ArrayList<Integer>();
    var second = new ArrayList<Integer>();
    for (var statuses : List.of(first, second)) {
      harness.faults().clear();
      send(
          "POST",
          "/_sandbox/faults",
          "{\"method\":\"POST\",\"path\":\"/api/.*\",\"probability\":0.5,\"seed\":42,"
              + "\"status\":500,\"afterHandling\":true}");
      for (int i = 0; i < 20; i++) {
        statuses.add(send("POST", "/api/things", "{}").statusCode());
      }
    }

    assertThat(first).isEqualTo(second).contains(201, 500);
    assertThat(applied).hasValue(40);
  }

  @Test
  void a_fault_after_handling_that_would_not_lose_the_answer_is_refused() throws Exception {
    var notFound =
        send(
            "POST",
            "/_sandbox/faults",
            "{\"path\":\"/api/.*\",\"status\":404,\"afterHandling\":true}");
    var nothing = send("POST", "/_sandbox/faults", "{\"path\":\"/api/.*\",\"afterHandling\":true}");

    assertThat(notFound.statusCode()).isEqualTo(400);
    assertThat(notFound.body()).contains("answers a 5xx").contains("not 404");
    assertThat(nothing.statusCode()).isEqualTo(400);
    assertThat(nothing.body()).contains("needs a status (5xx)");
    assertThat(harness.faults().rules()).isEmpty();
  }
}
