package dev.syncline.app.cli;

import dev.syncline.sandbox.Sandboxes;
import java.util.HashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code syncline sandbox}: the simulators of NetSuite, JOOR and Zoey on their own, for trying a
 * client against them. Prints each one's URL and demo credentials as {@code KEY=value} lines on
 * standard output, a file a shell can source.
 */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = {
      "Run the sandboxes (simulators of NetSuite, JOOR and Zoey) until Ctrl-C.",
      "Prints their URLs and demo credentials as KEY=value lines, e.g. NETSUITE_BASE_URL=..."
    })
final class SandboxCommand extends Subcommand implements Callable<Integer> {

  @Option(
      names = "--host",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).",
      defaultValue = "127.0.0.1")
  String host;

  @Option(
      names = "--netsuite-port",
      paramLabel = "PORT",
      description = "Port of the NetSuite sandbox (default: any free port).")
  int netsuitePort;

  @Option(
      names = "--joor-port",
      paramLabel = "PORT",
      description = "Port of the JOOR sandbox (default: any free port).")
  int joorPort;

  @Option(
      names = "--zoey-port",
      paramLabel = "PORT",
      description = "Port of the Zoey sandbox (default: any free port).")
  int zoeyPort;

  @Override
  public Integer call() throws InterruptedException {
    var ports = new HashMap<String, Integer>();
    ports.put("netsuite", Ports.check("--netsuite-port", netsuitePort));
    ports.put("joor", Ports.check("--joor-port", joorPort));
    ports.put("zoey", Ports.check("--zoey-port", zoeyPort));
    var sandboxes = Sandboxes.start(new Sandboxes.Settings(host, ports));
    var out = root().out;
    for (var sandbox : sandboxes.all()) {
      out.println("# " + sandbox.system() + " sandbox at " + sandbox.baseUrl());
    }
    sandboxes.connectionSettings().forEach((key, value) -> out.println(key + "=" + value));
    out.println("# Press Ctrl-C to stop.");
    out.flush();
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sandboxes.close();
                  stopped.countDown();
                },
                "sandbox-shutdown"));
    stopped.await();
    return ExitCode.OK;
  }
}
