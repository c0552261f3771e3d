package dev.syncline.joor.client;

import dev.syncline.core.limit.Limiter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Syncline's client of one JOOR account: v2 and v4, both auth schemes, credits, retries, paging and
 * bulk writes. It knows nothing of sync; adapters build on its parts. Thread-safe; meant to be
 * shared by every flow of the account.
 */
public final class JoorClient implements AutoCloseable {

  private final HttpClient http;
  private final JoorConnections connections;
  private final ConnectionWriter connectionWriter;
  private final JoorOrders orders;
  private final JoorCatalog catalog;
  private final JoorInventory inventory;

  private JoorClient(
      JoorConfig config, Limiter credits, MeterRegistry meters, InstantSource clock) {
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    var json = JsonMapper.builder().build();
    var joorHttp = new JoorHttp(config, credits, meters, clock, http, json);
    this.connections = new JoorConnections(joorHttp, json);
    this.connectionWriter = new ConnectionWriter(connections, config, clock);
    this.orders = new JoorOrders(joorHttp, json);
    this.catalog = new JoorCatalog(joorHttp, json);
    this.inventory = new JoorInventory(joorHttp, json);
  }

  /**
   * @param credits the account's credit limiter, shared by every client of the account: a sliding
   *     window of {@link JoorConfig.RateLimit#budget()} over {@link JoorConfig.RateLimit#span()}
   */
  public static JoorClient create(
      JoorConfig config, Limiter credits, MeterRegistry meters, InstantSource clock) {
    return new JoorClient(config, credits, meters, clock);
  }

  public JoorConnections connections() {
    return connections;
  }

  /** Upserts connections through bulk calls; the way to write many. */
  public ConnectionWriter connectionWriter() {
    return connectionWriter;
  }

  public JoorOrders orders() {
    return orders;
  }

  public JoorCatalog catalog() {
    return catalog;
  }

  public JoorInventory inventory() {
    return inventory;
  }

  @Override
  public void close() {
    connectionWriter.close();
    http.close();
  }
}
