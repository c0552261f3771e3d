package dev.syncline.app.config;

import dev.syncline.core.Secret;
import dev.syncline.store.DatabaseSettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole of {@code syncline.yaml}, validated and with every default filled in.
 * docs/configuration.md describes each key; the schema in {@code syncline.schema.json} is the
 * authority on what is allowed.
 */
public record SynclineConfig(Server server, Database database, Logging logging) {

  public static final SynclineConfig DEFAULTS = new SynclineConfig(null, null, null);

  public SynclineConfig {
    server = Objects.requireNonNullElse(server, Server.DEFAULTS);
    database = Objects.requireNonNullElse(database, Database.DEFAULTS);
    logging = Objects.requireNonNullElse(logging, Logging.DEFAULTS);
  }

  /** The HTTP server: dashboard, API, health and metrics. */
  public record Server(String host, Integer port) {
    static final Server DEFAULTS = new Server(null, null);

    public Server {
      host = Objects.requireNonNullElse(host, "127.0.0.1");
      port = Objects.requireNonNullElse(port, 8080);
    }
  }

  /** Syncline's own PostgreSQL. With no {@code url}, the embedded server. */
  public record Database(
      Optional<String> url,
      Optional<String> user,
      Optional<Secret> password,
      Integer poolSize,
      Boolean migrateOnStart,
      Embedded embedded) {
    static final Database DEFAULTS =
        new Database(Optional.empty(), Optional.empty(), Optional.empty(), null, null, null);

    public Database {
      url = Objects.requireNonNullElse(url, Optional.empty());
      user = Objects.requireNonNullElse(user, Optional.empty());
      password = Objects.requireNonNullElse(password, Optional.empty());
      poolSize = Objects.requireNonNullElse(poolSize, 10);
      migrateOnStart = Objects.requireNonNullElse(migrateOnStart, true);
      embedded = Objects.requireNonNullElse(embedded, Embedded.DEFAULTS);
    }

    /** What the store needs to open this database. */
    public DatabaseSettings settings() {
      return new DatabaseSettings(
          url, user, password, Path.of(embedded.dataDirectory()), embedded.port(), poolSize);
    }

    Database withUrl(String newUrl) {
      return new Database(Optional.of(newUrl), user, password, poolSize, migrateOnStart, embedded);
    }
  }

  /** The embedded PostgreSQL, used when {@code database.url} is not set. */
  public record Embedded(String dataDirectory, Integer port) {
    static final Embedded DEFAULTS = new Embedded(null, null);

    public Embedded {
      dataDirectory = Objects.requireNonNullElse(dataDirectory, "data/postgres");
      port = Objects.requireNonNullElse(port, 0);
    }
  }

  /** How Syncline writes its log. */
  public record Logging(LogFormat format, String level) {
    static final Logging DEFAULTS = new Logging(null, null);

    public Logging {
      format = Objects.requireNonNullElse(format, LogFormat.TEXT);
      level = Objects.requireNonNullElse(level, "info");
    }
  }

  public enum LogFormat {
    TEXT,
    JSON;

    public static LogFormat parse(String text) {
      return valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** The same configuration listening on another port (the {@code --port} option). */
  public SynclineConfig withPort(int port) {
    return new SynclineConfig(new Server(server.host(), port), database, logging);
  }

  SynclineConfig withDatabaseUrl(String url) {
    return new SynclineConfig(server, database.withUrl(url), logging);
  }
}
