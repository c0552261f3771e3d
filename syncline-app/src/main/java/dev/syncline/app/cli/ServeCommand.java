package dev.syncline.app.cli;

import dev.syncline.app.SynclineNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code syncline serve}: runs Syncline for real, as its configuration says. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Run Syncline: the HTTP server with health, readiness and metrics, on its database.")
final class ServeCommand extends Subcommand implements Callable<Integer> {

  @Option(
      names = {"-p", "--port"},
      paramLabel = "PORT",
      description = "The HTTP port (default: server.port from the configuration, else 8080).")
  Integer port;

  @Override
  public Integer call() throws InterruptedException {
    var config = Ports.override(root().loadConfig(), port);
    var node = SynclineNode.start(config, root().environment);
    node.warnWhenNoOneCanSignIn(root().command("user add NAME --role admin"));
    root().out.println("Syncline is running at " + node.url() + " (Ctrl-C stops it)");
    root().out.flush();
    Running.untilStopped(node);
    return ExitCode.OK;
  }
}
