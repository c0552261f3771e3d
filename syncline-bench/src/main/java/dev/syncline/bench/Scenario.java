package dev.syncline.bench;

import dev.syncline.bench.report.Figure;
import dev.syncline.bench.report.Machine;
import dev.syncline.bench.report.Report;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every scenario command shares: it measures, then appends its report with the machine, the
 * commit and the command that repeats it, and prints it.
 */
abstract class Scenario implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      defaultValue = "docs/benchmarks.md",
      description = "The page the run is appended to (default: ${DEFAULT-VALUE}).")
  Path report;

  /** What a scenario measured, and the arguments that repeat it. */
  record Measured(
      List<String> settings, List<Figure> figures, List<String> notes, List<String> args) {}

  abstract Measured measure();

  private final long started = System.nanoTime();

  @Override
  public final Integer call() {
    var machine = Machine.current();
    var at = Instant.now();
    var commit = Report.currentCommit(report);
    progress("measuring " + spec.name() + " on " + machine.describe());
    var measured = measure();
    var command = new ArrayList<String>(List.of("./syncline", "bench", spec.name()));
    command.addAll(measured.args());
    var run =
        new Report(
            spec.name(),
            at,
            commit,
            machine,
            measured.settings(),
            measured.figures(),
            measured.notes(),
            String.join(" ", command));
    run.appendTo(report);
    var out = spec.commandLine().getOut();
    out.print(run.markdown());
    out.println("(appended to " + report + ")");
    out.flush();
    var unmeasured = measured.figures().stream().filter(f -> !f.measured()).toList();
    if (!unmeasured.isEmpty()) {
      progress(
          "failed: "
              + String.join(", ", unmeasured.stream().map(Figure::name).toList())
              + " could not be measured (see the report)");
      return 1;
    }
    return 0;
  }

  /** A line on standard error, so that a long run shows where it is. */
  void progress(String message) {
    var err = spec.commandLine().getErr();
    err.printf(
        java.util.Locale.ROOT,
        "bench [%5.1f s]: %s%n",
        (System.nanoTime() - started) / 1e9,
        message);
    err.flush();
  }
}
