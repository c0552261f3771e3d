package dev.syncline.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run by this process from the binaries on the classpath (Linux only). Its data
 * directory is kept between runs; {@link #close()} stops the server cleanly so that the next start
 * needs no recovery.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  static final String DATABASE = "syncline";
  static final String USER = "postgres";

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;
  private final FileChannel lock;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, FileChannel lock) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
    this.lock = lock;
  }

  static EmbeddedPostgresServer start(Path dataDirectory, int port) {
    var dir = dataDirectory.toAbsolutePath().normalize();
    var fresh = !Files.exists(dir.resolve("PG_VERSION"));
    var lock = lock(dir);
    try {
      Files.createDirectories(dir);
      LeftoverPostmaster.clear(dir);
      var builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dir)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              .setPGStartupWait(Duration.ofSeconds(60))
              // A desktop-sized server: the store needs few connections and little memory.
              .setServerConfig("max_connections", "100")
              .setServerConfig("shared_buffers", "64MB");
      if (port > 0) {
        requireFree(port);
        builder.setPort(port);
      }
      var postgres = builder.start();
      var server = new EmbeddedPostgresServer(postgres, dir, lock);
      server.createDatabaseIfMissing();
      log.info(
          "Embedded PostgreSQL {} on port {} with data in {}",
          fresh ? "initialised" : "started",
          postgres.getPort(),
          dir);
      return server;
    } catch (StoreException e) {
      release(lock);
      throw e;
    } catch (IOException | RuntimeException e) {
      release(lock);
      throw new StoreException(
          "Could not start the embedded PostgreSQL with data in " + dir + ": " + rootMessage(e), e);
    }
  }

  /**
   * Takes the lock beside the data directory (initdb wants the directory itself empty), so that a
   * second process, or a second server in this one, is refused with a message rather than
   * corrupting the data. The lock file holds the pid of the process that has it, for that message.
   * The operating system lets go of the lock when its process dies, however it dies, so a held lock
   * means a living Syncline.
   */
  private static FileChannel lock(Path dir) {
    var lockFile = dir.resolveSibling(dir.getFileName() + ".lock");
    try {
      Files.createDirectories(dir.getParent());
      var channel =
          FileChannel.open(
              lockFile,
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      String stop;
      try {
        if (channel.tryLock() != null) {
          channel.truncate(0);
          channel.write(
              ByteBuffer.wrap(
                  (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
          channel.force(false);
          return channel;
        }
        stop =
            holder(channel)
                .map(pid -> " (pid " + pid + "). Stop that process (`kill " + pid + "`)")
                .orElse(". Stop that process");
      } catch (OverlappingFileLockException e) {
        // Held by this very process: the same answer as for another one.
        stop = " (this one). Stop the other server in it";
      }
      channel.close();
      throw new StoreException(
          "The embedded PostgreSQL data in "
              + dir
              + " is in use by another Syncline process"
              + stop
              + ", or set database.embedded.dataDirectory to another folder.");
    } catch (IOException e) {
      throw new StoreException("Could not lock " + lockFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * PostgreSQL that cannot listen does not start, and the embedded server would only notice by
   * waiting its whole startup wait for it.
   */
  private static void requireFree(int port) {
    try (var socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new StoreException(
          "Port "
              + port
              + ", which database.embedded.port gives the embedded PostgreSQL, is in use by another"
              + " program. Set database.embedded.port to a free port, or to 0 for any free one.",
          e);
    }
  }

  /**
   * Read through the channel already open: on Linux, closing any other handle on the file would
   * drop this process's locks on it.
   */
  private static Optional<Long> holder(FileChannel channel) throws IOException {
    var buffer = ByteBuffer.allocate(32);
    channel.read(buffer, 0);
    var text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
    return text.matches("[0-9]{1,19}") ? Optional.of(Long.parseLong(text)) : Optional.empty();
  }

  private static void release(FileChannel lock) {
    try {
      lock.close();
    } catch (IOException e) {
      log.warn("Could not release the lock beside the embedded data directory: {}", e.getMessage());
    }
  }

  String jdbcUrl() {
    return postgres.getJdbcUrl(USER, DATABASE);
  }

  Path dataDirectory() {
    return dataDirectory;
  }

  private void createDatabaseIfMissing() {
    try (var connection = postgres.getPostgresDatabase().getConnection();
        var statement = connection.createStatement()) {
      try (var rs =
          statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
        if (rs.next()) {
          return;
        }
      }
      statement.execute("CREATE DATABASE " + DATABASE);
    } catch (SQLException e) {
      throw new StoreException(
          "Could not create the database '" + DATABASE + "': " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      postgres.close();
      log.info("Embedded PostgreSQL stopped");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      release(lock);
    }
  }

  private static String rootMessage(Throwable e) {
    var root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
