package dev.syncline.bench;

import java.time.Duration;
import java.util.List;

/**
 * How each Syncline node of a run is configured, where the run departs from the defaults.
 *
 * @param workers {@code engine.workers}: batches a node syncs at once
 * @param batch the flow's {@code batchSize}
 * @param every the flow's {@code every}: how often NetSuite's changes are read
 * @param statusWriteBack whether the flow writes the sync status onto NetSuite's customers
 */
record NodeSetup(int workers, int batch, Duration every, boolean statusWriteBack) {

  NodeSetup {
    if (workers < 1 || workers > 64) {
      throw new IllegalArgumentException("--workers must be from 1 to 64, not " + workers);
    }
    if (batch < 1 || batch > 1000) {
      throw new IllegalArgumentException("--batch must be from 1 to 1000, not " + batch);
    }
    if (every.compareTo(Duration.ofSeconds(10)) < 0) {
      throw new IllegalArgumentException("--every must be at least 10s, as a flow's every");
    }
  }

  /** Syncline's defaults, and the shortest schedule a flow may have. */
  static NodeSetup defaults() {
    return new NodeSetup(4, 100, Duration.ofSeconds(10), true);
  }

  String describe() {
    return workers
        + " workers per node, batches of "
        + batch
        + ", NetSuite read every "
        + Numbers.setting(every)
        + (statusWriteBack ? ", sync status written back" : ", no status write-back");
  }

  List<String> args() {
    var args =
        new java.util.ArrayList<>(
            List.of(
                "--workers", Integer.toString(workers),
                "--batch", Integer.toString(batch),
                "--every", Numbers.setting(every)));
    if (!statusWriteBack) {
      args.add("--no-status-write-back");
    }
    return args;
  }
}
