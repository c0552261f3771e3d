package dev.syncline.app.cli;

import dev.syncline.store.AuditLog;
import dev.syncline.store.Database;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code syncline db}: Syncline's own database. */
@Command(
    name = "db",
    mixinStandardHelpOptions = true,
    description = "Work with Syncline's own database.",
    subcommands = {DbCommand.Migrate.class})
final class DbCommand extends Subcommand implements Runnable {

  @Override
  public void run() {
    spec.commandLine().usage(root().out);
  }

  /**
   * {@code syncline db migrate}: brings the schema up to date; safe to run again and from several
   * nodes.
   */
  @Command(
      name = "migrate",
      mixinStandardHelpOptions = true,
      description = {
        "Bring the database schema up to date. Safe to run again, and while other nodes run.",
        "serve and demo do this at start unless database.migrateOnStart is false."
      })
  static final class Migrate extends Subcommand implements Callable<Integer> {

    @Override
    public Integer call() {
      var root = root();
      var config = root.loadConfig();
      try (var database = Database.open(config.database().settings(), Optional.empty())) {
        var applied = database.migrate();
        var version = database.schemaVersion();
        new AuditLog(database.jdbi(), InstantSource.system())
            .record(
                "cli",
                "db.migrate",
                "schema",
                applied + " migrations applied, now at version " + version);
        root.out.println(
            applied == 0
                ? "The database schema is up to date (version " + version + ")."
                : "Applied "
                    + applied
                    + " migration(s); the database schema is at version "
                    + version
                    + ".");
      }
      return ExitCode.OK;
    }
  }
}
