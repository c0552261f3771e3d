package dev.syncline.app.cli;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code syncline flows}: the flows of a running Syncline, and their switches and schedules. */
@Command(
    name = "flows",
    mixinStandardHelpOptions = true,
    description = "List the flows of a running Syncline, or switch, schedule or run one.",
    subcommands = {
      FlowsCommand.Enable.class,
      FlowsCommand.Disable.class,
      FlowsCommand.Run.class,
      FlowsCommand.Backfill.class,
      FlowsCommand.Schedule.class,
      FlowsCommand.Runs.class
    })
final class FlowsCommand extends Subcommand implements Callable<Integer> {

  @Mixin ServerOption server;

  @Override
  public Integer call() {
    var flows = server.client(root()).get("/api/v1/flows", Map.of());
    var table =
        new Table(
            "FLOW",
            "TYPE",
            "FROM",
            "TO",
            "STATE",
            "EVERY",
            "LAST RUN",
            "WRITTEN",
            "SKIPPED",
            "FAILED",
            "QUEUED",
            "FRESHNESS",
            "WAITING");
    for (var f : flows) {
      var run = f.path("lastRun");
      table.row(
          f.path("name").asString(),
          f.path("recordType").asString(),
          f.path("from").asString(),
          f.path("to").asString(),
          f.path("health").isObject()
              ? "blocked: " + f.path("health").path("problem").asString().toLowerCase(Locale.ROOT)
              : f.path("enabled").asBoolean() ? "on" : "off",
          seconds(f.path("every")),
          run.isObject() ? run.path("startedAt").asString() : "-",
          run.isObject() ? run.path("written").asString() : "-",
          run.isObject()
              ? Integer.toString(run.path("unchanged").asInt() + run.path("filtered").asInt())
              : "-",
          run.isObject() ? run.path("failed").asString() : "-",
          f.path("failedRecords").asString(),
          f.path("health").isObject()
              ? "blocked"
              : f.path("freshness").isString() ? age(f.path("freshness")) : "up to date",
          waiting(f.path("waiting")));
    }
    table.print(root().out);
    for (var f : flows) {
      var health = f.path("health");
      if (health.isObject()) {
        root()
            .out
            .println(
                f.path("name").asString()
                    + " is blocked since "
                    + health.path("since").asString()
                    + ", "
                    + health.path("instance").asString()
                    + ": "
                    + health.path("reason").asString()
                    + "\n  Fix: "
                    + health.path("fix").asString());
      }
      for (var w : f.path("waiting")) {
        root().out.println(f.path("name").asString() + ": " + w.path("says").asString());
      }
    }
    return ExitCode.OK;
  }

  /** Why records wait, in a few words ("3 retry, 12 lease"); the lines below the table say more. */
  private static String waiting(JsonNode waiting) {
    var parts = new java.util.ArrayList<String>();
    for (var w : waiting) {
      var reason = w.path("reason").asString().toLowerCase(java.util.Locale.ROOT);
      var records = w.path("records").asInt();
      parts.add(records > 0 ? records + " " + reason : reason);
    }
    return parts.isEmpty() ? "-" : String.join(", ", parts);
  }

  /** An ISO-8601 duration from the API ("PT1M") as people write it ("1m"). */
  static String seconds(JsonNode every) {
    try {
      return dev.syncline.app.config.Durations.format(java.time.Duration.parse(every.asString()));
    } catch (RuntimeException e) {
      return every.asString();
    }
  }

  /**
   * An ISO-8601 duration from the API that was measured, not set ("PT3M12.345S"), as the dashboard
   * shows it ("3m 12s"): to the second, where {@link #seconds} would say "192345ms".
   */
  static String age(JsonNode duration) {
    try {
      return dev.syncline.app.http.Format.duration(java.time.Duration.parse(duration.asString()));
    } catch (RuntimeException e) {
      return duration.asString();
    }
  }

  abstract static class OnFlow extends Subcommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FLOW", description = "The flow's name.")
    String flow;

    @Mixin ServerOption server;

    ApiClient client() {
      return server.client(root());
    }
  }

  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Switch a flow on.")
  static final class Enable extends OnFlow {
    @Override
    public Integer call() {
      client().post(ApiClient.path("flows", flow, "enable"), Map.of(), null);
      root().out.println("Flow " + flow + " is on.");
      return ExitCode.OK;
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true, description = "Switch a flow off.")
  static final class Disable extends OnFlow {
    @Override
    public Integer call() {
      client().post(ApiClient.path("flows", flow, "disable"), Map.of(), null);
      root()
          .out
          .println("Flow " + flow + " is off; records it finds changed wait until it is on again.");
      return ExitCode.OK;
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true, description = "Scan a flow's source now.")
  static final class Run extends OnFlow {
    @Override
    public Integer call() {
      root()
          .out
          .println(
              client()
                  .post(ApiClient.path("flows", flow, "run"), Map.of(), null)
                  .path("message")
                  .asString());
      return ExitCode.OK;
    }
  }

  @Command(
      name = "backfill",
      mixinStandardHelpOptions = true,
      description = {
        "Read every record of a flow again and write those that differ (after a change of"
            + " mapping, say).",
        "Follow it with 'syncline flows runs FLOW' or on the flow's page."
      })
  static final class Backfill extends OnFlow {

    /** How long a backfill may take to be picked up by a node before --follow gives up. */
    private static final java.time.Duration START_WAIT = java.time.Duration.ofMinutes(2);

    @picocli.CommandLine.Option(
        names = "--follow",
        description = "Print its progress every few seconds until it is done.")
    boolean follow;

    @Override
    public Integer call() throws InterruptedException {
      var client = client();
      var before = newestBackfill(client).map(r -> r.path("id").asLong()).orElse(0L);
      root()
          .out
          .println(
              client
                  .post(ApiClient.path("flows", flow, "backfill"), Map.of(), null)
                  .path("message")
                  .asString());
      if (!follow) {
        return ExitCode.OK;
      }
      var asked = java.time.Instant.now();
      while (true) {
        var run = newestBackfill(client).filter(r -> r.path("id").asLong() > before);
        if (run.isPresent() && run.get().path("finishedAt").isString()) {
          var r = run.get();
          root()
              .out
              .println(
                  "Backfill run "
                      + r.path("id").asString()
                      + " finished: "
                      + r.path("seen").asInt()
                      + " records found, "
                      + r.path("written").asInt()
                      + " written, "
                      + (r.path("unchanged").asInt() + r.path("filtered").asInt())
                      + " skipped, "
                      + r.path("failed").asInt()
                      + " failed"
                      + (r.path("error").isString() ? "; " + r.path("error").asString() : "")
                      + ".");
          return r.path("error").isString() ? ExitCode.USER_ERROR : ExitCode.OK;
        }
        if (run.isPresent()) {
          var p = client.get(ApiClient.path("flows", flow, "progress"), Map.of()).path("progress");
          if (p.path("runId").asLong() == run.get().path("id").asLong()) {
            root()
                .out
                .println(
                    p.path("done").asInt()
                        + " of "
                        + p.path("total").asInt()
                        + " records, "
                        + dev.syncline.app.http.Format.rate(p.path("perSecond").asDouble())
                        + (p.path("timeLeft").isString()
                            ? ", about " + age(p.path("timeLeft")) + " left"
                            : ""));
          }
        } else if (java.time.Duration.between(asked, java.time.Instant.now()).compareTo(START_WAIT)
            > 0) {
          root()
              .err
              .println(
                  "The backfill of "
                      + flow
                      + " has not started after "
                      + dev.syncline.app.config.Durations.format(START_WAIT)
                      + ": is a Syncline node running with this flow switched on? It starts as"
                      + " soon as one is.");
          return ExitCode.USER_ERROR;
        }
        Thread.sleep(2000);
      }
    }

    private java.util.Optional<JsonNode> newestBackfill(ApiClient client) {
      for (var r : client.get(ApiClient.path("flows", flow, "runs"), Map.of("limit", "50"))) {
        if (r.path("trigger").asString().equals("backfill")) {
          return java.util.Optional.of(r);
        }
      }
      return java.util.Optional.empty();
    }
  }

  @Command(
      name = "schedule",
      mixinStandardHelpOptions = true,
      description = "Set how often a flow scans.")
  static final class Schedule extends OnFlow {
    @Parameters(
        index = "1",
        paramLabel = "EVERY",
        description = "A duration like 30s or 5m (at least 10s).")
    String every;

    @Override
    public Integer call() {
      var f = client().put(ApiClient.path("flows", flow, "schedule"), Map.of("every", every));
      root().out.println("Flow " + flow + " scans every " + seconds(f.path("every")) + ".");
      return ExitCode.OK;
    }
  }

  @Command(name = "runs", mixinStandardHelpOptions = true, description = "A flow's latest runs.")
  static final class Runs extends OnFlow {
    @Override
    public Integer call() {
      var runs = client().get(ApiClient.path("flows", flow, "runs"), Map.of("limit", "20"));
      var table =
          new Table(
              "RUN",
              "TRIGGER",
              "STARTED",
              "FINISHED",
              "SEEN",
              "WRITTEN",
              "SKIPPED",
              "FAILED",
              "RETRIED");
      for (var r : runs) {
        table.row(
            r.path("id").asString(),
            r.path("trigger").asString(),
            r.path("startedAt").asString(),
            r.path("finishedAt").isString() ? r.path("finishedAt").asString() : "running",
            r.path("seen").asString(),
            r.path("written").asString(),
            Integer.toString(r.path("unchanged").asInt() + r.path("filtered").asInt()),
            r.path("failed").asString(),
            r.path("retried").asString());
      }
      table.print(root().out);
      return ExitCode.OK;
    }
  }
}
