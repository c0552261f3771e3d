package dev.syncline.sandbox.joor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncline.sandbox.Sandboxes;
import dev.syncline.sandbox.common.SandboxClock;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JoorControlTest {

  private final SandboxClock clock =
      new SandboxClock(InstantSource.fixed(Instant.parse("2026-03-02T09:00:00Z")));
  private JoorSandbox sandbox;
  private Http http;

  @BeforeEach
  void start() {
    sandbox = JoorSandbox.start("127.0.0.1", 0, clock, JoorSandboxSettings.defaults());
    http = new Http(sandbox.baseUrl());
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void a_seed_with_a_problem_anywhere_adds_nothing() {
    var seed =
        """
        {"accounts": [
          {"id": "5001", "name": "Fine", "price_types": [{"name": "USD-1", "currency": "USD", "label": "Wholesale"}]},
          {"id": "5002", "name": "Broken", "connections": [{"customer_code": "1", "customer_name": "A",
             "price_currency": "USD", "price_label": "Nope"}]}
        ], "v2_tokens": [{"account": "5001", "token": "t-5001"}]}
        """;

    var refused = http.post("/_sandbox/joor/seed", seed);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("error").asString()).contains("USD / Nope");
    assertThat(sandbox.credits()).isEmpty();
    assertThat(http.v2Token("t-5001").get("/v2/connection/").status()).isEqualTo(401);
  }

  @Test
  void approving_a_code_that_is_not_pending_approves_none() {
    sandbox.seedDemo();

    var refused =
        http.post(
            "/_sandbox/joor/accounts/4001/connections/approve",
            "{\"customer_codes\": [\"8\", \"3\"]}");
    var approved = http.post("/_sandbox/joor/accounts/4001/connections/approve", "");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("error").asString()).contains("No pending connection 3");
    assertThat(approved.body().path("approved").toString()).isEqualTo("[\"8\"]");
  }

  @Test
  void places_orders_as_a_retailer_but_not_for_a_pending_connection() {
    sandbox.seedDemo();

    var placed =
        http.post(
            "/_sandbox/joor/accounts/4001/orders",
            "{\"customer_code\": \"3\", \"price_type\": \"USD-Wholesale\", \"status\": \"APPROVED\","
                + " \"lines\": [{\"upc\": \"084123000109\", \"quantity\": 1}]}");
    var pending =
        http.post(
            "/_sandbox/joor/accounts/4001/orders",
            "{\"customer_code\": \"8\", \"price_type\": \"USD-Wholesale\", \"status\": \"APPROVED\","
                + " \"lines\": [{\"upc\": \"084123000109\", \"quantity\": 1}]}");

    assertThat(placed.status()).isEqualTo(201);
    assertThat(placed.body().path("order_id").asLong()).isPositive();
    assertThat(pending.status()).isEqualTo(400);
    assertThat(pending.body().path("error").asString()).contains("still pending");
  }

  @Test
  void the_demo_runs_with_the_other_sandboxes_and_prints_its_credentials() {
    try (var all = Sandboxes.start(Sandboxes.Settings.loopback())) {
      var settings = all.connectionSettings();

      assertThat(settings)
          .containsKeys(
              "JOOR_V2_BASE_URL",
              "JOOR_V4_BASE_URL",
              "JOOR_AUTH_URL",
              "JOOR_CLIENT_ID",
              "JOOR_CLIENT_SECRET",
              "JOOR_USERNAME",
              "JOOR_PASSWORD")
          .containsEntry("JOOR_ACCOUNTS", "4001,4002")
          .containsEntry("JOOR_V2_TOKEN_4001", JoorGatewayTest.US_TOKEN);
    }
  }

  @Test
  void refuses_a_seed_for_an_account_that_exists() {
    sandbox.seedDemo();

    assertThatThrownBy(sandbox::seedDemo).hasMessageContaining("Account 4001 exists already");
  }
}
