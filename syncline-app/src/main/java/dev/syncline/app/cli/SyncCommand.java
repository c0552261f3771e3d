package dev.syncline.app.cli;

import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code syncline sync TYPE ID}: selective sync of one record, now. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Sync one record now through every flow of its type (or the one named), and say what happened.",
      "Example: syncline sync customer 1234 --dry-run",
      "Example: syncline sync customer 3 --from zoey_store --dry-run (Zoey account 3, two-way)"
    })
final class SyncCommand extends Subcommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "TYPE",
      description = "The record type of a flow, such as customer (the TYPE syncline flows shows).")
  String type;

  @Parameters(
      index = "1",
      paramLabel = "ID",
      description =
          "The record's id in the system it is read from (a NetSuite internal id, unless --from"
              + " says otherwise).")
  String id;

  @Option(
      names = "--from",
      paramLabel = "INSTANCE",
      description =
          "The instance the id belongs to (the from or, in a two-way flow, the to of the flow in"
              + " syncline.yaml). Default: the flows' from.")
  String from;

  @Option(names = "--flow", paramLabel = "FLOW", description = "Only this flow.")
  String flow;

  @Option(
      names = "--dry-run",
      description = "Write nothing; show what would change, field by field.")
  boolean dryRun;

  @Mixin ServerOption server;

  @Override
  public Integer call() {
    var query = new LinkedHashMap<String, String>();
    if (dryRun) {
      query.put("dryRun", "true");
    }
    if (flow != null) {
      query.put("flow", flow);
    }
    if (from != null) {
      query.put("from", from);
    }
    var reports =
        server.client(root()).post(ApiClient.path("records", type, id, "sync"), query, null);
    var out = root().out;
    var failed = false;
    for (var report : reports) {
      out.println(report.path("flow").asString() + ": " + report.path("message").asString());
      if (dryRun) {
        for (var change : report.path("changes")) {
          out.println(
              "  "
                  + change.path("field").asString()
                  + ": "
                  + show(change.path("before"))
                  + " -> "
                  + show(change.path("after")));
        }
        merge(out, report.path("merge"));
      }
      var outcome = report.path("outcome").asString();
      failed |= outcome.equals("failed") || outcome.equals("not-found");
    }
    return failed ? ExitCode.USER_ERROR : ExitCode.OK;
  }

  /**
   * The merge of a two-way dry run: each field that differs with the side it comes from and why,
   * then in one line the fields both sides hold alike.
   */
  private static void merge(java.io.PrintWriter out, JsonNode merge) {
    if (merge.isEmpty()) {
      return;
    }
    out.println("  merged field by field:");
    var same = new java.util.ArrayList<String>();
    for (var field : merge) {
      if (field.path("why").asString().equals(SAME)) {
        same.add(field.path("field").asString());
        continue;
      }
      out.println(
          "  "
              + field.path("field").asString()
              + ": "
              + show(field.path("merged"))
              + " from "
              + field.path("winner").asString()
              + " ("
              + field.path("why").asString()
              + "; read "
              + show(field.path("source"))
              + ", other side "
              + show(field.path("target"))
              + ", last agreed "
              + show(field.path("base"))
              + ")");
    }
    if (!same.isEmpty()) {
      out.println("  " + SAME + ": " + String.join(", ", same));
    }
  }

  private static final String SAME = "the same on both sides";

  private static String show(JsonNode value) {
    return value.isMissingNode() || value.isNull() ? "(none)" : value.toString();
  }
}
