package dev.syncline.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncline's PostgreSQL: a connection pool, Jdbi on top of it, the migrations, and, when the
 * settings give no URL, the embedded server behind it. One per process; {@link #close()} releases
 * all of it in order.
 */
public final class Database implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Database.class);
  private static final Duration SOCKET_TIMEOUT = Duration.ofMinutes(30);

  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final Migrations migrations;
  private final Optional<EmbeddedPostgresServer> embedded;
  private final String displayUrl;
  private volatile boolean schemaCurrent;

  private Database(
      HikariDataSource dataSource, Optional<EmbeddedPostgresServer> embedded, String displayUrl) {
    this.dataSource = dataSource;
    this.embedded = embedded;
    this.displayUrl = displayUrl;
    this.jdbi =
        Jdbi.create(dataSource)
            .installPlugin(new PostgresPlugin())
            .installPlugin(new SqlObjectPlugin());
    this.migrations = new Migrations(dataSource);
  }

  /**
   * Connects to the database the settings name, starting the embedded server first when they name
   * none.
   *
   * @param metrics where the pool reports its gauges, if anywhere
   */
  public static Database open(DatabaseSettings settings, Optional<MeterRegistry> metrics) {
    Optional<EmbeddedPostgresServer> embedded = Optional.empty();
    JdbcUrl url;
    if (settings.isEmbedded()) {
      var server =
          EmbeddedPostgresServer.start(settings.embeddedDataDirectory(), settings.embeddedPort());
      embedded = Optional.of(server);
      url =
          new JdbcUrl(server.jdbcUrl(), Optional.of(EmbeddedPostgresServer.USER), Optional.empty());
    } else {
      url = JdbcUrl.parse(settings.url().orElseThrow());
    }
    var config = new HikariConfig();
    config.setPoolName("syncline");
    config.setJdbcUrl(url.url());
    settings.user().or(url::user).ifPresent(config::setUsername);
    settings.password().or(url::password).ifPresent(p -> config.setPassword(p.reveal()));
    config.setMaximumPoolSize(settings.poolSize());
    config.setMinimumIdle(Math.min(2, settings.poolSize()));
    config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
    // A statement whose answer never comes (a server or network gone silent) fails after this,
    // rather than holding its caller for ever. Long enough for a migration of a large database.
    config.addDataSourceProperty("socketTimeout", Long.toString(SOCKET_TIMEOUT.toSeconds()));
    // Do not fail here when the server is down: /ready reports it and the pool retries.
    config.setInitializationFailTimeout(-1);
    metrics.ifPresent(
        registry -> config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry)));
    try {
      var dataSource = new HikariDataSource(config);
      log.info("Database: {}", url.redacted());
      return new Database(dataSource, embedded, url.redacted());
    } catch (RuntimeException e) {
      embedded.ifPresent(EmbeddedPostgresServer::close);
      throw new StoreException(
          "Could not open the database at " + url.redacted() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Forgets every flow's state, cursor, run, job, link and event, and the limiters' bookkeeping:
   * for systems that start empty each time (the demo's sandboxes), where links to records of an
   * earlier run would be wrong. The audit log stays.
   */
  public static void forgetSyncState(Jdbi jdbi) {
    jdbi.useHandle(h ->
        h.execute(
            "TRUNCATE flow_state, sync_cursor, sync_run, sync_job, job_reference, link, link_member,"
                + " sync_event, sync_conflict,"
                + " limiter_slot, limiter_spend, limiter_wait, notification_state, sync_node"));
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** The address of the database, without its password. */
  public String displayUrl() {
    return displayUrl;
  }

  /** Where the embedded server keeps its data, when this database is the embedded one. */
  public Optional<Path> embeddedDataDirectory() {
    return embedded.map(EmbeddedPostgresServer::dataDirectory);
  }

  /**
   * Brings the schema up to date and tells how many migrations ran; refuses a database that does
   * not store text as UTF-8.
   */
  public int migrate() {
    Optional<String> encoding;
    try {
      encoding = encodingProblem();
    } catch (org.jdbi.v3.core.JdbiException e) {
      throw new StoreException(
          "The database at " + displayUrl + " could not be reached: " + e.getMessage(), e);
    }
    encoding.ifPresent(problem -> {
      throw new StoreException(problem, null);
    });
    var applied = migrations.migrate();
    schemaCurrent = true;
    if (applied > 0) {
      log.info(
          "Database schema migrated to version {} ({} migrations applied)",
          migrations.currentVersion(),
          applied);
    }
    return applied;
  }

  /** The schema version the database is at, "none" before the first migration. */
  public String schemaVersion() {
    return migrations.currentVersion();
  }

  /** Whether the database answers and its schema is the one this build expects. */
  public Readiness readiness() {
    Optional<String> encoding;
    try (var connection = dataSource.getConnection();
        var statement = connection.createStatement()) {
      statement.execute("SELECT 1");
      encoding = encodingProblem();
    } catch (SQLException | RuntimeException e) {
      return new Readiness(false, "database unreachable: " + e.getMessage());
    }
    if (encoding.isPresent()) {
      return new Readiness(false, encoding.get());
    }
    if (!schemaCurrent) {
      var pending = migrations.pending();
      if (pending > 0) {
        return new Readiness(false, pending + " migrations pending; run `syncline db migrate`");
      }
      schemaCurrent = true;
    }
    return new Readiness(
        true, "database reachable, schema at version " + migrations.currentVersion());
  }

  /**
   * Why the database cannot hold every name, if it cannot: one whose encoding is not UTF8 refuses
   * characters it lacks (LATIN1 has no "東京") or, as SQL_ASCII, stores bytes unchecked and compares
   * them wrongly.
   */
  private Optional<String> encodingProblem() {
    var encoding =
        jdbi.withHandle(h ->
            h.createQuery(
                    "SELECT pg_encoding_to_char(encoding) FROM pg_database"
                        + " WHERE datname = current_database()")
                .mapTo(String.class)
                .one());
    if (encoding.equals("UTF8")) {
      return Optional.empty();
    }
    return Optional.of(
        "The database at "
            + displayUrl
            + " stores text as "
            + encoding
            + ", which cannot hold every customer's name. Create one with ENCODING 'UTF8' (CREATE"
            + " DATABASE syncline ENCODING 'UTF8' TEMPLATE template0) and point Syncline at it.");
  }

  /** The answer to "can this process do its work with the database now?" */
  public record Readiness(boolean ready, String detail) {}

  @Override
  public void close() {
    dataSource.close();
    embedded.ifPresent(EmbeddedPostgresServer::close);
  }
}
