package dev.syncline.app.cli;

import dev.syncline.app.SynclineNode;
import dev.syncline.app.access.Passwords;
import dev.syncline.app.access.Role;
import dev.syncline.app.config.SynclineConfig;
import dev.syncline.sandbox.Sandboxes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code syncline demo}: everything on one machine with no account anywhere. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the demo: the sandboxes of NetSuite, JOOR and Zoey with their demo data, and Syncline syncing NetSuite's customers to JOOR and both ways with Zoey, and their contacts both ways with Zoey.",
      "It runs on the embedded database, which keeps its data in data/postgres."
    })
final class DemoCommand extends Subcommand implements Callable<Integer> {

  /** The demo's configuration, shipped in the jar; docs/demo.md walks through it. */
  static final String CONFIG = "/dev/syncline/app/demo/demo.yaml";

  /** The demo's admin and CLI token, made anew (with new secrets) at each start of the demo. */
  static final String DEMO_ADMIN = "admin";

  static final String DEMO_TOKEN = "demo-cli";

  @Option(
      names = {"-p", "--port"},
      paramLabel = "PORT",
      description = "The HTTP port (default: 8080).")
  Integer port;

  @Override
  public Integer call() throws InterruptedException {
    var root = root();
    var sandboxes = Sandboxes.start(Sandboxes.Settings.loopback());
    SynclineNode node;
    try {
      // The sandboxes start with fresh records each time: links to an earlier run's would be wrong.
      node = SynclineNode.start(Ports.override(config(root, sandboxes), port), Map.of(), true);
    } catch (RuntimeException e) {
      sandboxes.close();
      throw e;
    }
    var password = Passwords.generate();
    var access = node.access();
    if (access.users().stream().anyMatch(u -> u.name().equals(DEMO_ADMIN))) {
      access.setPassword(DEMO_ADMIN, password, "demo");
    } else {
      access.addUser(DEMO_ADMIN, Role.ADMIN, password, "demo");
    }
    if (access.tokens().stream().anyMatch(t -> t.name().equals(DEMO_TOKEN))) {
      access.revokeToken(DEMO_TOKEN, "demo");
    }
    var token = access.createToken(DEMO_TOKEN, Role.ADMIN, "demo").secret();
    var out = root.out;
    out.println();
    out.println("Syncline demo is running at " + node.url());
    out.println(
        "  dashboard  "
            + node.url()
            + "/  sign in as "
            + DEMO_ADMIN
            + " with password "
            + password);
    out.println("  health     " + node.url() + "/health");
    out.println("  metrics    " + node.url() + "/metrics (with the token below)");
    out.println("  CLI token  export SYNCLINE_TOKEN=" + token);
    out.println("  flows      " + root.command("flows --server " + node.url()));
    out.println("  failures   " + root.command("failed --server " + node.url()));
    out.println(
        "The password and the token are new at each start of the demo and shown only here.");
    for (var sandbox : sandboxes.all()) {
      out.println("  " + sandbox.system() + " sandbox at " + sandbox.baseUrl());
    }
    out.println(
        "NetSuite's customers reach JOOR within a minute; new ones wait for JOOR's match, a minute in");
    out.println("the demo. Customers and Zoey accounts sync both ways every 15 seconds, and the");
    out.println("contacts of both follow them, each way.");
    out.println("docs/demo.md tells what to look at. Press Ctrl-C to stop.");
    out.flush();
    Running.untilStopped(node, sandboxes);
    return ExitCode.OK;
  }

  /** The demo's configuration, with the sandboxes' settings as its environment. */
  private static SynclineConfig config(SynclineCommand root, Sandboxes sandboxes) {
    var environment = new HashMap<>(root.environment);
    environment.putAll(sandboxes.connectionSettings());
    // The Zoey sandbox grants new tokens at each start: the last run's would be refused.
    try {
      var tokens = Files.createTempDirectory("syncline-demo-zoey").resolve("tokens.json");
      tokens.getParent().toFile().deleteOnExit();
      tokens.toFile().deleteOnExit();
      environment.put("ZOEY_TOKEN_FILE", tokens.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String text;
    try (var in = DemoCommand.class.getResourceAsStream(CONFIG)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var config = root.loader(environment).parse("demo.yaml", text);
    root.configureLogging(config);
    return config;
  }
}
