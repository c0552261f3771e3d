package dev.syncline.bench;

import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options that set a run's remote systems; each scenario has its own defaults. */
final class RemoteOptions {

  @Option(
      names = "--record-latency",
      paramLabel = "DURATION",
      description = "How long each NetSuite record call takes, like 150ms.")
  Duration recordLatency;

  @Option(
      names = "--suiteql-latency",
      paramLabel = "DURATION",
      description = "How long each NetSuite SuiteQL page takes, like 400ms.")
  Duration suiteQlLatency;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "NetSuite's concurrency limit, and Syncline's setting to match (1 to 100).")
  Integer concurrency;

  @Option(
      names = "--joor-budget",
      paramLabel = "CREDITS",
      description = "JOOR's credits per window.")
  Integer joorBudget;

  @Option(
      names = "--joor-window",
      paramLabel = "DURATION",
      description = "JOOR's credit window, like 300s; shorter compresses time.")
  Duration joorWindow;

  @Option(
      names = "--joor-job-delay",
      paramLabel = "DURATION",
      description = "How long a JOOR bulk job takes to run, like 3s.")
  Duration joorJobDelay;

  /** The options given, the scenario's defaults for the rest. */
  RemoteSetup resolve(RemoteSetup defaults) {
    return new RemoteSetup(
        Optional.ofNullable(recordLatency).orElse(defaults.recordLatency()),
        Optional.ofNullable(suiteQlLatency).orElse(defaults.suiteQlLatency()),
        Optional.ofNullable(concurrency).orElse(defaults.concurrencyLimit()),
        Optional.ofNullable(joorBudget).orElse(defaults.joorBudget()),
        Optional.ofNullable(joorWindow).orElse(defaults.joorWindow()),
        Optional.ofNullable(joorJobDelay).orElse(defaults.joorJobDelay()));
  }
}
