package dev.syncline.zoey.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.syncline.core.PermanentSyncException.ConfigurationProblem;
import dev.syncline.core.Secret;
import dev.syncline.sandbox.common.Faults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ZoeyAuthTest {

  @TempDir Path directory;
  private ZoeyFixture zoey;

  @BeforeEach
  void connect() {
    zoey = ZoeyFixture.connected(directory);
  }

  @AfterEach
  void stop() {
    zoey.close();
  }

  private int grants(String type) {
    return zoey.sandbox.requestLog().count(r -> type.equals(r.details().get("grant_type")));
  }

  @Test
  void connecting_trades_the_code_for_tokens_kept_in_the_token_file() {
    var saved = new FileZoeyTokenStore(zoey.tokenFile).load().orElseThrow();

    assertThat(zoey.client.orders().get("1").id()).isEqualTo("1");
    assertThat(grants("authorization_code")).isEqualTo(1);
    assertThat(saved.accessTokenExpiresAt())
        .isEqualTo(zoey.clock.instant().plus(Duration.ofHours(1)));
  }

  @Test
  void an_expired_access_token_is_renewed_and_the_rotated_refresh_token_saved() {
    var before = new FileZoeyTokenStore(zoey.tokenFile).load().orElseThrow();
    zoey.clock.advance(Duration.ofMinutes(61));

    zoey.client.orders().get("1");

    var after = new FileZoeyTokenStore(zoey.tokenFile).load().orElseThrow();
    assertThat(grants("refresh_token")).isEqualTo(1);
    assertThat(after.refreshToken()).isNotEqualTo(before.refreshToken());
    assertThat(after.accessToken()).isNotEqualTo(before.accessToken());
  }

  @Test
  void a_token_is_renewed_a_minute_before_it_expires_not_after() {
    zoey.clock.advance(Duration.ofMinutes(58));
    zoey.client.orders().get("1");
    assertThat(grants("refresh_token")).isZero();

    zoey.clock.advance(Duration.ofMinutes(1));
    zoey.client.orders().get("1");
    assertThat(grants("refresh_token")).isEqualTo(1);
  }

  @Test
  void a_restarted_client_uses_the_saved_tokens_without_authorizing_again() {
    zoey.clock.advance(Duration.ofHours(2));
    var restarted = zoey.newClient(zoey.config());

    assertThat(restarted.orders().get("2").id()).isEqualTo("2");
    assertThat(grants("authorization_code")).isEqualTo(1);
    assertThat(grants("refresh_token")).isEqualTo(1);
  }

  @Test
  void a_token_zoey_refuses_early_is_renewed_once_and_the_call_goes_through() {
    zoey.sandbox
        .faults()
        .failNext(
            "GET",
            "/api/rest/orders/1",
            1,
            Faults.Fault.status(
                401,
                "{\"messages\":{\"error\":[{\"code\":401,\"message\":\"The access token is invalid or revoked.\"}]}}"));

    assertThat(zoey.client.orders().get("1").id()).isEqualTo("1");
    assertThat(grants("refresh_token")).isEqualTo(1);
    assertThat(zoey.requests("GET", "/api/rest/orders/1")).isEqualTo(2);
  }

  @Test
  void calls_that_find_the_token_expired_together_renew_it_once() throws Exception {
    zoey.clock.advance(Duration.ofHours(2));
    var results = new ArrayList<Future<ZoeyRecord>>();
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (var i = 0; i < 8; i++) {
        results.add(threads.submit(() -> zoey.client.orders().get("1")));
      }
    }
    for (var result : results) {
      assertThat(result.get().id()).isEqualTo("1");
    }
    assertThat(grants("refresh_token")).isEqualTo(1);
  }

  @Test
  void a_revoked_connection_asks_a_person_to_authorize_again() {
    zoey.sandbox.revokeTokens();
    zoey.clock.advance(Duration.ofHours(2));

    assertThatThrownBy(() -> zoey.client.orders().get("1"))
        .isInstanceOf(ConfigurationProblem.class)
        .hasMessageContaining("no longer accepts Syncline's refresh token")
        .hasMessageContaining("Authorize Syncline in Zoey again");
  }

  @Test
  void a_wrong_client_secret_is_a_configuration_problem_naming_where_to_copy_it() {
    var wrong =
        ZoeyConfig.of(
            zoey.sandbox.baseUrl(),
            zoey.sandbox.authorizeUrl(),
            zoey.sandbox.tokenUrl(),
            "syncline",
            Secret.of("not-the-secret"),
            zoey.config().redirectUri());
    var client =
        ZoeyClient.create(
            wrong,
            new FileZoeyTokenStore(directory.resolve("other.json")),
            dev.syncline.core.limit.Limiter.unlimited(),
            zoey.meters,
            zoey.clock);
    var code = zoey.authorize(client);

    assertThatThrownBy(() -> client.connect(code))
        .isInstanceOf(ConfigurationProblem.class)
        .hasMessageContaining("client id or secret")
        .hasMessageContaining("Settings > APIs");
  }

  @Test
  void a_used_authorization_code_is_refused_with_what_to_do() {
    var code = zoey.authorize(zoey.client);
    zoey.client.connect(code);

    assertThatThrownBy(() -> zoey.client.connect(code))
        .isInstanceOf(ConfigurationProblem.class)
        .hasMessageContaining("authorize Syncline in Zoey again");
  }

  @Test
  void a_client_never_connected_says_how_to_connect() throws Exception {
    Files.delete(zoey.tokenFile);
    var fresh = zoey.newClient(zoey.config());

    assertThatThrownBy(() -> fresh.orders().get("1"))
        .isInstanceOf(ConfigurationProblem.class)
        .hasMessageContaining("not connected to Zoey yet");
  }

  @Test
  void tokens_never_reach_the_log_or_an_error_message() {
    var root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    var zoeyLogger = (Logger) LoggerFactory.getLogger("dev.syncline.zoey");
    var appender = new ListAppender<ILoggingEvent>();
    appender.start();
    root.addAppender(appender);
    zoeyLogger.setLevel(Level.DEBUG);
    try {
      zoey.clock.advance(Duration.ofHours(2));
      zoey.client.orders().get("1");
      zoey.sandbox.revokeTokens();
      zoey.clock.advance(Duration.ofHours(2));
      var error =
          org.assertj.core.api.Assertions.catchThrowable(() -> zoey.client.orders().get("1"));

      var tokens = new FileZoeyTokenStore(zoey.tokenFile).load().orElseThrow();
      var logged = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
      assertThat(logged).isNotEmpty();
      for (var secret :
          java.util.List.of(tokens.accessToken().reveal(), tokens.refreshToken().reveal())) {
        assertThat(logged).noneMatch(line -> line.contains(secret));
        assertThat(error.getMessage()).doesNotContain(secret);
      }
      assertThat(tokens.toString()).doesNotContain(tokens.accessToken().reveal());
    } finally {
      root.detachAppender(appender);
      zoeyLogger.setLevel(null);
    }
  }
}
