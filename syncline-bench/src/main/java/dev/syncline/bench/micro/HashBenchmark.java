package dev.syncline.bench.micro;

import dev.syncline.core.mapping.Json;
import dev.syncline.core.model.Customer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The record hashing that lets an unchanged record cost no write: the canonical record made a tree,
 * and the mapped payload's SHA-256 over its canonical text. The figure says whether hashing (and
 * the sorted serialisation under it) is a cost worth a cheaper scheme.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HashBenchmark {

  private final Customer customer = CustomerSample.customer();
  private final Map<String, Object> payload =
      CustomerSample.mapping().apply("4711", Json.tree(customer)).fields();

  @Benchmark
  public Map<String, Object> canonicalTree() {
    return Json.tree(customer);
  }

  @Benchmark
  public String payloadHash() {
    return Json.hash(payload);
  }
}
