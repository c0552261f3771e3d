package dev.syncline.joor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncline.core.PermanentSyncException.ConfigurationProblem;
import dev.syncline.core.PermanentSyncException.CredentialsRefused;
import dev.syncline.core.Secret;
import dev.syncline.core.limit.Limiter;
import dev.syncline.core.testing.SettableClock;
import dev.syncline.sandbox.joor.JoorSandboxSettings;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JoorAuthTest {

  private final SettableClock clock = SettableClock.at("2026-03-02T09:00:00Z");
  private TestJoor joor;

  @BeforeEach
  void start() {
    joor = TestJoor.start(JoorSandboxSettings.defaults().withBulkJobDelay(Duration.ZERO), clock);
  }

  @AfterEach
  void stop() {
    joor.close();
  }

  private JoorClient client(JoorConfig.Credentials credentials) {
    return joor.client(
        JoorConfig.of(joor.endpoints(), TestJoor.US, credentials), Limiter.unlimited());
  }

  private int tokenRequests() {
    return joor.served("POST", "/auth/?");
  }

  @Test
  void signs_v2_calls_with_the_api_token_alone() {
    try (var client = client(JoorConfig.Credentials.v2(Secret.of(TestJoor.US_TOKEN)))) {
      assertThat(client.connections().byCustomerCode("3")).isPresent();
      assertThat(tokenRequests()).isZero();
    }
  }

  @Test
  void the_probe_costs_one_credit_and_says_whether_the_token_is_accepted() {
    try (var wrong = client(JoorConfig.Credentials.v2(Secret.of("pas le jeton ✗")));
        var right = client(JoorConfig.Credentials.v2(Secret.of(TestJoor.US_TOKEN)))) {
      assertThatThrownBy(wrong::probe)
          .isInstanceOfSatisfying(
              CredentialsRefused.class,
              e -> {
                assertThat(e.reason()).contains("HTTP 401");
                assertThat(e.fix())
                    .hasValueSatisfying(f -> assertThat(f).contains("JOOR API token"));
              });
      assertThat(wrong.connection().credentialsAccepted()).contains(false);
      assertThat(wrong.connection().since()).contains(clock.instant());

      assertThat(right.probe())
          .startsWith("JOOR account " + TestJoor.US + " accepted the credentials");
      assertThat(right.connection().credentialsAccepted()).contains(true);
      assertThat(right.connection().limits().get("credits left in JOOR's window"))
          .endsWith(" of 300 per 300 s");
      assertThat(joor.served("GET", "/v2/connection/?")).isEqualTo(2);
    }
  }

  @Test
  void a_v4_call_without_v4_credentials_is_a_configuration_problem_that_says_what_is_missing() {
    try (var client = client(JoorConfig.Credentials.v2(Secret.of(TestJoor.US_TOKEN)))) {
      assertThatThrownBy(() -> client.catalog().priceTypes())
          .isInstanceOf(ConfigurationProblem.class)
          .hasMessageContaining("needs JOOR's v4 credentials");
      assertThat(joor.served("GET", "/v4/.*")).isZero();
    }
  }

  @Test
  void uses_a_v4_bearer_token_on_v2_when_there_is_no_v2_token() {
    try (var client = client(JoorConfig.Credentials.v4(TestJoor.demoGrant()))) {
      assertThat(client.connections().byCustomerCode("3")).isPresent();
      assertThat(client.catalog().priceTypes())
          .extracting(JoorCatalog.PriceType::name)
          .containsExactly("USD-Wholesale", "USD-Distributor", "USD-Retail");
      assertThat(tokenRequests()).isEqualTo(1);
    }
  }

  @Test
  void renews_the_token_shortly_before_its_ten_hours_are_over() {
    try (var client = client(JoorConfig.Credentials.v4(TestJoor.demoGrant()))) {
      client.catalog().priceTypes();
      clock.advance(Duration.ofHours(9).plusMinutes(50));
      client.catalog().priceTypes();
      assertThat(tokenRequests()).isEqualTo(1);

      clock.advance(Duration.ofMinutes(6));
      client.catalog().priceTypes();

      assertThat(tokenRequests()).isEqualTo(2);
      assertThat(joor.served("GET", "/v4/price_types")).isEqualTo(3);
    }
  }

  @Test
  void asks_for_a_new_token_once_when_joor_refuses_the_one_it_has() {
    try (var client = client(JoorConfig.Credentials.v4(TestJoor.demoGrant()))) {
      client.catalog().priceTypes();
      joor.sandbox.revokeAccessTokens();

      assertThat(client.catalog().priceTypes()).hasSize(3);
      assertThat(tokenRequests()).isEqualTo(2);
    }
  }

  @Test
  void wrong_credentials_are_a_configuration_problem_naming_what_to_check() {
    var wrongPassword =
        new JoorConfig.PasswordGrant(
            "syncline-demo",
            Secret.of("demo-client-secret"),
            "integrations@brand.example",
            Secret.of("guess"));
    try (var v4 = client(JoorConfig.Credentials.v4(wrongPassword));
        var v2 = client(JoorConfig.Credentials.v2(Secret.of("wrong-token-1234")))) {
      assertThatThrownBy(() -> v4.catalog().priceTypes())
          .isInstanceOf(ConfigurationProblem.class)
          .hasMessageContaining("invalid_grant")
          .hasMessageContaining("username and password")
          .hasMessageNotContaining("guess");
      assertThatThrownBy(() -> v2.connections().byCustomerCode("3"))
          .isInstanceOf(ConfigurationProblem.class)
          .hasMessageContaining("HTTP 401")
          .hasMessageNotContaining("wrong-token-1234");
    }
  }

  @Test
  void refuses_a_configuration_without_credentials_or_with_a_bad_account() {
    assertThatThrownBy(() ->
            new JoorConfig.Credentials(java.util.Optional.empty(), java.util.Optional.empty()))
        .hasMessageContaining("needs a v2 API token or v4 password-grant credentials");
    assertThatThrownBy(() ->
            JoorConfig.of(joor.endpoints(), "Brand US", JoorConfig.Credentials.v2(Secret.of("t"))))
        .hasMessageContaining("must be a number such as 4001");
  }
}
