package dev.syncline.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What one run of a scenario measured, and how to measure it again: appended to the benchmarks page
 * (docs/benchmarks.md) as a section of its own, newest last.
 *
 * @param scenario the scenario's command name ({@code initial-load})
 * @param at when the run began
 * @param commit the commit the code under test was built from, as {@code git} tells it
 * @param settings each setting of the run in words
 * @param notes what a reader needs to read the figures right
 * @param command the command line that repeats the run with the same settings
 */
public record Report(
    String scenario,
    Instant at,
    String commit,
    Machine machine,
    List<String> settings,
    List<Figure> figures,
    List<String> notes,
    String command) {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  public Report {
    settings = List.copyOf(settings);
    figures = List.copyOf(figures);
    notes = List.copyOf(notes);
  }

  /** The section in Markdown. */
  public String markdown() {
    var md = new StringBuilder();
    md.append("### ").append(scenario).append(", ").append(WHEN.format(at)).append("\n\n");
    md.append("- commit: ").append(commit).append('\n');
    md.append("- machine: ").append(machine.describe()).append('\n');
    md.append("- settings: ").append(String.join("; ", settings)).append('\n');
    md.append("- command: `").append(command).append("`\n\n");
    md.append("| figure | value | goal | verdict |\n|---|---|---|---|\n");
    for (var f : figures) {
      md.append("| ")
          .append(f.name())
          .append(" | ")
          .append(f.value())
          .append(" | ")
          .append(f.goal().orElse(""))
          .append(" | ")
          .append(f.verdict())
          .append(" |\n");
    }
    if (!notes.isEmpty()) {
      md.append('\n');
      notes.forEach(n -> md.append("- ").append(n).append('\n'));
    }
    return md.append('\n').toString();
  }

  /** Appends the section to {@code file}, starting the page if there is none yet. */
  public void appendTo(Path file) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      if (!Files.exists(file)) {
        Files.writeString(file, "# Benchmarks\n\n## Runs\n\n", StandardCharsets.UTF_8);
      }
      // A page whose last lines were written by hand may not end with a blank line.
      var page = Files.readString(file, StandardCharsets.UTF_8);
      var gap = page.isEmpty() || page.endsWith("\n\n") ? "" : page.endsWith("\n") ? "\n" : "\n\n";
      Files.writeString(file, gap + markdown(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not write the report to " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The commit checked out in the current folder, and whether files other than the report differ
   * from it (figures of uncommitted code cannot be reproduced from the commit alone); "unknown"
   * outside a git checkout.
   */
  public static String currentCommit(Path report) {
    var head = git("rev-parse", "--short=12", "HEAD");
    if (head.isBlank()) {
      return "unknown (not a git checkout)";
    }
    var here = Path.of("").toAbsolutePath();
    var page = report.toAbsolutePath().normalize();
    var changes =
        page.startsWith(here)
            ? git(
                "status",
                "--porcelain",
                "--untracked-files=no",
                "--",
                ".",
                ":(exclude)" + here.relativize(page))
            : git("status", "--porcelain", "--untracked-files=no");
    return head + (changes.isBlank() ? "" : " with uncommitted changes");
  }

  private static String git(String... args) {
    try {
      var command = new java.util.ArrayList<String>();
      command.add("git");
      command.addAll(List.of(args));
      var process =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        return "";
      }
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
