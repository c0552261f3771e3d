package dev.syncline.app.cli;

import dev.syncline.app.SynclineNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code syncline demo}: everything on one machine with no account anywhere. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the demo: Syncline on the embedded database, with its HTTP server.",
      "Needs nothing installed but a JDK; the database keeps its data in data/postgres."
    })
final class DemoCommand extends Subcommand implements Callable<Integer> {

  @Option(
      names = {"-p", "--port"},
      paramLabel = "PORT",
      description = "The HTTP port (default: server.port from the configuration, else 8080).")
  Integer port;

  @Override
  public Integer call() throws InterruptedException {
    var config = Ports.override(root().loadConfig(), port);
    var node = SynclineNode.start(config);
    var out = root().out;
    out.println();
    out.println("Syncline demo is running at " + node.url());
    out.println("  health   " + node.url() + "/health");
    out.println("  ready    " + node.url() + "/ready");
    out.println("  metrics  " + node.url() + "/metrics");
    out.println("Press Ctrl-C to stop.");
    out.flush();
    Running.untilStopped(node);
    return ExitCode.OK;
  }
}
