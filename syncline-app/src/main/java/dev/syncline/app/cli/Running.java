package dev.syncline.app.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Keeps started parts running until the process is told to stop (Ctrl-C, SIGTERM), then stops them
 * cleanly, in the order given.
 */
final class Running {

  private Running() {}

  static void untilStopped(AutoCloseable... parts) throws InterruptedException {
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    for (var part : parts) {
                      try {
                        part.close();
                      } catch (Exception e) {
                        System.err.println(
                            "syncline: stopping " + part + " failed: " + e.getMessage());
                      }
                    }
                  } finally {
                    stopped.countDown();
                  }
                },
                "syncline-shutdown"));
    stopped.await();
  }
}
