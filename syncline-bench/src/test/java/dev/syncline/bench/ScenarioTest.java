package dev.syncline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.bench.report.Figure;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScenarioTest {

  @TempDir Path dir;

  /** A scenario whose figures are given, as if it had measured them. */
  @CommandLine.Command(name = "given")
  static final class Given extends Scenario {
    private final List<Figure> figures;

    Given(List<Figure> figures) {
      this.figures = figures;
    }

    @Override
    Measured measure() {
      return new Measured(List.of("nothing run"), figures, List.of(), List.of());
    }
  }

  private int run(List<Figure> figures, StringWriter err) {
    return new CommandLine(new Given(figures))
        .setOut(new PrintWriter(new StringWriter()))
        .setErr(new PrintWriter(err))
        .execute("--report", dir.resolve("benchmarks.md").toString());
  }

  @Test
  void a_figure_that_could_not_be_measured_is_reported_as_such_and_fails_the_run()
      throws Exception {
    var err = new StringWriter();

    var exit =
        run(
            List.of(
                Figure.of("records per second", "61.0"),
                Figure.notMeasured(
                    "peak heap", "the node's /metrics did not answer", Optional.of("≤ 512 MB"))),
            err);

    assertThat(exit).isEqualTo(1);
    assertThat(Files.readString(dir.resolve("benchmarks.md")))
        .contains(
            "| peak heap | not measured: the node's /metrics did not answer | ≤ 512 MB |"
                + " **not measured** |")
        .doesNotContain("0 MB");
    assertThat(err.toString()).contains("peak heap could not be measured");
  }

  @Test
  void a_run_whose_figures_were_all_measured_succeeds_even_below_a_goal() {
    var exit =
        run(
            List.of(Figure.against("calls per customer", "3.00", "≤ 1.05", false)),
            new StringWriter());

    assertThat(exit).isZero();
  }
}
