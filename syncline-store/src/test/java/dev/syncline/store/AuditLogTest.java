package dev.syncline.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.core.testing.SettableClock;
import dev.syncline.store.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuditLogTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  @Test
  void an_entry_is_timed_by_the_injected_clock_as_the_rest_of_the_store_is() {
    // Years before the database's own now(): an entry timed by it would be plainly later.
    var clock = SettableClock.at("2021-06-01T08:00:00Z");
    var audit = new AuditLog(db.jdbi(), clock);

    audit.record("alice", "flow.disable", "customers", "");
    clock.advance(Duration.ofMinutes(5));
    audit.record("bob", "flow.enable", "customers", "");

    assertThat(audit.recent(10))
        .extracting(AuditLog.Entry::actor, AuditLog.Entry::at)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("bob", Instant.parse("2021-06-01T08:05:00Z")),
            org.assertj.core.groups.Tuple.tuple("alice", Instant.parse("2021-06-01T08:00:00Z")));
  }
}
