package dev.syncline.bench;

import dev.syncline.bench.report.Figure;
import dev.syncline.core.flow.Side;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Scenario 3: nothing changed since the last sync, and Syncline looks at everything again: once as
 * a scan from the beginning of time, once as a resync of every record.
 */
@Command(
    name = "no-op",
    mixinStandardHelpOptions = true,
    description = {
      "Everything already in JOOR and nothing changed: a full rescan and a resync of every record;",
      "writes (goal 0), reads and time of each."
    })
final class NoOpCommand extends Scenario {

  @Option(
      names = "--size",
      paramLabel = "N",
      defaultValue = "2000",
      description = "Customers already in JOOR (default: ${DEFAULT-VALUE}).")
  int size;

  @Mixin RemoteOptions remoteOptions;
  @Mixin NodeOptions nodeOptions;

  @Override
  Measured measure() {
    if (size < 1) {
      throw new IllegalArgumentException("--size must be at least 1, not " + size);
    }
    var remote = remoteOptions.resolve(RemoteSetup.realistic());
    var node = nodeOptions.resolve(NodeSetup.defaults());
    try (var bed = Testbed.start(remote, node)) {
      progress("loading " + size + " customers, without latency");
      var ids = bed.flowBed().createCustomers(size, "Quiet");
      bed.startNodes(1, List.of());
      bed.awaitLinked(size, Testbed.loadTimeout(size));
      bed.awaitSettled(Duration.ofMinutes(5));
      bed.remoteLatency();
      var schedule = bed.schedule();
      var jobQueue = bed.jobQueue();
      var runLog = bed.runLog();

      progress("rescanning from the beginning");
      bed.await(
          "the scan under way to end",
          Duration.ofMinutes(2),
          () -> runLog.openRuns(Testbed.FLOW).isEmpty());
      bed.forgetRequests();
      bed.jdbi()
          .useHandle(h ->
              h.createUpdate("DELETE FROM sync_cursor WHERE flow = :flow")
                  .bind("flow", Testbed.FLOW)
                  .execute());
      var asked = Instant.now();
      schedule.requestScan(Testbed.FLOW, asked);
      bed.await(
          "the rescan to finish",
          Duration.ofMinutes(10),
          () ->
              rescan(bed, asked).flatMap(r -> r.finishedAt()).isPresent() && bed.activeJobs() == 0);
      var scan = rescan(bed, asked).orElseThrow();
      var scanTime = Duration.between(scan.startedAt(), scan.finishedAt().orElseThrow());
      var scanCalls = RemoteCalls.of(bed);

      progress("resyncing every record");
      bed.forgetRequests();
      var started = Instant.now();
      var runId = runLog.startRun(Testbed.FLOW, "resync", "bench", started);
      for (var id : ids) {
        jobQueue.enqueueNow(Testbed.FLOW, Side.A, id, runId, Instant.now());
      }
      bed.await(
          "the resync to finish",
          Testbed.loadTimeout(size),
          () -> jobQueue.activeJobsOfRun(runId, Instant.now()) == 0);
      var resyncEnd = lastJobUpdate(bed, runId);
      runLog.finishRun(runId, Instant.now(), Optional.empty());
      var resync = runLog.run(runId).orElseThrow();
      var resyncTime = Duration.between(started, resyncEnd);
      var resyncCalls = RemoteCalls.of(bed);

      var scanWrites = scanCalls.netsuiteWrites() + scanCalls.joorWrites();
      var resyncWrites = resyncCalls.netsuiteWrites() + resyncCalls.joorWrites();
      var figures = new ArrayList<Figure>();
      figures.add(
          Figure.against("rescan: writes", Numbers.count(scanWrites), "0", scanWrites == 0));
      figures.add(
          Figure.of(
              "rescan: reads",
              Numbers.count(scanCalls.netsuiteCalls() + scanCalls.joorCalls())
                  + " ("
                  + scanCalls.describe()
                  + ")"));
      figures.add(Figure.of("rescan: records queued", Numbers.count(scan.seen())));
      figures.add(Figure.of("rescan: time", Numbers.seconds(scanTime)));
      figures.add(
          Figure.against("resync: writes", Numbers.count(resyncWrites), "0", resyncWrites == 0));
      figures.add(
          Figure.of(
              "resync: reads per record",
              Numbers.decimal(
                      (double) (resyncCalls.netsuiteCalls() + resyncCalls.joorCalls()) / size, 2)
                  + " ("
                  + resyncCalls.describe()
                  + ")"));
      figures.add(
          Figure.of(
              "resync: records unchanged",
              Numbers.count(resync.unchanged()) + " of " + Numbers.count(size)));
      figures.add(Figure.of("resync: time", Numbers.seconds(resyncTime)));

      var notes = new ArrayList<String>();
      notes.add(
          "Rescan: the flow's cursor is removed and a scan asked for, so the scan lists every"
              + " customer from the beginning; time is the scan's run, from its start to its end.");
      notes.add(
          "Resync: every record is queued as RESYNC queues it, so each is read from NetSuite,"
              + " mapped and hashed; time runs from queueing to the last job's end.");
      var args = new ArrayList<String>(List.of("--size", Integer.toString(size)));
      args.addAll(remote.args());
      args.addAll(node.args());
      return new Measured(
          List.of(
              Numbers.count(size) + " customers already in JOOR, nothing changed since",
              remote.describe(),
              "1 node: " + node.describe()),
          figures,
          notes,
          args);
    }
  }

  /** The first scan that began after the rescan was asked for. */
  private static Optional<dev.syncline.core.port.Run> rescan(Testbed bed, Instant asked) {
    return bed.runLog().runs(Testbed.FLOW, 20).stream()
        .filter(r -> !r.startedAt().isBefore(asked) && !r.trigger().equals("resync"))
        .reduce((newer, older) -> older);
  }

  private static Instant lastJobUpdate(Testbed bed, long runId) {
    return bed.jdbi()
        .withHandle(h ->
            h.createQuery("SELECT max(updated_at) FROM sync_job WHERE run_id = :run")
                .bind("run", runId)
                .mapTo(Timestamp.class)
                .one())
        .toInstant();
  }
}
