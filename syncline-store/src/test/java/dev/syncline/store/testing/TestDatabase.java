package dev.syncline.store.testing;

import dev.syncline.store.Database;
import dev.syncline.store.DatabaseSettings;
import dev.syncline.store.JdbcUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL database for one test class, dropped after it.
 *
 * <p>The server is the one {@code TEST_DATABASE_URL} names (a JDBC or libpq URL of a user who may
 * create databases), or else one embedded cluster per test JVM, started on first use. Register it
 * on a static field:
 *
 * <pre>{@code @RegisterExtension static final TestDatabase db = TestDatabase.migrated();}</pre>
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback {

  private static final AtomicInteger sequence = new AtomicInteger();
  private static final String RUN = Long.toString(ProcessHandle.current().pid(), 36);

  private final boolean migrated;
  private String name;
  private Database database;

  private TestDatabase(boolean migrated) {
    this.migrated = migrated;
  }

  /** An empty database: no tables, no migrations applied. */
  public static TestDatabase empty() {
    return new TestDatabase(false);
  }

  /** A database with every migration applied. */
  public static TestDatabase migrated() {
    return new TestDatabase(true);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    name = "test_" + RUN + "_" + sequence.incrementAndGet();
    Server.instance().execute("CREATE DATABASE " + name);
    database = Database.open(DatabaseSettings.external(url()), Optional.empty());
    if (migrated) {
      database.migrate();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    database.close();
    Server.instance().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  /** A JDBC URL of this class's database, with its credentials. */
  public String url() {
    return Server.instance().urlOf(name);
  }

  public Database database() {
    return database;
  }

  public Jdbi jdbi() {
    return database.jdbi();
  }

  /**
   * Keeps a conflict of a customer flow as a two-way write does (side A master of the field), for
   * the tests of the surfaces that list and acknowledge conflicts on a node whose flows are one
   * way; the engine's own tests make them by merging. Returns its id.
   */
  public long conflict(
      String flow, String aId, String bId, String field, String kept, String dropped) {
    return jdbi()
        .withHandle(h ->
            h.createQuery(
                    """
                    INSERT INTO sync_conflict (at, flow, record_type, field, master, a_id, b_id, kept, dropped, message)
                    VALUES (now(), :flow, 'customer', :field, 'A', :a, :b, :kept, :dropped,
                        'Field ' || :field || ' changed on both sides since the last sync')
                    RETURNING id
                    """)
                .bind("flow", flow)
                .bind("field", field)
                .bind("a", aId)
                .bind("b", bId)
                .bind("kept", kept)
                .bind("dropped", dropped)
                .mapTo(Long.class)
                .one());
  }

  /** The PostgreSQL server the test databases live on, shared by every test class in this JVM. */
  private static final class Server {

    private static Server instance;

    private final String adminUrl;
    private final String baseUrl;
    private final String credentials;

    private Server(String adminUrl, String baseUrl, String credentials) {
      this.adminUrl = adminUrl;
      this.baseUrl = baseUrl;
      this.credentials = credentials;
    }

    static synchronized Server instance() {
      if (instance == null) {
        var external = System.getenv("TEST_DATABASE_URL");
        instance = external == null || external.isBlank() ? embedded() : external(external);
      }
      return instance;
    }

    private static Server embedded() {
      try {
        var postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(() -> {
                  try {
                    postgres.close();
                  } catch (IOException ignored) {
                    // The JVM is going away; the cluster's temporary directory goes with it.
                  }
                }));
        var url = postgres.getJdbcUrl("postgres", "postgres");
        return new Server(url, url.substring(0, url.lastIndexOf('/') + 1), "?user=postgres");
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", e);
      }
    }

    private static Server external(String url) {
      var parsed = JdbcUrl.parse(url);
      var jdbc = parsed.url();
      var query = jdbc.indexOf('?');
      var params = new StringBuilder(query < 0 ? "" : jdbc.substring(query + 1));
      jdbc = query < 0 ? jdbc : jdbc.substring(0, query);
      parsed
          .user()
          .ifPresent(
              u -> params.append(params.isEmpty() ? "" : "&").append("user=").append(encode(u)));
      parsed
          .password()
          .ifPresent(p ->
              params
                  .append(params.isEmpty() ? "" : "&")
                  .append("password=")
                  .append(encode(p.reveal())));
      var credentials = params.isEmpty() ? "" : "?" + params;
      return new Server(
          jdbc + credentials, jdbc.substring(0, jdbc.lastIndexOf('/') + 1), credentials);
    }

    private static String encode(String value) {
      return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    String urlOf(String database) {
      return baseUrl + database + credentials;
    }

    void execute(String sql) {
      try (Connection connection = DriverManager.getConnection(adminUrl);
          var statement = connection.createStatement()) {
        statement.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException(
            "Test database setup failed on `" + sql + "`: " + e.getMessage(), e);
      }
    }
  }
}
