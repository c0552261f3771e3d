package dev.syncline.bench;

import dev.syncline.bench.report.Figure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Scenario 5: the same load by one node and by several on one database, with the limits raised so
 * that they are not what binds: how much more the nodes do together, and whether together they keep
 * within NetSuite's concurrency limit.
 */
@Command(
    name = "scale-out",
    mixinStandardHelpOptions = true,
    description = {
      "The same load by one node, then by several on one database, limits raised: throughput ratio",
      "and NetSuite's peak concurrency (never above its limit)."
    })
final class ScaleOutCommand extends Scenario {

  @Option(
      names = "--size",
      paramLabel = "N",
      defaultValue = "2000",
      description = "Customers each load carries (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(
      names = "--nodes",
      paramLabel = "N",
      defaultValue = "3",
      description = "Nodes of the second load (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Mixin RemoteOptions remoteOptions;
  @Mixin NodeOptions nodeOptions;

  /** The latency, and limits raised so far that one node cannot reach them. */
  static RemoteSetup raised() {
    var realistic = RemoteSetup.realistic();
    return new RemoteSetup(
        realistic.recordLatency(),
        realistic.suiteQlLatency(),
        RemoteSetup.MOST_SYNCLINE_TAKES,
        3000,
        realistic.joorWindow(),
        realistic.joorJobDelay());
  }

  /** One load's outcome. */
  private record Load(
      int nodes,
      Duration wall,
      int peak,
      int limit,
      int refused,
      Map<String, Integer> writesByNode,
      String calls) {

    double perSecond(int size) {
      return size / Numbers.inSeconds(wall);
    }
  }

  @Override
  Measured measure() {
    if (size < 1 || nodes < 2) {
      throw new IllegalArgumentException("--size must be at least 1 and --nodes at least 2");
    }
    var remote = remoteOptions.resolve(raised());
    var node = nodeOptions.resolve(NodeSetup.defaults());
    var one = load(1, remote, node);
    var many = load(nodes, remote, node);
    var ratio = many.perSecond(size) / one.perSecond(size);

    var figures = new ArrayList<Figure>();
    for (var load : List.of(one, many)) {
      var label = load.nodes() == 1 ? "1 node" : load.nodes() + " nodes";
      figures.add(
          Figure.of(
              label + ": customers per second",
              Numbers.decimal(load.perSecond(size), 1)
                  + " ("
                  + Numbers.seconds(load.wall())
                  + ")"));
      figures.add(
          Figure.against(
              label + ": NetSuite's peak concurrency",
              load.peak() + " of " + load.limit(),
              "≤ limit",
              load.peak() <= load.limit()));
      figures.add(
          Figure.against(
              label + ": calls refused by the remotes",
              Numbers.count(load.refused()),
              "0",
              load.refused() == 0));
    }
    figures.add(
        Figure.against(
            "throughput ratio, " + nodes + " nodes to 1",
            Numbers.ratio(ratio),
            "≥ 2.5",
            ratio >= 2.5));
    figures.add(Figure.of("writes by node, " + nodes + " nodes", many.writesByNode().toString()));

    var notes = new ArrayList<String>();
    notes.add(
        "Each load starts on fresh sandboxes and a fresh database, with its nodes already running:"
            + " the customers are created, a scan is asked for, and the time runs from the first"
            + " remote call to the last write recorded.");
    notes.add(
        "Calls, 1 node: " + one.calls() + ". Calls, " + nodes + " nodes: " + many.calls() + ".");
    notes.add(
        "All nodes, the sandboxes and PostgreSQL share this machine's "
            + Runtime.getRuntime().availableProcessors()
            + " cores.");
    var args =
        new ArrayList<String>(
            List.of("--size", Integer.toString(size), "--nodes", Integer.toString(nodes)));
    args.addAll(remote.args());
    args.addAll(node.args());
    return new Measured(
        List.of(
            Numbers.count(size) + " customers per load, by 1 node and then by " + nodes,
            remote.describe(),
            "each node: " + node.describe()),
        figures,
        notes,
        args);
  }

  private Load load(int count, RemoteSetup remote, NodeSetup node) {
    try (var bed = Testbed.start(remote, node)) {
      progress("starting " + count + (count == 1 ? " node" : " nodes"));
      bed.startNodes(count, List.of());
      bed.remoteLatency();
      progress("creating " + size + " customers and asking for a scan");
      bed.flowBed().createCustomers(size, "Scale");
      bed.forgetRequests();
      bed.schedule().requestScan(Testbed.FLOW, Instant.now());
      bed.awaitLinked(size, Testbed.loadTimeout(size));
      var wall = Duration.between(bed.firstCall().orElseThrow(), bed.lastWrite().orElseThrow());
      var governance = bed.flowBed().account().governance();
      var calls = RemoteCalls.of(bed);
      var byNode = new TreeMap<String, Integer>();
      bed.jdbi()
          .useHandle(h ->
              h.createQuery(
                      "SELECT node, count(*) AS n FROM sync_event WHERE kind = 'written' GROUP BY node")
                  .map((rs, ctx) -> Map.entry(rs.getString("node"), rs.getInt("n")))
                  .forEach(e -> byNode.put(e.getKey(), e.getValue())));
      return new Load(
          count,
          wall,
          governance.peak(),
          governance.limit(),
          calls.netsuiteRefused() + calls.joorRefused(),
          byNode,
          calls.describe());
    }
  }
}
