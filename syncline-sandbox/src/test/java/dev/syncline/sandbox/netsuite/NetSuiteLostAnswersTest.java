package dev.syncline.sandbox.netsuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncline.sandbox.common.SandboxClock;
import dev.syncline.sandbox.common.SandboxHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writes that NetSuite applies and whose answer is then lost, through the control API. */
class NetSuiteLostAnswersTest {

  private static final String ACCOUNT = NetSuiteSettings.DEMO_ACCOUNT;
  private static final String CUSTOMERS = ".*/services/rest/record/v1/customer";
  // netsuite-api.md §5: the error body's shape; UNEXPECTED_ERROR is its 500 code.
  private static final String UNEXPECTED =
      "{\\\"type\\\":\\\"https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.5.1\\\","
          + "\\\"title\\\":\\\"Internal Server Error\\\",\\\"status\\\":500,\\\"o:errorDetails\\\":"
          + "[{\\\"detail\\\":\\\"An unexpected error occurred.\\\","
          + "\\\"o:errorCode\\\":\\\"UNEXPECTED_ERROR\\\"}]}";

  private final HttpClient http = HttpClient.newHttpClient();
  private NetSuiteSandbox sandbox;
  private TbaRequests tba;

  @BeforeEach
  void start() {
    sandbox =
        NetSuiteSandbox.start(
            NetSuiteSettings.defaults(),
            new SandboxClock(InstantSource.fixed(Instant.parse("2026-03-02T10:15:30Z"))));
    DemoData.referenceData(sandbox.account(ACCOUNT));
    tba = new TbaRequests(sandbox, ACCOUNT);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private int fault(String json) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/_sandbox/faults"))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private HttpResponse<String> create(String externalId) throws Exception {
    return tba.send(
        "POST",
        "/record/v1/customer",
        "{\"companyName\":\"Café Ünal 🍰 "
            + externalId
            + "\",\"externalId\":\""
            + externalId
            + "\"}");
  }

  /** Found over HTTP; its name read as stored, since it is the write that is under test. */
  private String companyName(String externalId) throws Exception {
    var found = tba.send("GET", "/record/v1/customer/eid:" + externalId, null);
    assertThat(found.statusCode()).as(externalId + " was created").isEqualTo(200);
    var id = SandboxHttp.JSON.readTree(found.body()).path("id").asLong();
    return sandbox
        .account(ACCOUNT)
        .find("customer", id)
        .orElseThrow()
        .path("companyName")
        .asString();
  }

  @Test
  void a_customer_created_behind_a_reset_is_there_when_read_back() throws Exception {
    assertThat(
            fault(
                "{\"method\":\"POST\",\"path\":\""
                    + CUSTOMERS
                    + "\",\"times\":-1,\"reset\":true,\"afterHandling\":true}"))
        .isEqualTo(201);

    assertThatThrownBy(() -> create("LOST-1")).isInstanceOf(IOException.class);

    assertThat(companyName("LOST-1")).isEqualTo("Café Ünal 🍰 LOST-1");
  }

  @Test
  void an_edit_answered_with_a_500_was_applied_and_other_methods_are_untouched() throws Exception {
    var created = create("EDITED-1");
    var location = created.headers().firstValue("Location").orElseThrow();
    var id = location.substring(location.lastIndexOf('/') + 1);
    fault(
        "{\"method\":\"PATCH\",\"path\":\""
            + CUSTOMERS
            + "/.*\",\"times\":-1,\"status\":500,\"body\":\""
            + UNEXPECTED
            + "\",\"afterHandling\":true}");

    var patched = tba.send("PATCH", "/record/v1/customer/" + id, "{\"companyName\":\"Édité ✅\"}");
    var another = create("UNTOUCHED-1");

    assertThat(patched.statusCode()).isEqualTo(500);
    assertThat(patched.body()).contains("UNEXPECTED_ERROR");
    assertThat(companyName("EDITED-1")).isEqualTo("Édité ✅");
    assertThat(another.statusCode()).isEqualTo(204);
    assertThat(another.headers().firstValue("Location")).isPresent();
  }

  @Test
  void the_same_seed_loses_the_same_answers_and_every_customer_is_created() throws Exception {
    var first = new ArrayList<Integer>();
    var second = new ArrayList<Integer>();
    for (var statuses : List.of(first, second)) {
      sandbox.faults().clear();
      fault(
          "{\"method\":\"POST\",\"path\":\""
              + CUSTOMERS
              + "\",\"probability\":0.5,\"seed\":11,\"status\":503,\"afterHandling\":true}");
      for (int i = 0; i < 12; i++) {
        statuses.add(create("SEEDED-" + (first == statuses ? "A" : "B") + i).statusCode());
      }
    }

    assertThat(first).isEqualTo(second).contains(204, 503);
    for (int i = 0; i < 12; i++) {
      assertThat(companyName("SEEDED-A" + i)).endsWith("SEEDED-A" + i);
      assertThat(companyName("SEEDED-B" + i)).endsWith("SEEDED-B" + i);
    }
  }
}
