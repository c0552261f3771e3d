package dev.syncline.app;

import dev.syncline.app.cli.SynclineCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The entry point of the {@code syncline} command. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    var out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    var err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(SynclineCommand.execute(args, System.getenv(), out, err));
  }

  /** Runs one command line in this JVM; for tests. */
  public static int run(
      Map<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
    return SynclineCommand.execute(args, environment, out, err);
  }
}
