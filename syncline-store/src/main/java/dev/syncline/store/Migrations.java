package dev.syncline.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** The schema, kept by the Flyway migrations in {@code db/migration} on the classpath. */
final class Migrations {

  private final Flyway flyway;

  Migrations(DataSource dataSource) {
    this.flyway =
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            // A cleaned database would lose every link and job: never allow it.
            .cleanDisabled(true)
            .load();
  }

  /** Applies what is pending and tells how many migrations ran. */
  int migrate() {
    try {
      return flyway.migrate().migrationsExecuted;
    } catch (FlywayException e) {
      throw new StoreException("The database schema could not be migrated: " + e.getMessage(), e);
    }
  }

  /** Migrations known to this build and not yet applied to the database. */
  int pending() {
    return flyway.info().pending().length;
  }

  /** The version the database is at, or "none" before the first migration. */
  String currentVersion() {
    var current = flyway.info().current();
    return current == null ? "none" : current.getVersion().getVersion();
  }
}
