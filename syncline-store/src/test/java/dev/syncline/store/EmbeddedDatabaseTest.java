package dev.syncline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
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

  /** The pid file of the running server, and the folder of its programs (pg_ctl beside it). */
  private record Running(String pidFile, Path bin) {}

  private Running running(Database database) throws IOException {
    var pidFile = Files.readString(dataDirectory.resolve("postmaster.pid"));
    var pid = pidFile.lines().findFirst().orElseThrow();
    var bin = Files.readSymbolicLink(Path.of("/proc", pid, "exe")).getParent();
    assertThat(database.readiness().ready()).isTrue();
    return new Running(pidFile, bin);
  }

  /** The data, as a first start leaves it: one audit entry, and the server's details. */
  private Running firstStart() throws IOException {
    try (var first = Database.open(DatabaseSettings.embedded(dataDirectory), Optional.empty())) {
      first.migrate();
      new AuditLog(first.jdbi(), InstantSource.system())
          .record("zoë", "flow.enable", "customer: netsuite -> joor 🚀", "");
      return running(first);
    }
  }

  private void assertStartsWithItsData() {
    try (var again = Database.open(DatabaseSettings.embedded(dataDirectory), Optional.empty())) {
      assertThat(again.readiness().ready()).isTrue();
      assertThat(new AuditLog(again.jdbi(), InstantSource.system()).recent(10))
          .extracting(AuditLog.Entry::actor)
          .containsExactly("zoë");
    }
  }

  private static long pid(String pidFile) {
    return Long.parseLong(pidFile.lines().findFirst().orElseThrow());
  }

  /**
   * What kill -9 of Syncline leaves: a postmaster on the data that no Syncline holds, started here
   * the way the embedded server starts it, with pg_ctl, so that it is not this process's child.
   */
  @Test
  void stops_a_server_left_running_on_its_data_and_starts_again()
      throws IOException, InterruptedException {
    var first = firstStart();
    var command = new java.util.ArrayList<String>();
    if ((int) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0) {
      // PostgreSQL will not run as root; the embedded server runs it in a user namespace too.
      command.addAll(java.util.List.of("unshare", "-U"));
    }
    command.addAll(
        java.util.List.of(
            first.bin().resolve("pg_ctl").toString(),
            "-D",
            dataDirectory.toAbsolutePath().toString(),
            "-o",
            "-p " + freePort() + " -F",
            "-w",
            "start"));
    var pgCtl =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(pgCtl.waitFor()).as("pg_ctl started the server").isZero();
    var leftover = pid(Files.readString(dataDirectory.resolve("postmaster.pid")));
    try {
      assertThat(ProcessHandle.of(leftover)).isPresent();

      assertStartsWithItsData();

      assertThat(LeftoverPostmaster.running(leftover)).as("the leftover server stopped").isFalse();
    } finally {
      ProcessHandle.of(leftover).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  /**
   * After a reboot, the pid in a stale postmaster.pid may belong to any program: PostgreSQL alone
   * would refuse to start, taking it for another server.
   */
  @Test
  void starts_on_data_whose_stale_pid_file_names_a_living_unrelated_process() throws IOException {
    var first = firstStart();
    var unrelated = new ProcessBuilder("sleep", "600").start();
    try {
      Files.writeString(
          dataDirectory.resolve("postmaster.pid"),
          first.pidFile().replaceFirst("^[0-9]+", Long.toString(unrelated.pid())));

      assertStartsWithItsData();

      assertThat(unrelated.isAlive()).as("the unrelated process is left alone").isTrue();
    } finally {
      unrelated.destroyForcibly();
    }
  }

  /**
   * A server killed with its Syncline (a power cut) leaves its pid file: PostgreSQL sees it dead.
   */
  @Test
  void starts_on_data_whose_stale_pid_file_names_a_process_that_is_gone()
      throws IOException, InterruptedException {
    var first = firstStart();
    var gone = new ProcessBuilder("true").start();
    assertThat(gone.waitFor()).isZero();
    Files.writeString(
        dataDirectory.resolve("postmaster.pid"),
        first.pidFile().replaceFirst("^[0-9]+", Long.toString(gone.pid())));

    assertStartsWithItsData();
  }

  @Test
  void refuses_a_port_another_program_listens_on_at_once() throws IOException {
    try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      var settings =
          new DatabaseSettings(
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              dataDirectory,
              taken.getLocalPort(),
              DatabaseSettings.DEFAULT_POOL_SIZE);

      assertThatThrownBy(() -> Database.open(settings, Optional.empty()))
          .isInstanceOf(StoreException.class)
          .hasMessage(
              "Port "
                  + taken.getLocalPort()
                  + ", which database.embedded.port gives the embedded PostgreSQL, is in use by"
                  + " another program. Set database.embedded.port to a free port, or to 0 for any"
                  + " free one.");
    }
    assertStartsAfresh();
  }

  /** The refusal left the data directory as it was: nothing holds it. */
  private void assertStartsAfresh() {
    try (var fresh = Database.open(DatabaseSettings.embedded(dataDirectory), Optional.empty())) {
      fresh.migrate();
      assertThat(fresh.readiness().ready()).isTrue();
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
