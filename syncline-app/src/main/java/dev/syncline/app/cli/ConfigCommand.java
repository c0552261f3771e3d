package dev.syncline.app.cli;

import dev.syncline.app.config.SynclineConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code syncline config}: the configuration file. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Work with the configuration file.",
    subcommands = {ConfigCommand.Check.class})
final class ConfigCommand extends Subcommand implements Runnable {

  @Override
  public void run() {
    spec.commandLine().usage(root().out);
  }

  /** {@code syncline config check [FILE]}: OK and a summary, or every problem; exit 0 or 1. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Check a configuration file and print OK with a summary, or every problem with its line and column.",
        "Exit code 0 when it is usable, 1 when it is not."
      })
  static final class Check extends Subcommand implements Callable<Integer> {

    @Parameters(
        arity = "0..1",
        paramLabel = "FILE",
        description = "The file to check (default: --config, else syncline.yaml).")
    Path file;

    @Override
    public Integer call() {
      var root = root();
      var target =
          file != null
              ? file
              : root.configFile != null ? root.configFile : SynclineCommand.DEFAULT_CONFIG;
      var config = root.loader().load(target);
      root.out.println("OK " + target + ": " + summary(config));
      return ExitCode.OK;
    }

    static String summary(SynclineConfig config) {
      var db = config.database();
      var database =
          db.url().isPresent()
              ? "database at a configured URL"
              : "embedded database in " + db.embedded().dataDirectory();
      return database
          + ", HTTP on "
          + config.server().host()
          + ":"
          + config.server().port()
          + ", log "
          + config.logging().format().name().toLowerCase(java.util.Locale.ROOT)
          + " at "
          + config.logging().level();
    }
  }
}
