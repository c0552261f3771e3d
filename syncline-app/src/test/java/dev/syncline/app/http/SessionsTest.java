package dev.syncline.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.app.SynclineNode;
import dev.syncline.app.config.ConfigLoader;
import dev.syncline.core.testing.SettableClock;
import dev.syncline.store.testing.TestDatabase;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How long a sign-in lasts, over real HTTP, with the sessions of the configuration: ended by idle
 * time, where a page refreshing itself does not count as use, and by a lifetime however busy.
 */
class SessionsTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  static final String PASSWORD = "correct horse battery";
  static final SettableClock clock = SettableClock.at("2026-11-23T09:00:00Z");
  static SynclineNode node;
  static URI base;

  @BeforeAll
  static void start() {
    var config =
        new ConfigLoader(Map.of("SYNCLINE_DATABASE_URL", db.url()))
            .parse(
                "test.yaml",
                """
                server:
                  port: 0
                  sessions:
                    idleTimeout: 30m
                    lifetime: 2h
                """);
    node =
        SynclineNode.start(
            config,
            Map.of("SYNCLINE_ADMIN_USER", "root", "SYNCLINE_ADMIN_PASSWORD", PASSWORD),
            false,
            clock);
    base = URI.create(node.url() + "/");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** The failed record queue asking for itself again, as htmx does every 5 seconds. */
  private static int refresh(Caller caller) {
    return caller
        .send(
            "GET",
            "/failed/queue",
            Optional.empty(),
            Map.of("HX-Request", "true", Guard.REFRESH_HEADER, "true"))
        .statusCode();
  }

  @Test
  void
      a_session_idle_for_longer_than_its_idle_timeout_ends_and_self_refreshing_pages_are_not_use() {
    var root = Caller.signedIn(base, "root", PASSWORD);
    clock.advance(Duration.ofMinutes(25));
    assertThat(root.get("/api/v1/me").statusCode()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(25));
    assertThat(root.get("/").statusCode()).as("used 25 minutes ago").isEqualTo(200);

    for (var i = 0; i < 3; i++) {
      clock.advance(Duration.ofMinutes(10));
      assertThat(refresh(root)).isEqualTo(200);
    }
    clock.advance(Duration.ofMinutes(1));

    assertThat(refresh(root)).as("31 minutes since the person's last request").isEqualTo(401);
    var page = root.get("/");
    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).startsWith("/sign-in"));
  }

  @Test
  void a_session_ends_at_its_lifetime_however_busy_and_its_cookie_says_so() {
    var response = Caller.signIn(base, "root", PASSWORD, Map.of());
    assertThat(response.headers().allValues("Set-Cookie"))
        .anySatisfy(c -> assertThat(c).startsWith("syncline_session=").contains("Max-Age=7200"));
    var root = Caller.signedIn(base, "root", PASSWORD);
    for (var i = 0; i < 4; i++) {
      clock.advance(Duration.ofMinutes(29));
      assertThat(root.get("/api/v1/me").statusCode()).isEqualTo(200);
    }
    clock.advance(Duration.ofMinutes(5));

    assertThat(root.get("/api/v1/me").statusCode()).as("2 hours and 1 minute").isEqualTo(401);
  }

  @Test
  void the_parts_of_pages_that_refresh_themselves_say_so() {
    var root = Caller.signedIn(base, "root", PASSWORD);

    assertThat(root.get("/failed").body())
        .containsPattern(
            "id=\"queue\"[^>]*hx-headers='\\{\"" + Guard.REFRESH_HEADER + "\": \"true\"}'");
  }
}
