package dev.syncline.sandbox.zoey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncline.sandbox.common.SandboxClock;
import dev.syncline.sandbox.common.SandboxHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writes that Zoey applies and whose answer is then lost, through the control API. */
class ZoeyLostAnswersTest {

  // zoey.md §5.1: Zoey's error body, with the 500 its status codes list.
  private static final String SERVER_ERROR =
      "{\\\"messages\\\":{\\\"error\\\":[{\\\"code\\\":500,\\\"message\\\":\\\"Internal Error.\\\"}]}}";

  private final HttpClient http = HttpClient.newHttpClient();
  private final SandboxClock clock =
      new SandboxClock(InstantSource.fixed(Instant.parse("2026-03-02T09:00:00Z")));
  private ZoeySandbox zoey;
  private String token;

  @BeforeEach
  void start() throws Exception {
    zoey = ZoeySandbox.start("127.0.0.1", 0, clock);
    var grant =
        http.send(
            HttpRequest.newBuilder(zoey.tokenUrl())
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(
                                (ZoeySandbox.CLIENT_ID + ":" + ZoeySandbox.CLIENT_SECRET)
                                    .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "grant_type=refresh_token&refresh_token=" + zoey.issueRefreshToken()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    token = SandboxHttp.JSON.readTree(grant.body()).path("access_token").asString();
  }

  @AfterEach
  void stop() {
    zoey.close();
  }

  private HttpResponse<String> api(String method, String path, String body) throws Exception {
    return send(method, URI.create(zoey.baseUrl() + path), body);
  }

  private int fault(String json) throws Exception {
    var root = zoey.baseUrl().toString().replace("/api/rest", "");
    return send("POST", URI.create(root + "/_sandbox/faults"), json).statusCode();
  }

  private HttpResponse<String> send(String method, URI uri, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri)
            .header("Accept", "application/json")
            .header("Authorization", "Bearer " + token)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String name(String path) throws Exception {
    var found = api("GET", path, null);
    assertThat(found.statusCode()).as(path + " exists").isEqualTo(200);
    return SandboxHttp.JSON.readTree(found.body()).path("name").asString();
  }

  /** The id the next account gets: one past the demo store's accounts. */
  private int nextAccountId() throws Exception {
    var ids = SandboxHttp.JSON.readTree(api("GET", "/companyAccounts?limit=100", null).body());
    var last = 0;
    for (var a : ids) {
      last = Math.max(last, Integer.parseInt(a.path("entity_id").asString()));
    }
    return last + 1;
  }

  private static String account(String name) {
    return "{\"name\":\"" + name + "\",\"customer_group_id\":\"3\"}";
  }

  @Test
  void an_account_created_behind_a_reset_is_there_when_read_back() throws Exception {
    assertThat(
            fault(
                "{\"method\":\"POST\",\"path\":\"/api/rest/companyAccounts\",\"times\":-1,"
                    + "\"reset\":true,\"afterHandling\":true}"))
        .isEqualTo(201);
    var next = nextAccountId();

    assertThatThrownBy(() -> api("POST", "/companyAccounts", account("Crème Brûlée Co 🍮")))
        .isInstanceOf(IOException.class);

    assertThat(name("/companyAccounts/" + next)).isEqualTo("Crème Brûlée Co 🍮");
  }

  @Test
  void an_update_answered_with_a_500_was_applied_and_reads_keep_their_answers() throws Exception {
    fault(
        "{\"method\":\"PUT\",\"path\":\"/api/rest/products/.*\",\"times\":-1,\"status\":500,"
            + "\"body\":\""
            + SERVER_ERROR
            + "\",\"afterHandling\":true}");

    var updated = api("PUT", "/products/3", "{\"name\":\"Renommé ✨\"}");
    var created = api("POST", "/companyAccounts", account("Untouched"));

    assertThat(updated.statusCode()).isEqualTo(500);
    assertThat(updated.body()).contains("Internal Error.");
    assertThat(name("/products/3")).isEqualTo("Renommé ✨");
    assertThat(created.statusCode()).isEqualTo(201);
  }

  @Test
  void the_same_seed_loses_the_same_answers_and_every_account_is_created() throws Exception {
    var next = nextAccountId();
    var first = new ArrayList<Integer>();
    var second = new ArrayList<Integer>();
    for (var statuses : List.of(first, second)) {
      zoey.faults().clear();
      fault(
          "{\"method\":\"POST\",\"path\":\"/api/rest/companyAccounts\",\"probability\":0.5,"
              + "\"seed\":5,\"status\":503,\"afterHandling\":true}");
      for (int i = 0; i < 12; i++) {
        statuses.add(api("POST", "/companyAccounts", account("Seeded " + i)).statusCode());
      }
    }

    assertThat(first).isEqualTo(second).contains(201, 503);
    for (int id = next; id < next + 24; id++) {
      assertThat(name("/companyAccounts/" + id)).startsWith("Seeded ");
    }
  }
}
