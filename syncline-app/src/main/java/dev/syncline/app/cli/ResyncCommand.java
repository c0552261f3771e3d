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
      "Put failed records back in the queue: the ones named by id (from syncline failed), or with --all every",
      "one the filters match."
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
    if (hasIds == all) {
      throw new UserError(
          "Name the failed records to resync by id, or pass --all (with filters, if you like), not both.");
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
                    + " failed record(s) again; they sync within seconds. Follow them with syncline failed.");
    return ExitCode.OK;
  }
}
