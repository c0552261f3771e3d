package dev.syncline.sandbox.joor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncline.sandbox.common.SandboxClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writes that JOOR applies and whose answer is then lost, through the control API. */
class JoorLostAnswersTest {

  // The shape of v2's answers (joor.md §1.4); JOOR's own 5xx body is not in the research.
  private static final String BAD_GATEWAY =
      "{\\\"response\\\":{\\\"code\\\":502,\\\"comment\\\":\\\"Bad Gateway\\\",\\\"log_id\\\":\\\"\\\"}}";

  private final SandboxClock clock =
      new SandboxClock(InstantSource.fixed(Instant.parse("2026-03-02T09:00:00Z")));
  private JoorSandbox sandbox;
  private Http http;
  private Http control;

  @BeforeEach
  void start() {
    sandbox =
        JoorSandbox.start(
            "127.0.0.1", 0, clock, JoorSandboxSettings.defaults().withBulkJobDelay(Duration.ZERO));
    sandbox.seedDemo();
    http = new Http(sandbox.baseUrl()).v2Token(JoorGatewayTest.US_TOKEN);
    control = new Http(sandbox.baseUrl());
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private static String connection(String code) {
    return JoorConnectionsTest.connection(code, "Wholesale", "NET30", "MAIN")
        .replace("Shop " + code, "Boutique Ærø 🧵 " + code);
  }

  private String name(String code) {
    var found = http.get("/v2/connection/customer_code/" + code);
    assertThat(found.status()).as("connection " + code + " exists").isEqualTo(200);
    return found
        .body()
        .path("connections")
        .path("connections")
        .path("connection")
        .path(0)
        .path("customer_name")
        .asString();
  }

  @Test
  void a_bulk_create_behind_a_reset_still_runs_its_job() {
    var added =
        control.post(
            "/_sandbox/faults",
            "{\"method\":\"POST\",\"path\":\"/v2/bulk-connection\",\"times\":-1,\"reset\":true,"
                + "\"afterHandling\":true}");
    assertThat(added.status()).isEqualTo(201);

    assertThatThrownBy(() ->
            http.post(
                "/v2/bulk-connection",
                "{\"bulk_connections\": {\"connection\": [" + connection("40") + "]}}"))
        .hasCauseInstanceOf(IOException.class);

    assertThat(name("40")).isEqualTo("Boutique Ærø 🧵 40");
    assertThat(sandbox.requestLog().matching(r -> r.method().equals("POST")))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.status()).as("the job was queued").isEqualTo(202);
          assertThat(r.details()).containsEntry("answerLost", "reset");
        });
  }

  @Test
  void a_create_answered_with_a_502_was_applied_so_a_blind_retry_is_a_duplicate() {
    control.post(
        "/_sandbox/faults",
        "{\"method\":\"POST\",\"path\":\"/v2/connection/\",\"times\":1,\"status\":502,\"body\":\""
            + BAD_GATEWAY
            + "\",\"afterHandling\":true}");

    var lost = http.post("/v2/connection/", "{\"connection\": " + connection("41") + "}");
    var retried = http.post("/v2/connection/", "{\"connection\": " + connection("41") + "}");

    assertThat(lost.status()).isEqualTo(502);
    assertThat(lost.body().path("response").path("comment").asString()).isEqualTo("Bad Gateway");
    assertThat(name("41")).isEqualTo("Boutique Ærø 🧵 41");
    assertThat(retried.status()).isEqualTo(409);
  }

  @Test
  void reads_and_other_paths_keep_their_answers() {
    control.post(
        "/_sandbox/faults",
        "{\"method\":\"POST\",\"path\":\"/v2/connection/\",\"times\":-1,\"status\":503,"
            + "\"afterHandling\":true}");

    var read = http.get("/v2/connection/customer_code/3");
    var bulk =
        http.post(
            "/v2/bulk-connection",
            "{\"bulk_connections\": {\"connection\": [" + connection("42") + "]}}");

    assertThat(read.status()).isEqualTo(200);
    assertThat(bulk.status()).isEqualTo(202);
  }

  @Test
  void the_same_seed_loses_the_same_answers_and_every_connection_is_created() {
    var first = new ArrayList<Integer>();
    var second = new ArrayList<Integer>();
    var round = 0;
    for (var statuses : List.of(first, second)) {
      sandbox.faults().clear();
      control.post(
          "/_sandbox/faults",
          "{\"method\":\"POST\",\"path\":\"/v2/connection/\",\"probability\":0.5,\"seed\":3,"
              + "\"status\":500,\"afterHandling\":true}");
      for (int i = 0; i < 12; i++) {
        var code = "5" + round + i;
        statuses.add(
            http.post("/v2/connection/", "{\"connection\": " + connection(code) + "}").status());
      }
      round++;
    }

    assertThat(first).isEqualTo(second).contains(201, 500);
    for (var r = 0; r < 2; r++) {
      for (int i = 0; i < 12; i++) {
        assertThat(name("5" + r + i)).endsWith(" 5" + r + i);
      }
    }
  }
}
