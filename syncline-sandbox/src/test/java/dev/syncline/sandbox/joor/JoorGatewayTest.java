package dev.syncline.sandbox.joor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.sandbox.common.SandboxClock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JoorGatewayTest {

  static final String US_TOKEN = "5f2b8c1e9a7d4e3f8b6a1c0d2e4f6a8b";
  static final String PASSWORD_GRANT =
      "grant_type=password&client_id=syncline-demo&client_secret=demo-client-secret"
          + "&username=integrations%40brand.example&password=demo-password";

  private final SandboxClock clock =
      new SandboxClock(InstantSource.fixed(Instant.parse("2026-03-02T09:00:00Z")));
  private JoorSandbox sandbox;
  private Http http;

  @BeforeEach
  void start() {
    sandbox =
        JoorSandbox.start(
            "127.0.0.1",
            0,
            clock,
            JoorSandboxSettings.defaults().withCredits(20, Duration.ofSeconds(10)));
    sandbox.seedDemo();
    http = new Http(sandbox.baseUrl());
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private String accessToken() {
    return http.form("/auth/", PASSWORD_GRANT).body().path("access_token").asString();
  }

  @Test
  void issues_ten_hour_bearer_tokens_for_the_password_grant_that_work_until_they_expire() {
    var token = http.form("/auth/", PASSWORD_GRANT);

    assertThat(token.status()).isEqualTo(200);
    assertThat(token.body().path("token_type").asString()).isEqualTo("Bearer");
    assertThat(token.body().path("expires_in").asLong()).isEqualTo(36_000);
    http.bearer(token.body().path("access_token").asString());
    assertThat(http.get("/v4/price_types?account=4001").status()).isEqualTo(200);

    clock.advance(Duration.ofHours(10));

    var expired = http.get("/v4/price_types?account=4001");
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.body().path("errors").path(0).path("status").asString())
        .isEqualTo("UNAUTHORIZED");
  }

  @Test
  void accepts_a_multipart_token_request_and_the_refresh_grant() {
    var boundary = "b0undary";
    var multipart = new StringBuilder();
    for (var field :
        new String[][] {
          {"grant_type", "password"},
          {"client_id", "syncline-demo"},
          {"client_secret", "demo-client-secret"},
          {"username", "integrations@brand.example"},
          {"password", "demo-password"}
        }) {
      multipart
          .append("--")
          .append(boundary)
          .append("\r\nContent-Disposition: form-data; name=\"")
          .append(field[0])
          .append("\"\r\n\r\n")
          .append(field[1])
          .append("\r\n");
    }
    multipart.append("--").append(boundary).append("--\r\n");

    var token =
        http.send(
            "POST", "/auth/", multipart.toString(), "multipart/form-data; boundary=" + boundary);
    var refreshed =
        http.form(
            "/auth/",
            "grant_type=refresh_token&client_id=syncline-demo&client_secret=demo-client-secret"
                + "&refresh_token="
                + token.body().path("refresh_token").asString());

    assertThat(token.status()).isEqualTo(200);
    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(refreshed.body().path("access_token").asString()).isNotBlank();
  }

  @Test
  void refuses_wrong_credentials_with_oauth_errors() {
    var badClient = http.form("/auth/", PASSWORD_GRANT.replace("demo-client-secret", "guess"));
    var badUser = http.form("/auth/", PASSWORD_GRANT.replace("demo-password", "guess"));
    var badGrant =
        http.form("/auth/", PASSWORD_GRANT.replace("grant_type=password", "grant_type=magic"));

    assertThat(badClient.status()).isEqualTo(401);
    assertThat(badClient.body().path("error").asString()).isEqualTo("invalid_client");
    assertThat(badUser.status()).isEqualTo(401);
    assertThat(badUser.body().path("error").asString()).isEqualTo("invalid_grant");
    assertThat(badGrant.status()).isEqualTo(400);
    assertThat(badGrant.body().path("error").asString()).isEqualTo("unsupported_grant_type");
  }

  @Test
  void takes_the_v2_token_in_the_oauth2_scheme_in_any_case_and_a_bearer_token_on_v2() {
    var upper = http.v2Token(US_TOKEN).get("/v2/connection/customer_code/3");
    var lower =
        http.authorization(
                "oauth2 " + java.util.Base64.getEncoder().encodeToString(US_TOKEN.getBytes()))
            .get("/v2/connection/customer_code/3");
    var bearer = http.bearer(accessToken()).get("/v2/connection/customer_code/3?account=4001");
    var raw = http.authorization("OAuth2 " + US_TOKEN).get("/v2/connection/customer_code/3");

    assertThat(upper.status()).isEqualTo(200);
    assertThat(lower.status()).isEqualTo(200);
    assertThat(bearer.status()).isEqualTo(200);
    assertThat(raw.status()).as("the token must be base64-encoded").isEqualTo(401);
    assertThat(raw.body().path("response").path("code").asInt()).isEqualTo(401);
  }

  @Test
  void needs_the_account_on_v4_and_refuses_accounts_the_caller_cannot_reach() {
    http.bearer(accessToken());
    var missing = http.get("/v4/price_types");
    var unknown = http.get("/v4/price_types?account=9999");
    var otherAccount = http.v2Token(US_TOKEN).get("/v2/connection/customer_code/3?account=4002");

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body().path("errors").path(0).path("message").asString())
        .contains("account=<account_id>");
    assertThat(unknown.status()).isEqualTo(403);
    assertThat(otherAccount.status()).isEqualTo(403);
  }

  @Test
  void charges_a_get_one_credit_and_a_write_five_and_refuses_beyond_the_budget() {
    http.v2Token(US_TOKEN);
    var statuses = new ArrayList<Integer>();
    var first = http.get("/v2/connection/customer_code/3");
    statuses.add(first.status());
    for (int i = 0; i < 3; i++) {
      statuses.add(http.delete("/v2/connection/customer_code/none").status());
    }
    var refused = http.delete("/v2/connection/customer_code/3");

    assertThat(first.header("X-Throttling-Account-Id")).isEqualTo("4001");
    assertThat(first.header("X-Throttling-Limit")).isEqualTo("20");
    assertThat(first.header("X-Throttling-Remaining")).isEqualTo("19");
    assertThat(first.header("X-Throttling-Reset")).isEqualTo("10");
    assertThat(statuses).containsExactly(200, 404, 404, 404);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isEqualTo("10");
    assertThat(refused.header("X-Throttling-Remaining")).isEqualTo("4");
    assertThat(sandbox.credits("4001").spentInWindow()).isEqualTo(16);
    assertThat(sandbox.credits("4001").refused()).isEqualTo(1);
    assertThat(sandbox.credits("4002").spentInWindow()).isZero();

    clock.advance(Duration.ofSeconds(10));

    assertThat(http.get("/v2/connection/customer_code/3").status()).isEqualTo(200);
    assertThat(sandbox.credits("4001").spentInWindow()).isEqualTo(1);
  }

  @Test
  void the_token_endpoint_and_the_control_api_cost_no_credits() {
    accessToken();
    http.get("/_sandbox/joor/credits");

    assertThat(sandbox.credits("4001").spentInTotal()).isZero();
  }
}
