package dev.syncline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncline.store.testing.TestDatabase;
import java.sql.DriverManager;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Syncline keeps names in any script, so it will not run on a database that cannot hold them. */
class DatabaseEncodingTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.empty();

  @Test
  void a_database_that_does_not_store_utf8_is_refused_with_what_to_do_and_left_unmigrated()
      throws Exception {
    var name = "latin_" + ProcessHandle.current().pid();
    try (var admin = DriverManager.getConnection(db.url());
        var statement = admin.createStatement()) {
      statement.execute(
          "CREATE DATABASE "
              + name
              + " ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
    }
    var url = db.url().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    try (var latin1 = Database.open(DatabaseSettings.external(url), Optional.empty())) {
      var readiness = latin1.readiness();

      assertThat(readiness.ready()).isFalse();
      assertThat(readiness.detail()).contains("stores text as LATIN1").contains("ENCODING 'UTF8'");
      assertThatThrownBy(latin1::migrate)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("stores text as LATIN1");
      assertThat(latin1.schemaVersion()).isEqualTo("none");
    } finally {
      try (var admin = DriverManager.getConnection(db.url());
          var statement = admin.createStatement()) {
        statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }

  @Test
  void the_test_database_stores_utf8_and_is_ready_once_migrated() {
    db.database().migrate();

    assertThat(db.database().readiness().ready()).isTrue();
  }
}
