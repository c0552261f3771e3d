package dev.syncline.sandbox;

import dev.syncline.sandbox.common.Faults;
import dev.syncline.sandbox.common.Latency;
import dev.syncline.sandbox.common.RequestLog;
import java.net.URI;
import java.util.SequencedMap;

/** One simulated remote system, serving HTTP on loopback until closed. */
public interface Sandbox extends AutoCloseable {

  /** {@code netsuite}, {@code joor} or {@code zoey}. */
  String system();

  /** Where its API is reached. */
  URI baseUrl();

  /**
   * What a client needs to connect, as the {@code KEY=value} lines {@code syncline sandbox} prints
   * ({@code NETSUITE_BASE_URL}, {@code JOOR_V2_TOKEN}, ...), in a stable order.
   */
  SequencedMap<String, String> connectionSettings();

  /** Every request served, for tests, benchmarks and the control API. */
  RequestLog requestLog();

  /** Failures to inject into the next matching requests. */
  Faults faults();

  /** Delays to add to matching requests, as the real system would take. */
  Latency latency();

  @Override
  void close();
}
