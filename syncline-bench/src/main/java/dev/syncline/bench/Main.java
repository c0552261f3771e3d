package dev.syncline.bench;

import dev.syncline.app.config.SynclineConfig.LogFormat;
import dev.syncline.app.logging.Logging;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The entry point of {@code syncline bench}, which the launcher runs from the repository's root.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    // The sandboxes and the database live in this process; their chatter would bury the progress.
    Logging.configure(LogFormat.TEXT, "warn");
    var out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    var err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(BenchCommand.execute(args, out, err));
  }
}
