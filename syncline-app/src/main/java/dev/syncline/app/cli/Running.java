package dev.syncline.app.cli;

import dev.syncline.app.SynclineNode;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps a started node running until the process is told to stop (Ctrl-C, SIGTERM), then stops it
 * cleanly.
 */
final class Running {

  private Running() {}

  static void untilStopped(SynclineNode node) throws InterruptedException {
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    node.close();
                  } finally {
                    stopped.countDown();
                  }
                },
                "syncline-shutdown"));
    stopped.await();
  }
}
