package dev.syncline.bench;

import dev.syncline.app.testbed.NodeProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node's heap and counters, read from its own Prometheus metrics: the heap sampled a few times a
 * second for the peak, and once after a full collection (through {@code jcmd}) for what is really
 * held.
 */
final class NodeMetrics implements AutoCloseable {

  private final NodeProcess node;
  private final URI metrics;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String token;
  private final AtomicLong peak = new AtomicLong(-1);
  private final Thread sampler;
  private volatile boolean sampling = true;

  /**
   * @param token an API token of the node's database, which {@code /metrics} asks for
   */
  NodeMetrics(NodeProcess node, String token) {
    this.node = node;
    this.token = token;
    this.metrics = node.url().orElseThrow().resolve("/metrics");
    this.sampler = Thread.ofPlatform().daemon().name("heap-sampler").start(this::sample);
  }

  /**
   * The most heap the node had in use at any sample since {@link #resetPeak}; empty when no sample
   * could be read.
   */
  Optional<Long> peakHeap() {
    var value = peak.get();
    return value < 0 ? Optional.empty() : Optional.of(value);
  }

  void resetPeak() {
    peak.set(-1);
  }

  private void sample() {
    while (sampling) {
      heapUsed().ifPresent(used -> peak.accumulateAndGet(used, Math::max));
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The heap in use now: every heap pool's {@code jvm_memory_used_bytes}, summed. */
  Optional<Long> heapUsed() {
    return sum(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
        .map(Double::longValue);
  }

  /** A counter of the node, summed over its series; empty when it could not be read. */
  Optional<Double> counter(String name) {
    return sum(line -> line.startsWith(name + " ") || line.startsWith(name + "{"));
  }

  private Optional<Double> sum(java.util.function.Predicate<String> series) {
    try {
      var body =
          http.send(
                  HttpRequest.newBuilder(metrics)
                      .timeout(Duration.ofSeconds(5))
                      .header("Authorization", "Bearer " + token)
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      double sum = 0;
      var found = false;
      for (var line : body.lines().toList()) {
        if (series.test(line)) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
          found = true;
        }
      }
      return found ? Optional.of(sum) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * The heap in use right after a full collection, which {@code jcmd GC.run} asks of the node: what
   * the node holds, not what it has yet to collect. Empty when this JDK has no jcmd.
   */
  Optional<Long> heapAfterFullCollection() {
    var java = ProcessHandle.current().info().command().map(Path::of);
    var jcmd = java.map(j -> j.resolveSibling("jcmd")).filter(Files::isExecutable);
    if (jcmd.isEmpty()) {
      return Optional.empty();
    }
    try {
      var process =
          new ProcessBuilder(jcmd.get().toString(), Long.toString(node.pid()), "GC.run")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
        return Optional.empty();
      }
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    return heapUsed();
  }

  @Override
  public void close() {
    sampling = false;
    sampler.interrupt();
  }
}
