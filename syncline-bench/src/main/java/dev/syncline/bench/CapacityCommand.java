package dev.syncline.bench;

import dev.syncline.bench.report.Figure;
import dev.syncline.core.engine.EngineSettings;
import dev.syncline.core.engine.Flow;
import dev.syncline.core.engine.SyncEngine;
import dev.syncline.core.flow.Direction;
import dev.syncline.core.flow.FlowSettings;
import dev.syncline.core.flow.Side;
import dev.syncline.core.flow.StatusFields;
import dev.syncline.core.model.Address;
import dev.syncline.core.model.Customer;
import dev.syncline.core.model.RecordType;
import dev.syncline.core.model.Ref;
import dev.syncline.core.port.Change;
import dev.syncline.core.port.RecordExporter;
import dev.syncline.core.port.RecordImporter;
import dev.syncline.core.port.SourceRecord;
import dev.syncline.core.port.StatusWriter;
import dev.syncline.core.port.Violation;
import dev.syncline.core.port.Watermark;
import dev.syncline.core.port.WriteRequest;
import dev.syncline.core.port.WriteResult;
import dev.syncline.joor.customer.JoorCustomerExporter;
import dev.syncline.joor.customer.JoorCustomerMapper;
import dev.syncline.store.Database;
import dev.syncline.store.DatabaseSettings;
import dev.syncline.store.PostgresFlowSchedule;
import dev.syncline.store.PostgresJobQueue;
import dev.syncline.store.PostgresLinks;
import dev.syncline.store.PostgresRunLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The engine's own capacity: the customer flow to JOOR (its filter, mapping, value maps, checks and
 * status write-back) run by an engine in this process on the embedded PostgreSQL, between a source
 * and a target that answer at once without HTTP. What it measures is what the engine and the
 * database cost per record, with nothing remote to wait for; the profile says where it goes.
 */
@Command(
    name = "capacity",
    mixinStandardHelpOptions = true,
    description = {
      "The engine alone against a null remote (in-process systems that answer at once, no HTTP):",
      "records per second, node and PostgreSQL CPU per record, and where the node's CPU goes."
    })
final class CapacityCommand extends Scenario {

  @Option(
      names = "--size",
      paramLabel = "N",
      defaultValue = "20000",
      description = "Customers to load (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(
      names = "--workers",
      paramLabel = "N",
      defaultValue = "4",
      description = "Batches processed at once (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--batch",
      paramLabel = "N",
      defaultValue = "100",
      description = "Records per batch (default: ${DEFAULT-VALUE}).")
  int batch;

  private static final String FLOW = "customers-to-null";

  @Override
  Measured measure() {
    if (size < 1 || workers < 1 || batch < 1 || batch > 1000) {
      throw new IllegalArgumentException(
          "--size and --workers must be at least 1, --batch from 1 to 1000");
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("syncline-capacity-");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not make a folder for the run: " + e.getMessage(), e);
    }
    var pgDir = dir.resolve("postgres");
    try (var database = Database.open(DatabaseSettings.embedded(pgDir), Optional.empty())) {
      database.migrate();
      var jdbi = database.jdbi();
      var clock = InstantSource.system();
      var source = new NullSource(size, clock.instant().minusSeconds(3600));
      var target = new NullTarget(clock);
      var flow = Flow.oneWay(settings(), source, target, Optional.of((StatusWriter) (f, b) -> {}));
      var engine =
          new SyncEngine(
              new PostgresFlowSchedule(jdbi),
              new PostgresJobQueue(jdbi),
              new PostgresRunLog(jdbi),
              new PostgresLinks(jdbi),
              List.of(flow),
              clock,
              EngineSettings.defaults("capacity").withWorkers(workers));
      try (engine;
          var profile = Profile.start()) {
        var before = cpu(pgDir);
        var started = System.nanoTime();
        progress("loading " + size + " customers through the engine");
        engine.start();
        engine.scan(FLOW, "bench");
        var deadline = Instant.now().plus(Duration.ofMinutes(30));
        while (target.written() < size) {
          if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException(
                "Only " + target.written() + " of " + size + " customers were written in 30 min");
          }
          Pause.of(Duration.ofMillis(50));
        }
        var wall = Duration.ofNanos(System.nanoTime() - started);
        var used = cpu(pgDir).minus(before);
        var top = profile.top(10);
        return report(wall, used, top, target.batches());
      }
    } finally {
      Testbed.deleteQuietly(dir);
    }
  }

  private Measured report(Duration wall, CpuTimes used, List<Profile.Frame> top, int batches) {
    var seconds = Numbers.inSeconds(wall);
    var rate = size / seconds;
    var node = used.nodes().toNanos() / 1e6 / size;
    var database = used.database().toNanos() / 1e6 / size;
    var figures = new ArrayList<Figure>();
    figures.add(Figure.of("customers loaded", Numbers.count(size)));
    figures.add(
        Figure.against("records per second", Numbers.decimal(rate, 1), "≥ 2,000", rate >= 2000));
    figures.add(Figure.of("node CPU (this process)", Numbers.decimal(node, 3) + " ms per record"));
    figures.add(Figure.of("PostgreSQL CPU", Numbers.decimal(database, 3) + " ms per record"));
    figures.add(
        Figure.against(
            "node and PostgreSQL CPU together",
            Numbers.decimal(node + database, 3) + " ms per record",
            "≤ 1 ms",
            node + database <= 1.0));
    figures.add(Figure.of("target write calls", Numbers.count(batches)));
    var notes = new ArrayList<String>();
    notes.add(
        "The customer flow to JOOR as the demo configures it (filter, JOOR's mapping, value maps and"
            + " checks, the status written back), run by an engine in the bench process on the"
            + " embedded PostgreSQL; the source lists and loads customers from memory and the"
            + " target takes each batch at once (JOOR's own conversion of each record included), so"
            + " no HTTP and no remote limit is in it. Records per second run from the scan's start"
            + " to the last write. The node's CPU is this process's; PostgreSQL's is its postmaster"
            + " and backends'. On this machine they share the same cores.");
    notes.add(
        "Where the node's CPU went (JFR execution samples, top frames by share of samples): "
            + String.join("; ", top.stream().map(Profile.Frame::describe).toList())
            + ".");
    return new Measured(
        List.of(
            Numbers.count(size) + " customers",
            "null remote: in-process source and target, no HTTP",
            workers + " workers, batches of " + batch),
        figures,
        notes,
        List.of(
            "--size",
            Integer.toString(size),
            "--workers",
            Integer.toString(workers),
            "--batch",
            Integer.toString(batch)));
  }

  private FlowSettings settings() {
    return new FlowSettings(
        FLOW,
        RecordType.CUSTOMER,
        "netsuite",
        "joor_us",
        Direction.ONE_WAY,
        true,
        Duration.ofHours(1),
        Optional.of("'JOOR' in channels and subsidiary.id = '1'"),
        Map.of(),
        Map.of(
            "paymentMethod", Map.of("Net 30", "NET30"),
            "priceType", Map.of("Wholesale USD", "USD-Wholesale")),
        Optional.of(
            new StatusFields(
                "custentity_syncline_joor_status",
                "custentity_syncline_joor_message",
                "custentity_syncline_joor_synced_at")),
        Side.A,
        Map.of(),
        batch);
  }

  /** This process's CPU (the engine, counted as the node) and PostgreSQL's. */
  private static CpuTimes cpu(Path pgDir) {
    var all = CpuTimes.now(List.of(), CpuTimes.postmaster(pgDir));
    return new CpuTimes(all.sandboxes(), Duration.ZERO, all.database());
  }

  /** Customers in memory, all changed an hour ago, a second apart in groups of 100. */
  private static final class NullSource implements RecordImporter<Customer> {
    private final List<Change> changes = new ArrayList<>();
    private final Map<String, SourceRecord<Customer>> records = new LinkedHashMap<>();

    NullSource(int n, Instant from) {
      for (var i = 1; i <= n; i++) {
        var id = Integer.toString(i);
        var at = from.plusSeconds(i / 100);
        changes.add(new Change(id, at));
        records.put(id, new SourceRecord<>(id, at, customer(i)));
      }
    }

    private static Customer customer(int i) {
      var name = "Épicerie Nº" + i + " ✨";
      return new Customer(
          name,
          Optional.of("buyer" + i + "@example.com"),
          Optional.of("+1 555 0100"),
          false,
          Optional.of(Ref.of("1", "Net 30")),
          Optional.of(Ref.of("2", "Wholesale")),
          Optional.of(Ref.of("1", "USD")),
          Optional.of(Ref.of("1", "Brand US")),
          Optional.empty(),
          Optional.empty(),
          List.of("JOOR"),
          List.of(
              new Address(
                  Optional.of("Main"),
                  Optional.of(name),
                  Optional.empty(),
                  Optional.of(i + " Main St"),
                  Optional.empty(),
                  Optional.of("Springfield"),
                  Optional.of("IL"),
                  Optional.of("62701"),
                  Optional.of("US"),
                  Optional.empty(),
                  true,
                  true)),
          Map.of());
    }

    @Override
    public List<Change> changesAfter(Watermark after, int limit) {
      // In (modifiedAt, id) order, as ids are numbers and times grow with them.
      return changes.stream()
          .filter(c ->
              c.modifiedAt().isAfter(after.modifiedAt())
                  || (c.modifiedAt().equals(after.modifiedAt())
                      && !after.id().isEmpty()
                      && Long.parseLong(c.id()) > Long.parseLong(after.id())))
          .limit(limit)
          .toList();
    }

    @Override
    public Map<String, SourceRecord<Customer>> load(Collection<String> ids) {
      var found = new LinkedHashMap<String, SourceRecord<Customer>>();
      ids.forEach(id -> Optional.ofNullable(records.get(id)).ifPresent(r -> found.put(id, r)));
      return found;
    }

    @Override
    public String describe(String id, Optional<Customer> record) {
      return "Customer " + id;
    }

    @Override
    public Optional<String> fixHint(String field) {
      return Optional.empty();
    }
  }

  /**
   * A target that takes every write at once, after JOOR's own checks and conversion of each record,
   * so that what is measured is the engine and not a remote system.
   */
  private static final class NullTarget implements RecordExporter<Customer> {
    // Only its mapping and checks are used, which call no remote.
    private final JoorCustomerExporter joor;
    private final AtomicInteger written = new AtomicInteger();
    private final AtomicInteger batches = new AtomicInteger();

    NullTarget(InstantSource clock) {
      this.joor = new JoorCustomerExporter(null, clock);
    }

    int written() {
      return written.get();
    }

    int batches() {
      return batches.get();
    }

    @Override
    public Map<String, String> defaultMapping() {
      return JoorCustomerMapper.DEFAULT_MAPPING;
    }

    @Override
    public List<Violation> validate(Customer record) {
      return joor.validate(record);
    }

    @Override
    public Optional<String> createKeyField() {
      return joor.createKeyField();
    }

    @Override
    public List<WriteResult> write(List<WriteRequest> batch) {
      batches.incrementAndGet();
      var results = new ArrayList<WriteResult>();
      for (var request : batch) {
        JoorCustomerMapper.toConnection(request.payload());
        results.add(
            new WriteResult.Written(
                request.sourceId(),
                request.targetId().orElse("J" + request.sourceId()),
                request.targetId().isEmpty(),
                dev.syncline.core.port.RemoteState.SYNCED,
                Optional.empty(),
                List.of()));
      }
      written.addAndGet(batch.size());
      return results;
    }
  }
}
