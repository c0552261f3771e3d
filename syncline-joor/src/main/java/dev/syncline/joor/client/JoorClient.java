package dev.syncline.joor.client;

import dev.syncline.core.limit.Limiter;
import dev.syncline.core.port.ConnectionState;
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
  private final JoorHttp joorHttp;
  private final String account;

  private JoorClient(
      JoorConfig config, Limiter credits, MeterRegistry meters, InstantSource clock) {
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    var json = JsonMapper.builder().build();
    this.joorHttp = new JoorHttp(config, credits, meters, clock, http, json);
    this.account = config.account();
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

  /**
   * One cheap authenticated call, a page of one connection (one credit, joor.md §1.6), to learn
   * whether JOOR answers and accepts the credentials; says what it found, or throws the classified
   * error.
   */
  public String probe() {
    var page = connections.page(ConnectionFilter.all().withPageSize(1), 0);
    return "JOOR account "
        + account
        + " accepted the credentials and listed its connections ("
        + page.total()
        + " in all).";
  }

  /** The connection as this client's calls found it, and the credits left. */
  public ConnectionState connection() {
    return joorHttp.connection();
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
