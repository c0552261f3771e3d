package dev.syncline.bench.micro;

import dev.syncline.core.mapping.Filter;
import dev.syncline.core.mapping.Json;
import dev.syncline.core.mapping.Mapping;
import dev.syncline.core.port.TargetRecord;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The JSONata work the engine does on every record: the flow's filter and its mapping to JOOR,
 * eleven expressions, two through value maps. Compared with the engine's CPU per record
 * (engine-overhead), the figure says whether JSONata is worth replacing on the hot path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MappingBenchmark {

  private final Mapping mapping = CustomerSample.mapping();
  private final Filter filter = Filter.compile("'JOOR' in channels and subsidiary.id = '1'");
  private final Map<String, Object> canonical = Json.tree(CustomerSample.customer());

  @Benchmark
  public TargetRecord mapToJoor() {
    return mapping.apply("4711", canonical);
  }

  @Benchmark
  public boolean filter() {
    return filter.accepts("4711", canonical);
  }
}
