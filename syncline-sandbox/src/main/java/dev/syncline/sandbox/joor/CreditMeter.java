package dev.syncline.sandbox.joor;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One account's credits (joor.md §1.6): a fixed window that starts at the first request and refills
 * whole when it ends; the next request after that starts the next window. A request that does not
 * fit is refused and costs nothing.
 */
final class CreditMeter {

  /** What one request was charged, and what the account has left. */
  record Charge(boolean allowed, int remaining, Duration untilRefill) {}

  /** The account's credits, as the control API shows them. */
  record Snapshot(
      int budget,
      Duration window,
      int spentInWindow,
      Optional<Instant> windowStart,
      long spentInTotal,
      long refused) {}

  private final int budget;
  private final Duration window;
  private Instant windowStart;
  private int spent;
  private long spentInTotal;
  private long refused;

  CreditMeter(int budget, Duration window) {
    this.budget = budget;
    this.window = window;
  }

  int budget() {
    return budget;
  }

  synchronized Charge charge(Instant now, int cost) {
    if (windowStart == null || !now.isBefore(windowStart.plus(window))) {
      windowStart = now;
      spent = 0;
    }
    var untilRefill = Duration.between(now, windowStart.plus(window));
    if (spent + cost > budget) {
      refused++;
      return new Charge(false, budget - spent, untilRefill);
    }
    spent += cost;
    spentInTotal += cost;
    return new Charge(true, budget - spent, untilRefill);
  }

  synchronized Snapshot snapshot(Instant now) {
    var current = windowStart != null && now.isBefore(windowStart.plus(window));
    return new Snapshot(
        budget,
        window,
        current ? spent : 0,
        current ? Optional.of(windowStart) : Optional.empty(),
        spentInTotal,
        refused);
  }
}
