package dev.syncline.app.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code syncline conflicts}: the values two-way merges dropped, and acknowledging them. */
@Command(
    name = "conflicts",
    mixinStandardHelpOptions = true,
    description = {
      "List the open conflicts of a running Syncline, newest first.",
      "A conflict is a field changed on both sides of a two-way flow: its master's value was kept.",
      "With --acknowledge, mark the conflicts of those ids as seen."
    })
final class ConflictsCommand extends Subcommand implements Callable<Integer> {

  @Option(names = "--flow", paramLabel = "FLOW", description = "Only this flow.")
  String flow;

  @Option(
      names = "--record",
      paramLabel = "ID",
      description = "Only this record, by its id on either side.")
  String record;

  @Option(names = "--all", description = "Acknowledged conflicts too, not only open ones.")
  boolean all;

  @Option(
      names = "--acknowledge",
      paramLabel = "ID",
      split = ",",
      arity = "1..*",
      description = "Mark these conflicts (ids as listed) as seen, instead of listing.")
  List<Long> acknowledge;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "At most this many (default: ${DEFAULT-VALUE}).",
      defaultValue = "100")
  int limit;

  @Mixin ServerOption server;

  @Override
  public Integer call() {
    var client = server.client(root());
    if (acknowledge != null && !acknowledge.isEmpty()) {
      var done =
          client
              .post("/api/v1/conflicts/acknowledge", Map.of(), Map.of("ids", acknowledge))
              .path("acknowledged")
              .asInt();
      root()
          .out
          .println(
              done == acknowledge.size()
                  ? "Acknowledged " + done + " conflict(s)."
                  : "Acknowledged "
                      + done
                      + " of "
                      + acknowledge.size()
                      + " conflict(s); the others were acknowledged before or do not exist.");
      return ExitCode.OK;
    }
    var query = new LinkedHashMap<String, String>();
    if (flow != null) {
      query.put("flow", flow);
    }
    if (record != null) {
      query.put("record", record);
    }
    if (all) {
      query.put("acknowledged", "true");
    }
    query.put("limit", Integer.toString(limit));
    var conflicts = client.get("/api/v1/conflicts", query);
    if (conflicts.isEmpty()) {
      root().out.println(all ? "No conflicts." : "No open conflicts.");
      return ExitCode.OK;
    }
    var table = new Table("ID", "FLOW", "RECORD", "FIELD", "KEPT", "DROPPED", "AT", "ACKNOWLEDGED");
    for (var c : conflicts) {
      table.row(
          c.path("id").asString(),
          c.path("flow").asString(),
          c.path("aId").asString() + " / " + c.path("bId").asString(),
          c.path("field").asString(),
          c.path("kept").asString(),
          c.path("dropped").asString(),
          c.path("at").asString(),
          c.path("acknowledgedBy").isString() ? c.path("acknowledgedBy").asString() : "open");
    }
    table.print(root().out);
    if (!all) {
      root().out.println("Acknowledge with: " + root().command("conflicts --acknowledge ID..."));
    }
    return ExitCode.OK;
  }
}
