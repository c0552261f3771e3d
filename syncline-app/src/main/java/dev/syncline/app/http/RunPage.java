package dev.syncline.app.http;

import dev.syncline.app.sync.SyncService;
import dev.syncline.core.port.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One page of a flow's runs as its page lists them, newest first: a flow scanning every 15 seconds
 * finds nothing most of the time, so consecutive runs that found nothing make one row ("42 empty
 * scans, 02:10:05–02:20:35"). A page holds {@link #ROWS} rows; {@code older} and {@code newer} are
 * the runs the links to the pages beside it start from.
 */
public record RunPage(List<Row> rows, Optional<Long> older, Optional<Long> newer) {

  static final int ROWS = 20;

  /** At most this many runs are read for a page: enough for the rows, with many folded. */
  static final int WINDOW = 1000;

  /**
   * One row: a run, or {@code runs} consecutive empty ones from {@code oldest} to {@code newest},
   * of which {@code withError} ended with an error.
   */
  public record Row(Run newest, Run oldest, int runs, int withError) {
    public boolean folded() {
      return runs > 1;
    }
  }

  /** The page of runs before run {@code before}, after run {@code after}, or the newest. */
  static RunPage of(SyncService sync, String flow, Optional<Long> before, Optional<Long> after) {
    if (after.isPresent()) {
      var runs = new ArrayList<>(sync.runsAfter(flow, after.get(), WINDOW));
      java.util.Collections.reverse(runs);
      var rows = fold(runs);
      var kept = rows.subList(Math.max(0, rows.size() - ROWS), rows.size());
      var more = rows.size() > ROWS || runs.size() == WINDOW;
      return page(kept, true, more);
    }
    var runs =
        before.isPresent() ? sync.runsBefore(flow, before.get(), WINDOW) : sync.runs(flow, WINDOW);
    var rows = fold(runs);
    var kept = rows.subList(0, Math.min(ROWS, rows.size()));
    return page(kept, rows.size() > ROWS || runs.size() == WINDOW, before.isPresent());
  }

  private static RunPage page(List<Row> rows, boolean older, boolean newer) {
    if (rows.isEmpty()) {
      return new RunPage(List.of(), Optional.empty(), Optional.empty());
    }
    return new RunPage(
        List.copyOf(rows),
        older ? Optional.of(rows.getLast().oldest().id()) : Optional.empty(),
        newer ? Optional.of(rows.getFirst().newest().id()) : Optional.empty());
  }

  /** Runs, newest first, with each stretch of consecutive empty ones made one row. */
  static List<Row> fold(List<Run> runs) {
    var rows = new ArrayList<Row>();
    for (var run : runs) {
      var last = rows.isEmpty() ? null : rows.getLast();
      if (empty(run) && last != null && empty(last.oldest())) {
        rows.set(
            rows.size() - 1,
            new Row(
                last.newest(),
                run,
                last.runs() + 1,
                last.withError() + (run.error().isPresent() ? 1 : 0)));
      } else {
        rows.add(new Row(run, run, 1, run.error().isPresent() ? 1 : 0));
      }
    }
    return rows;
  }

  /** A finished run that found nothing to do. */
  static boolean empty(Run run) {
    return run.finishedAt().isPresent()
        && run.seen() == 0
        && run.written() == 0
        && run.failed() == 0
        && run.retried() == 0
        && run.conflicts() == 0
        && run.unlinked() == 0;
  }
}
