package dev.syncline.bench;

import dev.syncline.bench.report.Figure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Scenario 4: the remotes answer at once and limit nothing, so what is left is Syncline itself and
 * PostgreSQL: how many records a second, at what CPU, in how much heap; and the heap of a node
 * whose database holds a million links.
 */
@Command(
    name = "engine-overhead",
    mixinStandardHelpOptions = true,
    description = {
      "Zero-latency sandboxes and no limits: records per second through the engine and PostgreSQL,",
      "CPU, peak heap; then the heap with a million links in the database."
    })
final class EngineOverheadCommand extends Scenario {

  @Option(
      names = "--size",
      paramLabel = "N",
      defaultValue = "5000",
      description = "Customers to load (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(
      names = "--links",
      paramLabel = "N",
      defaultValue = "1000000",
      description = "Links in the database for the heap figure (default: ${DEFAULT-VALUE}).")
  int links;

  @Option(
      names = "--after-links",
      paramLabel = "N",
      defaultValue = "1000",
      description =
          "Customers the node loads once the links are there (default: ${DEFAULT-VALUE}).")
  int afterLinks;

  @Option(
      names = "--heap",
      paramLabel = "SIZE",
      defaultValue = "512m",
      description = "The node's -Xmx (default: ${DEFAULT-VALUE}, the issue's goal).")
  String heap;

  @Mixin NodeOptions nodeOptions;

  /** No latency, no limit that binds: what remains is Syncline's own work. */
  static RemoteSetup unlimited() {
    return new RemoteSetup(
        Duration.ZERO,
        Duration.ZERO,
        RemoteSetup.MOST_SYNCLINE_TAKES,
        100_000,
        Duration.ofSeconds(1),
        Duration.ZERO);
  }

  @Override
  Measured measure() {
    if (size < 1 || afterLinks < 1 || links < size + afterLinks) {
      throw new IllegalArgumentException(
          "--size and --after-links must be at least 1, and --links at least their sum");
    }
    if (!heap.matches("[0-9]+[kmgKMG]")) {
      throw new IllegalArgumentException("--heap must be a JVM size like 512m, not " + heap);
    }
    var remote = unlimited();
    var node = nodeOptions.resolve(NodeSetup.defaults());
    try (var bed = Testbed.start(remote, node)) {
      progress("creating " + size + " customers in NetSuite");
      bed.flowBed().createCustomers(size, "Overhead");
      bed.forgetRequests();
      var process = bed.startNodes(1, List.of("-Xmx" + heap)).getFirst();
      try (var metrics = new NodeMetrics(process, bed.apiToken())) {
        var cpuBefore = bed.cpu();
        progress("loading them");
        bed.awaitLinked(size, Testbed.loadTimeout(size));
        var cpu = bed.cpu().minus(cpuBefore);
        var first = bed.firstCall().orElseThrow();
        var last = bed.lastWrite().orElseThrow();
        var wall = Duration.between(first, last);
        var loadPeak = metrics.peakHeap();
        bed.awaitSettled(Duration.ofMinutes(5));
        var calls = RemoteCalls.of(bed);

        progress("adding links up to " + links);
        var seedStart = Instant.now();
        var seeded = seedLinks(bed, links - bed.links() - afterLinks);
        var seedTime = Duration.between(seedStart, Instant.now());
        metrics.resetPeak();
        progress("loading " + afterLinks + " more customers with the links there");
        var total = bed.links() + afterLinks;
        bed.flowBed().createCustomers(afterLinks, "After");
        bed.schedule().requestScan(Testbed.FLOW, Instant.now());
        bed.awaitLinked(total, Testbed.loadTimeout(afterLinks));
        bed.awaitSettled(Duration.ofMinutes(5));
        var linksPeak = metrics.peakHeap();
        var afterCollection = metrics.heapAfterFullCollection();
        var alive = process.isAlive();

        var seconds = Numbers.inSeconds(wall);
        var figures = new ArrayList<Figure>();
        figures.add(Figure.of("customers loaded", Numbers.count(size)));
        figures.add(Figure.of("records per second", Numbers.decimal(size / seconds, 1)));
        figures.add(
            Figure.of(
                "node CPU",
                Numbers.decimal(cpu.nodes().toMillis() / (double) size, 2)
                    + " ms per record, "
                    + Numbers.decimal(Numbers.inSeconds(cpu.nodes()) / seconds, 2)
                    + " cores busy"));
        figures.add(
            Figure.of(
                "sandboxes' CPU (this process)",
                Numbers.decimal(cpu.sandboxes().toMillis() / (double) size, 2) + " ms per record"));
        figures.add(
            Figure.of(
                "PostgreSQL CPU",
                Numbers.decimal(cpu.database().toMillis() / (double) size, 2) + " ms per record"));
        var unread = "the node's /metrics gave no jvm_memory_used_bytes of the heap";
        figures.add(
            loadPeak
                .map(p -> Figure.of("peak heap while loading", Numbers.megabytes(p)))
                .orElseGet(
                    () -> Figure.notMeasured("peak heap while loading", unread, Optional.empty())));
        figures.add(Figure.of("links in the database", Numbers.count(total)));
        var linksPeakName = "peak heap with them, loading " + Numbers.count(afterLinks) + " more";
        figures.add(
            linksPeak
                .map(p ->
                    Figure.against(
                        linksPeakName,
                        Numbers.megabytes(p),
                        "≤ 512 MB",
                        alive && p <= 512L * 1_048_576))
                .orElseGet(
                    () -> Figure.notMeasured(linksPeakName, unread, Optional.of("≤ 512 MB"))));
        figures.add(
            afterCollection
                .map(h -> Figure.of("heap after a full collection", Numbers.megabytes(h)))
                .orElseGet(() ->
                    Figure.notMeasured(
                        "heap after a full collection",
                        "no jcmd beside this JVM, or the node's /metrics did not answer after it",
                        Optional.empty())));
        figures.add(
            Figure.against(
                "node within -Xmx" + heap,
                alive ? "yes, no OutOfMemoryError" : "no: it stopped",
                "yes",
                alive));

        var notes = new ArrayList<String>();
        notes.add(
            "Records per second run from the first remote call to the last write recorded. CPU is"
                + " each part's CPU time over the same load; on this machine the nodes, the sandboxes"
                + " and PostgreSQL share the same cores.");
        notes.add(
            "Calls of the load, until the flow was quiet again (the read-back of the status writes"
                + " included): "
                + calls.describe()
                + ".");
        notes.add(
            Numbers.count(seeded)
                + " links were added with SQL, copies of a real one (payload and hashes included), in "
                + Numbers.seconds(seedTime)
                + "; the node then loaded the new customers through them. Heap is sampled from the"
                + " node's /metrics every 200 ms, so a peak between samples is missed.");
        var args =
            new ArrayList<String>(
                List.of(
                    "--size",
                    Integer.toString(size),
                    "--links",
                    Integer.toString(links),
                    "--after-links",
                    Integer.toString(afterLinks),
                    "--heap",
                    heap));
        args.addAll(node.args());
        return new Measured(
            List.of(
                Numbers.count(size) + " customers",
                "NetSuite and JOOR answer at once, no limit binds (NetSuite "
                    + remote.concurrencyLimit()
                    + " at once, JOOR "
                    + remote.joorBudget()
                    + " credits a second, bulk jobs done at once)",
                "1 node with -Xmx" + heap + ": " + node.describe()),
            figures,
            notes,
            args);
      }
    }
  }

  /**
   * Copies the first link {@code n} times under ids no record has, accepted by JOOR as links are
   * after its match; returns how many.
   */
  private static int seedLinks(Testbed bed, int n) {
    if (n <= 0) {
      return 0;
    }
    return bed.jdbi()
        .withHandle(h ->
            h.createQuery(
                    """
                    WITH first AS (SELECT * FROM link ORDER BY id LIMIT 1),
                    made AS (
                        INSERT INTO link (record_type, created_at, updated_at)
                        SELECT t.record_type, t.created_at, t.updated_at
                        FROM generate_series(1, :n) AS g, first AS t
                        RETURNING id),
                    members AS (
                        INSERT INTO link_member (link_id, record_type, instance, record_id, state,
                                                 detail, version, hash, payload, updated_at)
                        SELECT made.id, m.record_type, m.instance, 'seeded-' || made.id, 'synced',
                               '', m.version, m.hash, m.payload, m.updated_at
                        FROM made, link_member m JOIN first ON m.link_id = first.id
                        RETURNING link_id)
                    SELECT count(DISTINCT link_id) FROM members
                    """)
                .bind("n", n)
                .mapTo(Integer.class)
                .one());
  }
}
