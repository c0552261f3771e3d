package dev.syncline.bench;

import java.time.Duration;

/** Waits of the harness itself, between looks at what the nodes have done. */
final class Pause {

  private Pause() {}

  static void briefly() {
    of(Duration.ofMillis(250));
  }

  static void of(Duration duration) {
    if (!duration.isPositive()) {
      return;
    }
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
