package dev.syncline.bench;

import dev.syncline.bench.report.Figure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Scenario 1: a NetSuite account's customers, none yet in JOOR, loaded by one node, against the
 * least time the remote limits allow.
 */
@Command(
    name = "initial-load",
    mixinStandardHelpOptions = true,
    description = {
      "N NetSuite customers with two addresses each to JOOR, by one node: wall time against the",
      "governance bound, NetSuite calls and JOOR credits per customer."
    })
final class InitialLoadCommand extends Scenario {

  /** The issue's size; a run states how its own size scales to it. */
  static final int ISSUE_SIZE = 50_000;

  @Option(
      names = "--size",
      paramLabel = "N",
      defaultValue = "2000",
      description = "Customers to load (default: ${DEFAULT-VALUE}; the issue's is 50000).")
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
      progress("creating " + size + " customers in NetSuite");
      bed.flowBed().createCustomers(size, "Bench");
      bed.remoteLatency();
      bed.forgetRequests();
      progress("starting a node; it loads them");
      var process = bed.startNodes(1, List.of()).getFirst();
      progress("node running");
      bed.awaitLinked(size, Testbed.loadTimeout(size));
      var first = bed.firstCall().orElseThrow();
      var last = bed.lastWrite().orElseThrow();
      var governance = bed.flowBed().account().governance();
      progress(
          "loaded in "
              + Numbers.seconds(Duration.between(first, last))
              + "; waiting for the echoes of the status write-back");
      bed.awaitSettled(Duration.ofMinutes(5));
      progress("quiet again");
      Optional<Double> limiterStatements;
      try (var metrics = new NodeMetrics(process, bed.apiToken())) {
        limiterStatements = metrics.counter("syncline_limiter_statements_total");
      }

      var all = RemoteCalls.of(bed);
      var untilLast = all.startedBetween(first, last);
      var bound =
          untilLast.bound(
              bed.flowBed().netsuite().latency().rules(),
              remote.concurrencyLimit(),
              remote.joorBudget(),
              remote.joorWindow());
      var wall = Duration.between(first, last);
      var ratio = Numbers.inSeconds(bound.value()) / Numbers.inSeconds(wall);
      var callsPerCustomer = (double) all.netsuiteCalls() / size;
      var creditsPerCustomer = (double) all.joorCredits() / size;

      var figures = new ArrayList<Figure>();
      figures.add(Figure.of("customers loaded", Numbers.count(bed.links())));
      figures.add(Figure.of("failed records", Numbers.count(bed.failedJobs())));
      figures.add(Figure.of("wall time", Numbers.seconds(wall)));
      figures.add(
          Figure.of(
              "governance bound",
              Numbers.seconds(bound.value())
                  + " (NetSuite "
                  + Numbers.seconds(bound.netsuite())
                  + ", JOOR "
                  + Numbers.seconds(bound.joor())
                  + ")"));
      figures.add(Figure.against("bound / actual", Numbers.ratio(ratio), "≥ 0.9", ratio >= 0.9));
      figures.add(
          Figure.of("customers per second", Numbers.decimal(size / Numbers.inSeconds(wall), 1)));
      // The status written back is one call a customer; everything else is read in bulk.
      var callGoal = node.statusWriteBack() ? 1.05 : 0.02;
      figures.add(
          Figure.against(
              "NetSuite calls per customer",
              Numbers.decimal(callsPerCustomer, 3),
              "≤ " + Numbers.decimal(callGoal, 2),
              callsPerCustomer <= callGoal));
      figures.add(
          Figure.against(
              "JOOR credits per customer",
              Numbers.decimal(creditsPerCustomer, 3),
              "≤ 0.02",
              creditsPerCustomer <= 0.02));
      figures.add(
          limiterStatements
              .map(n -> n / all.netsuiteCalls())
              .map(perCall ->
                  Figure.against(
                      "limiter database statements per NetSuite call",
                      Numbers.decimal(perCall, 3),
                      "≤ 0.05",
                      perCall <= 0.05))
              .orElseGet(() ->
                  Figure.notMeasured(
                      "limiter database statements per NetSuite call",
                      "the node's /metrics did not answer with syncline_limiter_statements_total",
                      Optional.of("≤ 0.05"))));
      figures.add(
          Figure.against(
              "calls refused by the remotes",
              Numbers.count(all.netsuiteRefused() + all.joorRefused()),
              "0",
              all.netsuiteRefused() + all.joorRefused() == 0));
      figures.add(
          Figure.against(
              "NetSuite's peak concurrency",
              governance.peak() + " of " + governance.limit(),
              "≤ limit",
              governance.peak() <= governance.limit()));

      var notes = new ArrayList<String>();
      notes.add(
          "Wall time runs from the first remote call to the last write Syncline recorded; the bound"
              + " counts the calls begun in that span ("
              + untilLast.describe()
              + ").");
      notes.add(
          "Calls per customer count everything until the flow was quiet again, the read-back of"
              + " Syncline's own status writes included: "
              + all.describe()
              + ".");
      if (size != ISSUE_SIZE) {
        notes.add(
            "Scaling: at this run's NetSuite calls and JOOR credits per customer (JOOR's vary with"
                + " how many records each bulk call carries), at the issue's "
                + Numbers.count(ISSUE_SIZE)
                + " customers the bound would be about "
                + Numbers.seconds(bound.netsuite().multipliedBy(ISSUE_SIZE).dividedBy(size))
                + " for NetSuite and "
                + Numbers.seconds(
                    RemoteCalls.joorBound(
                        (long) Math.ceil(creditsPerCustomer * ISSUE_SIZE),
                        remote.joorBudget(),
                        remote.joorWindow()))
                + " for JOOR.");
      }
      var args = new ArrayList<String>(List.of("--size", Integer.toString(size)));
      args.addAll(remote.args());
      args.addAll(node.args());
      return new Measured(
          List.of(
              Numbers.count(size) + " customers of Brand US opted in to JOOR, two addresses each",
              remote.describe(),
              "1 node: " + node.describe()),
          figures,
          notes,
          args);
    }
  }
}
