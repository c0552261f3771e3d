package dev.syncline.netsuite.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.Secret;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetSuiteClientAuthTest {

  private SandboxFixture fixture;

  @BeforeEach
  void start() {
    fixture = new SandboxFixture();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private static KeyPair ecKey() throws Exception {
    var generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static KeyPair rsaKey() throws Exception {
    var generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(3072);
    return generator.generateKeyPair();
  }

  private NetSuiteClient oauth2Client(KeyPair key, String algorithm, String certificateId) {
    var printed = fixture.sandbox.connectionSettings();
    var auth =
        new NetSuiteAuth.ClientCredentials(
            printed.get("NETSUITE_CLIENT_ID"),
            certificateId,
            key.getPrivate(),
            algorithm,
            List.of("rest_webservices"));
    return fixture.client(
        NetSuiteConfig.of(
            URI.create(printed.get("NETSUITE_BASE_URL")),
            printed.get("NETSUITE_ACCOUNT"),
            auth,
            5));
  }

  @Test
  void tba_calls_are_accepted_with_the_printed_credentials() {
    var client = fixture.client();

    assertThat(client.get("term", "1", NetSuiteClient.GetOptions.plain()).path("name").asString())
        .isEqualTo("Net 30");
  }

  @Test
  void a_wrong_token_secret_is_a_configuration_problem_after_one_fresh_try() {
    var config = fixture.config(5);
    var tba = (NetSuiteAuth.TokenBased) config.auth();
    var wrong =
        new NetSuiteAuth.TokenBased(
            tba.consumerKey(), tba.consumerSecret(), tba.tokenId(), Secret.of("not-the-secret"));
    var client =
        fixture.client(
            new NetSuiteConfig(
                config.baseUrl(),
                config.accountId(),
                wrong,
                5,
                config.requestTimeout(),
                config.retry()));

    assertThatThrownBy(() -> client.get("term", "1", NetSuiteClient.GetOptions.plain()))
        .isInstanceOf(PermanentSyncException.ConfigurationProblem.class)
        .hasMessageContaining("INVALID_LOGIN")
        .hasMessageContaining("Login Audit Trail");
    assertThat(fixture.sandbox.requestLog().all())
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(401));
    assertThat(fixture.sandbox.requestLog().all().getFirst().details().get("loginFailure"))
        .contains("signature does not match");
  }

  @Test
  void
      the_probe_says_whether_the_credentials_are_accepted_and_the_connection_remembers_since_when() {
    var config = fixture.config(5);
    var tba = (NetSuiteAuth.TokenBased) config.auth();
    var wrong =
        fixture.client(
            new NetSuiteConfig(
                config.baseUrl(),
                config.accountId(),
                new NetSuiteAuth.TokenBased(
                    tba.consumerKey(), tba.consumerSecret(), tba.tokenId(), Secret.of("faux ✗")),
                5,
                config.requestTimeout(),
                config.retry()));
    var right = fixture.client();
    assertThat(wrong.connection().credentialsAccepted()).as("no call yet").isEmpty();

    assertThatThrownBy(wrong::probe)
        .isInstanceOfSatisfying(
            PermanentSyncException.CredentialsRefused.class,
            e -> {
              assertThat(e.reason())
                  .startsWith("NetSuite account " + config.accountId() + " refused the credentials")
                  .contains("INVALID_LOGIN")
                  .doesNotContain("Check the base URL");
              assertThat(e.fix()).hasValueSatisfying(f -> assertThat(f).contains("token id"));
            });
    var refused = wrong.connection();
    assertThat(refused.reachable()).contains(true);
    assertThat(refused.credentialsAccepted()).contains(false);
    assertThat(refused.since()).isPresent();
    assertThat(refused.lastError())
        .hasValueSatisfying(m -> assertThat(m).contains("INVALID_LOGIN"));
    assertThat(right.probe())
        .startsWith("NetSuite account " + config.accountId() + " accepted the credentials");
    assertThat(fixture.sandbox.requestLog().all())
        .as("one call, tried once more with a fresh nonce when refused, then one that got through")
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.path()).endsWith("/query/v1/suiteql"));
    var accepted = right.connection();
    assertThat(accepted.credentialsAccepted()).contains(true);
    assertThat(accepted.lastError()).isEmpty();
    assertThat(accepted.limits())
        .containsEntry("requests in flight", "0 of 5")
        .containsEntry("requests refused at the concurrency limit", "0");
  }

  @Test
  void client_credentials_with_an_ec_key_get_one_token_and_reuse_it() throws Exception {
    var key = ecKey();
    fixture.account().trustCertificate("cert-ec", key.getPublic());
    var client = oauth2Client(key, "ES256", "cert-ec");

    client.get("term", "1", NetSuiteClient.GetOptions.plain());
    client.get("term", "2", NetSuiteClient.GetOptions.plain());

    assertThat(fixture.served("token")).isEqualTo(1);
    assertThat(fixture.served("record.get")).isEqualTo(2);
  }

  @Test
  void client_credentials_with_an_rsa_key_renew_the_token_when_the_hour_is_over() throws Exception {
    var key = rsaKey();
    fixture.account().trustCertificate("cert-rsa", key.getPublic());
    var client = oauth2Client(key, "PS256", "cert-rsa");

    client.get("term", "1", NetSuiteClient.GetOptions.plain());
    fixture.clock.advance(Duration.ofMinutes(61));
    client.get("term", "1", NetSuiteClient.GetOptions.plain());

    assertThat(fixture.served("token")).isEqualTo(2);
    assertThat(fixture.sandbox.requestLog().all())
        .allSatisfy(r -> assertThat(r.status()).isIn(200));
  }

  @Test
  void a_token_netsuite_forgot_is_replaced_once() throws Exception {
    var key = ecKey();
    fixture.account().trustCertificate("cert-ec", key.getPublic());
    var client = oauth2Client(key, "ES256", "cert-ec");
    client.get("term", "1", NetSuiteClient.GetOptions.plain());

    fixture.account().clear();
    fixture
        .account()
        .create(
            "term",
            tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree("{\"name\":\"Net 90\"}"));
    var term = client.get("term", "1", NetSuiteClient.GetOptions.plain());

    assertThat(term.path("name").asString()).isEqualTo("Net 90");
    assertThat(fixture.served("token")).isEqualTo(2);
  }

  @Test
  void an_assertion_signed_by_an_unmapped_key_is_a_configuration_problem() throws Exception {
    fixture.account().trustCertificate("cert-ec", ecKey().getPublic());
    var client = oauth2Client(ecKey(), "ES256", "cert-ec");

    assertThatThrownBy(() -> client.get("term", "1", NetSuiteClient.GetOptions.plain()))
        .isInstanceOf(PermanentSyncException.ConfigurationProblem.class)
        .hasMessageContaining("invalid_grant")
        .hasMessageContaining("certificate");
    assertThat(fixture.served("record.get")).isZero();
  }

  @Test
  void a_key_that_does_not_fit_the_algorithm_is_named_before_any_call() throws Exception {
    var client = oauth2Client(ecKey(), "PS256", "cert-ec");

    assertThatThrownBy(() -> client.get("term", "1", NetSuiteClient.GetOptions.plain()))
        .isInstanceOf(PermanentSyncException.ConfigurationProblem.class)
        .hasMessageContaining("PS algorithms need an RSA key");
  }
}
