package dev.syncline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness end to end at a tiny size and without latency: sandboxes, database, a node in its own
 * process, the figures and the report. The scenarios themselves are run with ./syncline bench,
 * never by the test suite.
 */
class BenchSmokeTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int bench(String... args) {
    return BenchCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void an_initial_load_of_a_few_customers_is_measured_and_reported() throws Exception {
    var report = dir.resolve("benchmarks.md");

    var exit =
        bench(
            "initial-load",
            "--size",
            "20",
            "--record-latency",
            "0ms",
            "--suiteql-latency",
            "0ms",
            "--joor-job-delay",
            "0ms",
            "--report",
            report.toString());

    assertThat(exit).as(err.toString()).isZero();
    var text = Files.readString(report);
    assertThat(text)
        .contains("### initial-load, ")
        .contains("| customers loaded | 20 |")
        .contains("| failed records | 0 |")
        .contains("| calls refused by the remotes | 0 | 0 | meets |")
        .contains(
            "- command: `./syncline bench initial-load --size 20 --record-latency 0ms"
                + " --suiteql-latency 0ms --concurrency 15 --joor-budget 300 --joor-window 5m"
                + " --joor-job-delay 0ms --workers 4 --batch 100 --every 10s`");
    assertThat(out.toString())
        .as("the report is printed too")
        .contains("| customers loaded | 20 |");
  }

  @Test
  void the_engine_alone_is_measured_against_a_null_remote_with_its_profile() throws Exception {
    var report = dir.resolve("benchmarks.md");

    var exit = bench("capacity", "--size", "300", "--report", report.toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(Files.readString(report))
        .contains("### capacity, ")
        .contains("| customers loaded | 300 |")
        .containsPattern("\\| target write calls \\| [0-9]+ \\|")
        .containsPattern("\\| records per second \\| [0-9,.]+ \\| ≥ 2,000 \\|")
        .contains("Where the node's CPU went (JFR execution samples")
        .contains("- command: `./syncline bench capacity --size 300 --workers 4 --batch 100`");
  }

  @Test
  void a_bad_setting_is_named_with_its_fix_and_nothing_is_run_or_written() {
    var report = dir.resolve("benchmarks.md");

    var exit = bench("initial-load", "--concurrency", "500", "--report", report.toString());

    assertThat(exit).isEqualTo(BenchCommand.USER_ERROR);
    assertThat(err.toString())
        .contains("--concurrency must be from 1 to 100 (the most Syncline's configuration takes)");
    assertThat(report).doesNotExist();
  }

  @Test
  void an_unknown_scenario_is_refused_with_the_way_to_the_list() {
    var exit = bench("inital-load");

    assertThat(exit).isEqualTo(BenchCommand.USER_ERROR);
    assertThat(err.toString()).contains("inital-load").contains("--help");
  }
}
