package dev.syncline.bench;

import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options that set how a run's nodes are configured. */
final class NodeOptions {

  @Option(names = "--workers", paramLabel = "N", description = "engine.workers of each node.")
  Integer workers;

  @Option(names = "--batch", paramLabel = "N", description = "The flow's batchSize.")
  Integer batch;

  @Option(
      names = "--every",
      paramLabel = "DURATION",
      description = "The flow's every: how often NetSuite's changes are read (at least 10s).")
  Duration every;

  @Option(
      names = "--no-status-write-back",
      description = "The flow writes no sync status onto NetSuite's customers.")
  boolean noStatusWriteBack;

  NodeSetup resolve(NodeSetup defaults) {
    return new NodeSetup(
        Optional.ofNullable(workers).orElse(defaults.workers()),
        Optional.ofNullable(batch).orElse(defaults.batch()),
        Optional.ofNullable(every).orElse(defaults.every()),
        defaults.statusWriteBack() && !noStatusWriteBack);
  }
}
