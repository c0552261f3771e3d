package dev.syncline.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.app.SynclineNode;
import dev.syncline.app.access.Role;
import dev.syncline.app.config.ConfigLoader;
import dev.syncline.core.testing.SettableClock;
import dev.syncline.store.AuditLog;
import dev.syncline.store.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failed sign-ins limited per name and per client address, over real HTTP, on two nodes sharing one
 * PostgreSQL: one behind a reverse proxy that names the client in X-Forwarded-For, one reached
 * directly. Their clock is the test's, so waits pass without waiting.
 */
class SignInLimitsTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  static final String PASSWORD = "correct horse battery";
  static final Instant NINE = Instant.parse("2026-11-23T09:00:00Z");
  static final SettableClock clock = new SettableClock(NINE);
  static final Pattern PROBLEM = Pattern.compile("<p class=\"problem\" id=\"problem\">([^<]*)</p>");

  static SynclineNode behindProxy;
  static SynclineNode direct;

  @BeforeAll
  static void start() {
    // Fewer failures per address than the default 20, so that the tests need fewer slow checks.
    var signIn = "  signIn:\n    addressFailures: 8\n";
    behindProxy =
        node(
            "server:\n  port: 0\n  clientAddressHeader: X-Forwarded-For\n" + signIn,
            Map.of("SYNCLINE_ADMIN_USER", "root", "SYNCLINE_ADMIN_PASSWORD", PASSWORD));
    direct = node("server:\n  port: 0\n" + signIn, Map.of());
    behindProxy.access().addUser("vera", Role.VIEWER, PASSWORD, "test");
  }

  private static SynclineNode node(String yaml, Map<String, String> environment) {
    var config =
        new ConfigLoader(Map.of("SYNCLINE_DATABASE_URL", db.url())).parse("test.yaml", yaml);
    return SynclineNode.start(config, environment, false, clock);
  }

  @AfterAll
  static void stop() {
    for (var node : new SynclineNode[] {behindProxy, direct}) {
      if (node != null) {
        node.close();
      }
    }
  }

  @BeforeEach
  void noFailuresYet() {
    db.jdbi().useHandle(h -> h.execute("TRUNCATE sign_in_failure, audit_log"));
    clock.set(NINE);
  }

  private static URI base(SynclineNode node) {
    return URI.create(node.url() + "/");
  }

  /**
   * The sign-in form sent through the proxy from {@code address}; the header's first entry is what
   * a client sent of its own accord, the last the one the proxy added.
   */
  private static HttpResponse<String> viaProxy(String name, String password, String address) {
    return Caller.signIn(
        base(behindProxy), name, password, Map.of("X-Forwarded-For", "198.51.100.99, " + address));
  }

  private static String problem(HttpResponse<String> response) {
    var m = PROBLEM.matcher(response.body());
    return m.find() ? m.group(1) : "";
  }

  private static List<String> lockouts() {
    return new AuditLog(db.jdbi(), clock)
        .recent(100).stream()
            .filter(e -> e.action().equals("sign-in.lockout"))
            .map(e -> e.actor() + " " + e.subject() + ": " + e.detail())
            .toList();
  }

  @Test
  void after_five_failures_a_name_waits_even_for_its_password_longer_each_time_until_a_success() {
    for (var i = 1; i <= 4; i++) {
      var failed = viaProxy("vera", "not the password " + i, "203.0.113.10");
      assertThat(failed.statusCode()).isEqualTo(401);
      assertThat(problem(failed)).isEqualTo("That name and password do not match a user.");
    }
    var fifth = viaProxy("vera", "not the password 5", "203.0.113.10");
    assertThat(fifth.statusCode()).isEqualTo(401);
    assertThat(problem(fifth))
        .isEqualTo(
            "That name and password do not match a user. Too many failed sign-ins with this name"
                + " or from this address: try again after 2026-11-23 09:01:00 UTC.");

    // The right password, from another address: the name waits all the same, unchecked.
    var waiting = viaProxy("vera", PASSWORD, "203.0.113.11");
    assertThat(waiting.statusCode()).isEqualTo(429);
    assertThat(waiting.headers().firstValue("Retry-After")).contains("60");
    assertThat(problem(waiting))
        .isEqualTo(
            "Too many failed sign-ins with this name or from this address: try again after"
                + " 2026-11-23 09:01:00 UTC.");
    assertThat(Caller.cookieValue(waiting, "syncline_session")).isEmpty();

    clock.advance(Duration.ofMinutes(1));
    var sixth = viaProxy("vera", "not the password 6", "203.0.113.10");
    assertThat(problem(sixth)).as("twice as long").contains("try again after 2026-11-23 09:03:00");
    assertThat(viaProxy("vera", PASSWORD, "203.0.113.10").headers().firstValue("Retry-After"))
        .contains("120");

    clock.advance(Duration.ofMinutes(2));
    assertThat(viaProxy("vera", PASSWORD, "203.0.113.10").statusCode()).isEqualTo(303);
    for (var i = 1; i <= 4; i++) {
      assertThat(problem(viaProxy("vera", "not the password", "203.0.113.12")))
          .as("a success cleared the name's failures: " + i + " is not too many")
          .isEqualTo("That name and password do not match a user.");
    }
    assertThat(lockouts())
        .containsExactly(
            "system vera: 6 failed sign-ins with this name in a row; the next waits until"
                + " 2026-11-23T09:03:00Z",
            "system vera: 5 failed sign-ins with this name in a row; the next waits until"
                + " 2026-11-23T09:01:00Z");
  }

  @Test
  void a_name_no_user_has_is_answered_as_a_users_name_is_so_that_the_limit_tells_nothing() {
    var answers = new ArrayList<List<String>>();
    for (var name : List.of("vera", "nobody-at-all")) {
      var seen = new ArrayList<String>();
      for (var i = 0; i < 6; i++) {
        var response = viaProxy(name, "not the password", "203.0.113." + (20 + i));
        seen.add(
            response.statusCode()
                + " "
                + response.headers().firstValue("Retry-After").orElse("-")
                + " "
                + problem(response));
      }
      answers.add(seen);
    }

    assertThat(answers.get(1)).isEqualTo(answers.get(0));
    assertThat(answers.get(0).get(5)).startsWith("429 60 Too many failed sign-ins");
  }

  @Test
  void failures_from_one_address_with_many_names_make_that_address_wait_and_no_other() {
    for (var i = 1; i <= 8; i++) {
      assertThat(viaProxy("guess-" + i, "not the password", "192.0.2.50").statusCode())
          .isEqualTo(401);
    }

    assertThat(viaProxy("vera", PASSWORD, "192.0.2.50").statusCode()).isEqualTo(429);
    assertThat(viaProxy("vera", PASSWORD, "192.0.2.51").statusCode())
        .as("the proxy's own entry names the client, not the one the client sent")
        .isEqualTo(303);
    assertThat(lockouts())
        .anySatisfy(l -> assertThat(l).startsWith("system address 192.0.2.50: 8 failed sign-ins"));
  }

  @Test
  void the_addresses_of_one_ipv6_network_count_as_one_address() {
    for (var i = 1; i <= 8; i++) {
      viaProxy("guess-" + i, "not the password", "2001:db8:1:2::" + i);
    }

    assertThat(viaProxy("vera", PASSWORD, "2001:db8:1:2:ffff::9").statusCode()).isEqualTo(429);
    assertThat(viaProxy("vera", PASSWORD, "2001:db8:1:3::1").statusCode()).isEqualTo(303);
  }

  @Test
  void every_node_on_the_database_counts_the_same_failures() {
    for (var i = 0; i < 3; i++) {
      viaProxy("vera", "not the password", "203.0.113.30");
    }
    for (var i = 0; i < 2; i++) {
      assertThat(Caller.signIn(base(direct), "vera", "not the password", Map.of()).statusCode())
          .isEqualTo(401);
    }

    assertThat(viaProxy("vera", PASSWORD, "203.0.113.31").statusCode()).isEqualTo(429);
    assertThat(Caller.signIn(base(direct), "vera", PASSWORD, Map.of()).statusCode()).isEqualTo(429);
  }

  @Test
  void a_node_without_a_client_address_header_lets_no_client_choose_its_address() {
    for (var i = 1; i <= 8; i++) {
      Caller.signIn(
          base(direct),
          "guess-" + i,
          "not the password",
          Map.of("X-Forwarded-For", "192.0.2." + i));
    }

    var response =
        Caller.signIn(base(direct), "vera", PASSWORD, Map.of("X-Forwarded-For", "192.0.2.99"));
    assertThat(response.statusCode()).isEqualTo(429);
  }

  @Test
  void attempts_sent_all_at_once_to_both_nodes_get_no_more_checks_than_the_limit()
      throws Exception {
    var answers = new ArrayList<Future<Integer>>();
    try (var pool = Executors.newFixedThreadPool(12)) {
      for (var i = 0; i < 12; i++) {
        var node = i % 2 == 0 ? behindProxy : direct;
        var address = Map.of("X-Forwarded-For", "203.0.113." + (40 + i));
        answers.add(
            pool.submit(
                () -> Caller.signIn(base(node), "vera", "not the password", address).statusCode()));
      }
    }
    var statuses = new ArrayList<Integer>();
    for (var answer : answers) {
      statuses.add(answer.get());
    }

    assertThat(statuses).filteredOn(s -> s == 401).hasSize(5);
    assertThat(statuses).filteredOn(s -> s == 429).hasSize(7);
  }
}
