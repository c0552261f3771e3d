package dev.syncline.bench;

import dev.syncline.app.config.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code syncline bench}: one scenario per command, each appending its figures to the report. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure Syncline against the sandboxes with realistic latency and limits. Each scenario",
      "appends its figures, the machine and the command that repeats it to docs/benchmarks.md."
    },
    subcommands = {
      InitialLoadCommand.class,
      SteadyStateCommand.class,
      NoOpCommand.class,
      EngineOverheadCommand.class,
      CapacityCommand.class,
      ScaleOutCommand.class,
      MicroCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {"", "docs/benchmarks.md says what each figure means and how it is computed."})
final class BenchCommand implements Runnable {

  static final int USER_ERROR = 1;
  static final int FAILED = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Parses and runs one command line; never throws, returns the exit code. */
  static int execute(String[] args, PrintWriter out, PrintWriter err) {
    var cli = new CommandLine(new BenchCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.registerConverter(Duration.class, Durations::parse);
    cli.setParameterExceptionHandler((ex, argv) -> {
      err.println("bench: " + ex.getMessage());
      err.println(
          "Run `./syncline bench " + commandName(ex.getCommandLine()) + " --help` for usage.");
      return USER_ERROR;
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (ex instanceof IllegalArgumentException) {
        err.println("bench: " + ex.getMessage());
        return USER_ERROR;
      }
      err.println("bench: the run failed: " + ex.getMessage());
      ex.printStackTrace(err);
      return FAILED;
    });
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static String commandName(CommandLine commandLine) {
    return commandLine.getParent() == null ? "" : " " + commandLine.getCommandName();
  }
}
