package dev.syncline.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.store.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccessStoreTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private final AccessStore store = new AccessStore(db.jdbi());
  private final Instant now = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void a_user_name_is_taken_once_and_the_second_add_changes_nothing() {
    assertThat(store.addUser("ann", "admin", "hash-1", now)).isTrue();
    assertThat(store.addUser("ann", "viewer", "hash-2", now)).isFalse();

    var ann = store.user("ann").orElseThrow();
    assertThat(ann.role()).isEqualTo("admin");
    assertThat(ann.passwordHash()).isEqualTo("hash-1");
  }

  @Test
  void a_session_shows_the_users_current_role_until_it_expires() {
    store.addUser("bob", "viewer", "h", now);
    store.startSession("s-bob", "bob", now, now.plus(Duration.ofHours(1)), now);

    assertThat(store.session("s-bob", now, now, true).orElseThrow().role()).isEqualTo("viewer");
    store.setRole("bob", "operator", now);
    assertThat(store.session("s-bob", now, now, true).orElseThrow().role()).isEqualTo("operator");
    var later = now.plus(Duration.ofHours(2));
    assertThat(store.session("s-bob", later, now, true)).isEmpty();
    assertThat(store.session("unknown", now, now, true)).isEmpty();
  }

  @Test
  void a_session_ends_when_idle_and_only_a_persons_own_requests_keep_it_going() {
    store.addUser("eve", "viewer", "h", now);
    var lifetime = now.plus(Duration.ofHours(12));
    var idle = Duration.ofMinutes(30);
    store.startSession("s-active", "eve", now, lifetime, now);
    store.startSession("s-polled", "eve", now, lifetime, now);

    var at20 = now.plus(Duration.ofMinutes(20));
    assertThat(store.session("s-active", at20, at20.minus(idle), true)).isPresent();
    assertThat(store.session("s-polled", at20, at20.minus(idle), false)).isPresent();

    var at40 = now.plus(Duration.ofMinutes(40));
    assertThat(store.session("s-active", at40, at40.minus(idle), false))
        .as("used 20 minutes ago")
        .isPresent();
    assertThat(store.session("s-polled", at40, at40.minus(idle), false))
        .as("only refreshed by the page since it started, 40 minutes ago")
        .isEmpty();
  }

  @Test
  void a_new_password_or_removing_the_user_ends_their_sessions() {
    store.addUser("cid", "viewer", "h", now);
    store.addUser("dee", "viewer", "h", now);
    store.startSession("s-cid", "cid", now, now.plus(Duration.ofHours(1)), now);
    store.startSession("s-dee", "dee", now, now.plus(Duration.ofHours(1)), now);

    assertThat(store.setPassword("cid", "h2", now)).isTrue();
    assertThat(store.removeUser("dee")).isTrue();

    assertThat(store.session("s-cid", now, now, true)).isEmpty();
    assertThat(store.session("s-dee", now, now, true)).isEmpty();
    assertThat(store.user("dee")).isEmpty();
  }

  /** Counts one attempt under the key while it has fewer than {@code limit} failures. */
  private boolean attempt(String key, int limit, Instant at) {
    return store.countSignIn(
        List.of(key),
        at.minus(Duration.ofHours(1)),
        counts -> {
          var failures = counts.containsKey(key) ? counts.get(key).failures() : 0;
          return failures >= limit
              ? new AccessStore.SignInDecision<>(false, List.of())
              : new AccessStore.SignInDecision<>(
                  true, List.of(new AccessStore.SignInCount(key, failures + 1, at)));
        });
  }

  @Test
  void sign_in_attempts_made_at_the_same_time_never_pass_a_limit_together() throws Exception {
    var threads = 24;
    var start = new CountDownLatch(1);
    var allowed = new AtomicInteger();
    try (var pool = Executors.newFixedThreadPool(threads)) {
      var done = new ArrayList<Future<?>>();
      for (var i = 0; i < threads; i++) {
        done.add(
            pool.submit(() -> {
              start.await();
              if (attempt("name:burst", 5, now)) {
                allowed.incrementAndGet();
              }
              return null;
            }));
      }
      start.countDown();
      for (var f : done) {
        f.get();
      }
    }

    assertThat(allowed).hasValue(5);
    assertThat(attempt("name:burst", 5, now)).isFalse();
  }

  @Test
  void an_attempt_taken_back_restores_the_count_before_it_and_clearing_forgets_the_key() {
    var first = now;
    var second = now.plus(Duration.ofMinutes(1));
    attempt("address:10.0.0.1", 10, first);
    attempt("address:10.0.0.1", 10, second);

    store.uncountSignIn("address:10.0.0.1", second, Optional.of(first));

    var seen = new ArrayList<AccessStore.SignInCount>();
    store.countSignIn(
        List.of("address:10.0.0.1"),
        now.minus(Duration.ofHours(1)),
        counts -> {
          seen.addAll(counts.values());
          return new AccessStore.SignInDecision<>(true, List.of());
        });
    assertThat(seen).containsExactly(new AccessStore.SignInCount("address:10.0.0.1", 1, first));

    store.clearSignIn("address:10.0.0.1");
    seen.clear();
    store.countSignIn(
        List.of("address:10.0.0.1"),
        now.minus(Duration.ofHours(1)),
        counts -> {
          seen.addAll(counts.values());
          return new AccessStore.SignInDecision<>(true, List.of());
        });
    assertThat(seen).isEmpty();
    int rows =
        db.jdbi()
            .withHandle(h ->
                h.createQuery("SELECT count(*) FROM sign_in_failure").mapTo(Integer.class).one());
    assertThat(rows).as("no row is left for a key without failures").isZero();
  }

  @Test
  void counts_not_changed_for_longer_than_asked_are_forgotten() {
    attempt("name:old", 5, now);
    attempt("name:old", 5, now);

    var seen = new ArrayList<AccessStore.SignInCount>();
    store.countSignIn(
        List.of("name:old"),
        now.plusSeconds(1),
        counts -> {
          seen.addAll(counts.values());
          return new AccessStore.SignInDecision<>(true, List.of());
        });

    assertThat(seen).isEmpty();
  }

  @Test
  void a_token_is_found_by_its_hash_records_its_last_use_and_can_be_revoked() {
    assertThat(store.addToken("prometheus", "viewer", "tok-hash", "ann", now)).isTrue();
    assertThat(store.addToken("prometheus", "admin", "other", "ann", now)).isFalse();

    var used = store.useToken("tok-hash", now.plusSeconds(5)).orElseThrow();
    assertThat(used.role()).isEqualTo("viewer");
    assertThat(store.tokens())
        .singleElement()
        .satisfies(t -> assertThat(t.lastUsedAt()).contains(now.plusSeconds(5)));
    assertThat(store.useToken("wrong", now)).isEmpty();

    assertThat(store.removeToken("prometheus")).isTrue();
    assertThat(store.useToken("tok-hash", now)).isEmpty();
  }
}
