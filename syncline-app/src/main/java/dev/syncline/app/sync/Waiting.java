package dev.syncline.app.sync;

import dev.syncline.app.http.Format;
import dev.syncline.core.port.Wait;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Why some of a flow's records wait, as people read it: the store's {@link Wait} and the one line
 * the dashboard, the API and {@code syncline flows} show for it.
 *
 * @param reason {@code RETRY}, {@code CREDITS}, {@code REFERENCE}, {@code LEFT_OUT} or {@code
 *     LEASE}, as in a record's job
 * @param records how many records wait so; 0 for a wait for a system's credits, whose records are
 *     being synced
 * @param says the line, like "Waiting for credits until 2026-03-02 09:14:00 UTC (4m 0s left): ..."
 */
public record Waiting(
    String reason,
    int records,
    Instant until,
    Duration left,
    Optional<String> node,
    Optional<String> error,
    String says) {

  public static Waiting of(Wait w) {
    return new Waiting(
        w.reason().name(), w.records(), w.until(), w.left(), w.node(), w.error(), says(w));
  }

  /**
   * The wait of the workers syncing the flow's batches for the credits of {@code system}: they hold
   * their records, which are counted as being synced, not here ({@code records} is 0).
   */
  static Waiting forCredits(String system, Instant until, Instant now) {
    var left = Duration.between(now, until);
    return new Waiting(
        Wait.Reason.CREDITS.name(),
        0,
        until,
        left,
        Optional.empty(),
        Optional.empty(),
        "Waiting for "
            + system
            + " credits until "
            + Format.time(until)
            + " ("
            + Format.duration(left)
            + " left); the batches being synced go on then.");
  }

  private static String says(Wait w) {
    var at = Format.time(w.until()) + " (" + Format.duration(w.left()) + " left)";
    var records = w.records() == 1 ? "1 record" : w.records() + " records";
    return switch (w.reason()) {
      case RETRY -> "Retrying " + records + " after faults; next at " + at + ".";
      case CREDITS ->
          "Waiting for credits until "
              + at
              + ": "
              + records
              + (w.records() == 1 ? " was" : " were")
              + " refused for a rate limit.";
      case REFERENCE ->
          (w.records() == 1
                  ? w.error().orElse("1 record waits for a record it refers to")
                  : records
                      + " wait for records they refer to to sync (one: "
                      + w.error().orElse("?")
                      + ")")
              + "; "
              + (w.records() == 1 ? "it goes" : "each goes")
              + " on once linked, or to the failed record queue from "
              + at
              + ".";
      case LEFT_OUT ->
          (w.records() == 1
                  ? w.error().orElse("1 record waits with a record it follows, which is left out")
                  : records
                      + " wait with records they follow, which their flows leave out (one: "
                      + w.error().orElse("?")
                      + ")")
              + "; "
              + (w.records() == 1 ? "it goes" : "they go")
              + " when those join their flows, and none is a failure.";
      case LEASE ->
          records
              + (w.records() == 1 ? " waits" : " wait")
              + " for the lease of node "
              + w.node().orElse("?")
              + " to end at "
              + at
              + "; the node stopped answering (it died or started again), and a node takes "
              + (w.records() == 1 ? "it" : "them")
              + " over then.";
    };
  }
}
