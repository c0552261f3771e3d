package dev.syncline.app.cli;

import dev.syncline.app.UserError;
import dev.syncline.app.config.ConfigException;
import dev.syncline.app.config.ConfigLoader;
import dev.syncline.app.config.SynclineConfig;
import dev.syncline.app.config.SynclineConfig.LogFormat;
import dev.syncline.app.logging.Logging;
import dev.syncline.app.wiring.Systems;
import dev.syncline.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code syncline}: the root command, holding the options every subcommand shares. */
@Command(
    name = "syncline",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Keeps NetSuite and B2B sales channels (JOOR, Zoey) in sync.",
    subcommands = {
      ServeCommand.class,
      DemoCommand.class,
      ConfigCommand.class,
      DbCommand.class,
      SandboxCommand.class,
      FlowsCommand.class,
      SyncCommand.class,
      FailedCommand.class,
      ResyncCommand.class,
      ConflictsCommand.class,
      UserCommand.class,
      VersionCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {"", "Documentation: docs/ in the repository, starting with docs/configuration.md."})
public final class SynclineCommand implements Runnable {

  static final Path DEFAULT_CONFIG = Path.of("syncline.yaml");

  /**
   * Set by the {@code ./syncline} script to the way it was called, so hints can be run as shown.
   */
  static final String LAUNCHER_VARIABLE = "SYNCLINE_LAUNCHER";

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description =
          "The configuration file (default: syncline.yaml in the current folder, if there).")
  Path configFile;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      scope = ScopeType.INHERIT,
      description = "text or json (default: the config's logging.format, else text).")
  LogFormat logFormat;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Show stack traces with errors.")
  boolean verbose;

  Map<String, String> environment = Map.of();
  PrintWriter out;
  PrintWriter err;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(out);
  }

  /** Parses and runs one command line; never throws, returns the exit code. */
  public static int execute(
      String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
    var root = new SynclineCommand();
    root.environment = Map.copyOf(environment);
    root.out = out;
    root.err = err;
    var cli = new CommandLine(root);
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler((ex, argv) -> {
      err.println("syncline: " + ex.getMessage());
      err.println(
          "Run `"
              + root.command((commandPath(ex.getCommandLine()) + " --help").strip())
              + "` for usage.");
      return ExitCode.USER_ERROR;
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      var verbose = root.verbose;
      if (ex instanceof ConfigException config) {
        config.problems().forEach(p -> err.println(p));
        return ExitCode.USER_ERROR;
      }
      if (ex instanceof UserError || ex instanceof StoreException) {
        err.println("syncline: " + ex.getMessage());
        if (verbose) {
          ex.printStackTrace(err);
        }
        return ExitCode.USER_ERROR;
      }
      err.println("syncline: internal error: " + ex);
      if (verbose) {
        ex.printStackTrace(err);
      } else {
        err.println("Run again with --verbose for the stack trace, and report it.");
      }
      return ExitCode.INTERNAL_ERROR;
    });
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * A command line as the user can run it from here: through the launcher script when it started
   * this process, else through the jar this runs from.
   */
  String command(String arguments) {
    var launcher = environment.getOrDefault(LAUNCHER_VARIABLE, "");
    if (!launcher.isBlank()) {
      return launcher + " " + arguments;
    }
    return jar().map(jar -> "java -jar " + jar + " " + arguments).orElse("syncline " + arguments);
  }

  /** The jar this runs from, relative to the current folder when it lies below it. */
  private static java.util.Optional<Path> jar() {
    try {
      var location =
          Path.of(
              SynclineCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!location.toString().endsWith(".jar")) {
        return java.util.Optional.empty();
      }
      var here = Path.of("").toAbsolutePath();
      return java.util.Optional.of(
          location.startsWith(here) ? here.relativize(location) : location);
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  private static String commandPath(CommandLine commandLine) {
    var names = new java.util.ArrayList<String>();
    for (var c = commandLine; c != null && c.getParent() != null; c = c.getParent()) {
      names.addFirst(c.getCommandName());
    }
    return String.join(" ", names);
  }

  /** The loader with every check, those against the systems' adapters included. */
  ConfigLoader loader() {
    return loader(environment);
  }

  ConfigLoader loader(Map<String, String> env) {
    return new ConfigLoader(env, List.of(Systems.check(InstantSource.system())));
  }

  /**
   * The configuration: the named file, or {@code syncline.yaml} here, or the defaults when there is
   * no such file and none was named. Sets up logging as the options and the file say.
   */
  SynclineConfig loadConfig() {
    var loader = loader();
    if (configFile != null) {
      return withLogging(loader.load(configFile));
    }
    if (Files.exists(DEFAULT_CONFIG)) {
      return withLogging(loader.load(DEFAULT_CONFIG));
    }
    var config = withLogging(loader.defaults());
    LoggerFactory.getLogger(SynclineCommand.class)
        .info("No {} here; using the defaults (see docs/configuration.md)", DEFAULT_CONFIG);
    return config;
  }

  /**
   * The configuration for a command that only talks to a running node: read, but no logging set up.
   */
  SynclineConfig loadConfigQuietly() {
    var loader = new ConfigLoader(environment);
    if (configFile != null) {
      return loader.load(configFile);
    }
    return Files.exists(DEFAULT_CONFIG) ? loader.load(DEFAULT_CONFIG) : loader.defaults();
  }

  private SynclineConfig withLogging(SynclineConfig config) {
    configureLogging(config);
    return config;
  }

  void configureLogging(SynclineConfig config) {
    Logging.configure(
        logFormat != null ? logFormat : config.logging().format(), config.logging().level());
  }
}
