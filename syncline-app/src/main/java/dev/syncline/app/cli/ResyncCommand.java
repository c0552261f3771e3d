package dev.syncline.app.cli;

import dev.syncline.app.UserError;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code syncline resync}: RESYNC from the failed record queue. */
@Command(
    name = "resync",
    mixinStandardHelpOptions = true,
    description = {
      "Put failed records back in the queue: those named by id, or with --all every one the filters match.",
      "The ids are those syncline failed lists."
    })
final class ResyncCommand extends Subcommand implements Callable<Integer> {

  @Parameters(arity = "0..*", paramLabel = "ID", description = "Ids from syncline failed.")
  List<Long> ids;

  @Option(
      names = "--all",
      description = "Every failed record the filters match (all of them without filters).")
  boolean all;

  @Mixin FailedCommand.FailedFilterOptions filter;

  @Mixin ServerOption server;

  @Override
  public Integer call() {
    var hasIds = ids != null && !ids.isEmpty();
    if (hasIds && all) {
      throw new UserError(
          "Name failed records by id or pass --all, not both: ids resync those records, --all every"
              + " one the filters match.");
    }
    if (!hasIds && !all) {
      throw new UserError(
          filter.query().isEmpty()
              ? "Say which failed records to resync: their ids (as "
                  + root().command("failed")
                  + " lists them), or --all for every one, narrowed with --flow, --type, --text or"
                  + " --cause if you like."
              : "Filters alone resync nothing: add --all to resync every failed record they match,"
                  + " or name records by id.");
    }
    var body =
        hasIds ? Map.<String, Object>of("ids", ids) : Map.<String, Object>copyOf(filter.query());
    var queued =
        server.client(root()).post("/api/v1/failed/resync", Map.of(), body).path("queued").asInt();
    root()
        .out
        .println(
            queued == 0
                ? "Nothing to resync: no failed record matched."
                : "Queued "
                    + queued
                    + " failed record(s) again; they sync within seconds. Follow them with "
                    + root().command("failed")
                    + ".");
    return ExitCode.OK;
  }
}
