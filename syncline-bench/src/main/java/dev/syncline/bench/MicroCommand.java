package dev.syncline.bench;

import dev.syncline.bench.report.Figure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The JMH micro-benchmarks of the pieces every record or call goes through. */
@Command(
    name = "micro",
    mixinStandardHelpOptions = true,
    description = {
      "JMH micro-benchmarks: the NetSuite OAuth 1.0a signer, the JSONata filter and mapping, the",
      "record hashing. Short runs (1 fork); their figures are for decisions, not for the third digit."
    })
final class MicroCommand extends Scenario {

  @Parameters(
      arity = "0..1",
      paramLabel = "REGEX",
      defaultValue = ".*",
      description = "Only the benchmarks whose full name this finds, like OAuth1 (default: all).")
  String include;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      defaultValue = "5",
      description = "Measured iterations of one second each (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "3",
      description = "Warm-up iterations of one second each (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Override
  Measured measure() {
    if (iterations < 1 || warmup < 0) {
      throw new IllegalArgumentException(
          "--iterations must be at least 1 and --warmup not negative");
    }
    var options =
        new OptionsBuilder()
            .include(include)
            .forks(1)
            .warmupIterations(warmup)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(iterations)
            .measurementTime(TimeValue.seconds(1))
            .mode(Mode.AverageTime)
            .timeUnit(TimeUnit.MICROSECONDS)
            .shouldFailOnError(true)
            .build();
    List<RunResult> results;
    try {
      results = new ArrayList<>(new Runner(options).run());
    } catch (RunnerException e) {
      throw new IllegalStateException("JMH failed: " + e.getMessage(), e);
    }
    if (results.isEmpty()) {
      throw new IllegalArgumentException("No benchmark matches " + include);
    }
    results.sort(Comparator.comparing(r -> r.getParams().getBenchmark()));
    var figures = new ArrayList<Figure>();
    for (var r : results) {
      var name = r.getParams().getBenchmark();
      var shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      var score = r.getPrimaryResult();
      figures.add(
          Figure.of(
              shortName,
              String.format(
                  Locale.ROOT,
                  "%.2f ± %.2f %s",
                  score.getScore(),
                  score.getScoreError(),
                  score.getScoreUnit())));
    }
    var args = new ArrayList<String>();
    if (!include.equals(".*")) {
      args.add(include);
    }
    args.addAll(
        List.of(
            "--warmup", Integer.toString(warmup), "--iterations", Integer.toString(iterations)));
    return new Measured(
        List.of(
            "JMH 1.37, 1 fork, "
                + warmup
                + " warm-up and "
                + iterations
                + " measured iterations of 1 s, average time per operation, one thread"),
        figures,
        List.of(
            "The ± is JMH's 99.9 % confidence interval over the measured iterations of one fork;"
                + " on a shared 2-core machine read the figures to within a factor, not a digit."),
        args);
  }
}
