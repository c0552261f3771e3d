package dev.syncline.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.store.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
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
    store.startSession("s-bob", "bob", now, now.plus(Duration.ofHours(1)));

    assertThat(store.session("s-bob", now).orElseThrow().role()).isEqualTo("viewer");
    store.setRole("bob", "operator", now);
    assertThat(store.session("s-bob", now).orElseThrow().role()).isEqualTo("operator");
    assertThat(store.session("s-bob", now.plus(Duration.ofHours(2)))).isEmpty();
    assertThat(store.session("unknown", now)).isEmpty();
  }

  @Test
  void a_new_password_or_removing_the_user_ends_their_sessions() {
    store.addUser("cid", "viewer", "h", now);
    store.addUser("dee", "viewer", "h", now);
    store.startSession("s-cid", "cid", now, now.plus(Duration.ofHours(1)));
    store.startSession("s-dee", "dee", now, now.plus(Duration.ofHours(1)));

    assertThat(store.setPassword("cid", "h2", now)).isTrue();
    assertThat(store.removeUser("dee")).isTrue();

    assertThat(store.session("s-cid", now)).isEmpty();
    assertThat(store.session("s-dee", now)).isEmpty();
    assertThat(store.user("dee")).isEmpty();
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
