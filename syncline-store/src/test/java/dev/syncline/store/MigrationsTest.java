package dev.syncline.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.store.testing.TestDatabase;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MigrationsTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.empty();

  @Test
  void a_new_database_is_not_ready_until_migrated_and_migrating_twice_changes_nothing() {
    var database = db.database();

    var before = database.readiness();
    assertThat(before.ready()).isFalse();
    assertThat(before.detail()).contains("pending").contains("syncline db migrate");

    assertThat(database.migrate()).isPositive();
    assertThat(database.readiness().ready()).isTrue();
    assertThat(database.schemaVersion()).isNotEqualTo("none");

    assertThat(database.migrate()).isZero();
  }

  @Test
  void the_migrated_schema_holds_the_audit_log() {
    var database = db.database();
    database.migrate();
    var audit = new AuditLog(database.jdbi(), InstantSource.system());

    audit.record("cli", "db.migrate", "schema", "to version " + database.schemaVersion());
    audit.record("alice", "flow.disable", "customer: netsuite -> joor", "");

    assertThat(audit.recent(10))
        .extracting(AuditLog.Entry::actor, AuditLog.Entry::action)
        .startsWith(
            org.assertj.core.groups.Tuple.tuple("alice", "flow.disable"),
            org.assertj.core.groups.Tuple.tuple("cli", "db.migrate"));
  }
}
