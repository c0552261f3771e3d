package dev.syncline.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  @TempDir Path dir;

  private static Report run(String scenario, String value) {
    return new Report(
        scenario,
        Instant.parse("2026-11-23T10:15:00Z"),
        "abc123",
        new Machine(2, 8_000_000_000L, "25.0.3", "Linux", 1.5),
        List.of("2,000 customers", "NetSuite 150ms per record call"),
        List.of(
            Figure.of("wall time", value),
            Figure.against("bound / actual", "0.80", "≥ 0.9", false),
            Figure.against("JOOR credits per customer", "0.010", "≤ 0.05", true)),
        List.of("A note."),
        "./syncline bench " + scenario + " --size 2000");
  }

  @Test
  void a_run_states_when_what_where_how_to_repeat_it_and_each_figure_against_its_goal() {
    var md = run("initial-load", "98.2 s").markdown();

    assertThat(md)
        .startsWith("### initial-load, 2026-11-23 10:15 UTC\n")
        .contains("- commit: abc123\n")
        .contains(
            "- machine: 2 cores, 8.0 GB memory, JDK 25.0.3, Linux, load average 1.5 at the start\n")
        .contains("- settings: 2,000 customers; NetSuite 150ms per record call\n")
        .contains("- command: `./syncline bench initial-load --size 2000`\n")
        .contains("| wall time | 98.2 s |  |  |\n")
        .contains("| bound / actual | 0.80 | ≥ 0.9 | **below goal** |\n")
        .contains("| JOOR credits per customer | 0.010 | ≤ 0.05 | meets |\n")
        .contains("- A note.\n");
  }

  @Test
  void runs_are_appended_to_the_page_newest_last_and_a_missing_page_is_started() throws Exception {
    var page = dir.resolve("docs/benchmarks.md");

    run("initial-load", "1.0 s").appendTo(page);
    run("no-op", "2.0 s").appendTo(page);

    var text = Files.readString(page);
    assertThat(text).startsWith("# Benchmarks\n");
    assertThat(text.indexOf("### initial-load")).isPositive().isLessThan(text.indexOf("### no-op"));
  }

  @Test
  void a_run_appended_to_a_page_ending_mid_paragraph_starts_its_own_heading() throws Exception {
    var page = dir.resolve("benchmarks.md");
    Files.writeString(page, "# Benchmarks\n\nA note written by hand, with no blank line after it.");

    run("capacity", "1.0 s").appendTo(page);

    assertThat(Files.readString(page)).contains("with no blank line after it.\n\n### capacity");
  }
}
