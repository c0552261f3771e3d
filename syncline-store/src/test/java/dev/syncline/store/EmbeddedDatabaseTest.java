package dev.syncline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

  @TempDir Path dataDirectory;

  @Test
  void keeps_its_data_across_a_restart() {
    var settings = DatabaseSettings.embedded(dataDirectory);
    try (var first = Database.open(settings, Optional.empty())) {
      first.migrate();
      new AuditLog(first.jdbi(), InstantSource.system())
          .record("alice", "flow.enable", "customer: netsuite -> joor", "");
    }

    try (var second = Database.open(settings, Optional.empty())) {
      assertThat(second.readiness().ready()).isTrue();
      assertThat(new AuditLog(second.jdbi(), InstantSource.system()).recent(10))
          .extracting(AuditLog.Entry::actor)
          .containsExactly("alice");
      assertThat(second.embeddedDataDirectory())
          .contains(dataDirectory.toAbsolutePath().normalize());
    }
  }

  @Test
  void refuses_a_data_directory_that_another_server_is_using() {
    var settings = DatabaseSettings.embedded(dataDirectory);
    try (var first = Database.open(settings, Optional.empty())) {
      assertThatThrownBy(() -> Database.open(settings, Optional.empty()))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(dataDirectory.toAbsolutePath().normalize().toString())
          .hasMessageContaining("in use by another Syncline process")
          .hasMessageContaining("database.embedded.dataDirectory");
      first.migrate();
      assertThat(first.readiness().ready()).as("the first server still serves").isTrue();
    }
  }
}
