package dev.syncline.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code syncline failed}: the failed record queue. */
@Command(
    name = "failed",
    mixinStandardHelpOptions = true,
    description = "List the failed record queue of a running Syncline, newest first.")
final class FailedCommand extends Subcommand implements Callable<Integer> {

  @Mixin FailedFilterOptions filter;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "At most this many (default: ${DEFAULT-VALUE}).",
      defaultValue = "100")
  int limit;

  @Mixin ServerOption server;

  @Override
  public Integer call() {
    var query = new LinkedHashMap<>(filter.query());
    query.put("limit", Integer.toString(limit));
    var failed = server.client(root()).get("/api/v1/failed", query);
    if (failed.isEmpty()) {
      root().out.println("No failed records.");
      return ExitCode.OK;
    }
    var table = new Table("ID", "FLOW", "TYPE", "RECORD", "FAILED AT", "ERROR");
    for (var f : failed) {
      table.row(
          f.path("jobId").asString(),
          f.path("flow").asString(),
          f.path("recordType").asString(),
          f.path("sourceId").asString(),
          f.path("failedAt").asString(),
          f.path("message").asString());
    }
    table.print(root().out);
    root()
        .out
        .println(
            "Resync with: " + root().command("resync ID...") + " (or --all with the same filters)");
    return ExitCode.OK;
  }

  /** The filters of the failed record queue, shared by {@code failed} and {@code resync --all}. */
  static final class FailedFilterOptions {
    @Option(
        names = "--type",
        paramLabel = "TYPE",
        description = "Only this record type, such as customer (the TYPE syncline flows shows).")
    String type;

    @Option(names = "--flow", paramLabel = "FLOW", description = "Only this flow.")
    String flow;

    @Option(
        names = "--text",
        paramLabel = "TEXT",
        description = "Only errors containing this text, or this record id.")
    String text;

    @Option(
        names = "--cause",
        paramLabel = "CAUSE",
        description = "Only this cause, e.g. \"Missing price level\".")
    String cause;

    Map<String, String> query() {
      var query = new LinkedHashMap<String, String>();
      if (type != null) {
        query.put("type", type);
      }
      if (flow != null) {
        query.put("flow", flow);
      }
      if (text != null) {
        query.put("text", text);
      }
      if (cause != null) {
        query.put("cause", cause);
      }
      return query;
    }
  }
}
