package dev.syncline.bench;

import java.time.Duration;
import java.util.List;

/**
 * The remote systems of a run: NetSuite's latency and concurrency limit, JOOR's credits and how
 * long its bulk jobs take.
 *
 * @param recordLatency how long each NetSuite record call takes (the issue: about 150 ms)
 * @param suiteQlLatency how long each SuiteQL page takes (the issue: about 400 ms)
 * @param concurrencyLimit NetSuite's limit of requests in flight, which Syncline is configured to
 *     as well (at most 100, the most its configuration takes)
 * @param joorBudget JOOR's credits per window (joor.md §1.6: 300)
 * @param joorWindow JOOR's window (joor.md §1.6: 300 s)
 * @param joorJobDelay how long a JOOR bulk job takes to run (the sandbox's guess: 3 s)
 */
record RemoteSetup(
    Duration recordLatency,
    Duration suiteQlLatency,
    int concurrencyLimit,
    int joorBudget,
    Duration joorWindow,
    Duration joorJobDelay) {

  static final int MOST_SYNCLINE_TAKES = 100;

  RemoteSetup {
    if (recordLatency.isNegative() || suiteQlLatency.isNegative() || joorJobDelay.isNegative()) {
      throw new IllegalArgumentException("Latencies and the JOOR job delay cannot be negative");
    }
    if (concurrencyLimit < 1 || concurrencyLimit > MOST_SYNCLINE_TAKES) {
      throw new IllegalArgumentException(
          "--concurrency must be from 1 to "
              + MOST_SYNCLINE_TAKES
              + " (the most Syncline's configuration takes), not "
              + concurrencyLimit);
    }
    if (joorBudget < 5 || joorBudget > 100_000 || !joorWindow.isPositive()) {
      throw new IllegalArgumentException(
          "--joor-budget must be from 5 to 100000 credits and --joor-window positive");
    }
  }

  /** The figures: NetSuite's smallest tier, JOOR's own budget. */
  static RemoteSetup realistic() {
    return new RemoteSetup(
        Duration.ofMillis(150),
        Duration.ofMillis(400),
        15,
        300,
        Duration.ofSeconds(300),
        Duration.ofSeconds(3));
  }

  /** Syncline's own NetSuite concurrency: the account's limit, as a user configures it. */
  int clientConcurrency() {
    return concurrencyLimit;
  }

  String describe() {
    return "NetSuite "
        + Numbers.setting(recordLatency)
        + " per record call and "
        + Numbers.setting(suiteQlLatency)
        + " per SuiteQL page, concurrency limit "
        + concurrencyLimit
        + " (Syncline configured to the same); JOOR "
        + joorBudget
        + " credits per "
        + Numbers.setting(joorWindow)
        + ", bulk jobs taking "
        + Numbers.setting(joorJobDelay);
  }

  List<String> args() {
    return List.of(
        "--record-latency", Numbers.setting(recordLatency),
        "--suiteql-latency", Numbers.setting(suiteQlLatency),
        "--concurrency", Integer.toString(concurrencyLimit),
        "--joor-budget", Integer.toString(joorBudget),
        "--joor-window", Numbers.setting(joorWindow),
        "--joor-job-delay", Numbers.setting(joorJobDelay));
  }
}
