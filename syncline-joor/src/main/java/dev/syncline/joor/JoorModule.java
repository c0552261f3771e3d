package dev.syncline.joor;

import dev.syncline.core.model.RecordType;
import dev.syncline.core.port.ConnectionState;
import dev.syncline.core.port.RecordExporter;
import dev.syncline.core.port.RecordImporter;
import dev.syncline.core.port.StatusWriter;
import dev.syncline.core.port.SystemAdapters;
import dev.syncline.joor.client.JoorClient;
import dev.syncline.joor.customer.JoorCustomerExporter;
import java.time.InstantSource;
import java.util.Optional;

/** One JOOR account and what Syncline can do with it, registered by record type. */
public final class JoorModule implements SystemAdapters {

  private final String instance;
  private final JoorClient client;
  private final JoorCustomerExporter customers;

  public JoorModule(String instance, JoorClient client, InstantSource clock) {
    this.instance = instance;
    this.client = client;
    this.customers = new JoorCustomerExporter(client, clock);
  }

  @Override
  public String instance() {
    return instance;
  }

  public JoorClient client() {
    return client;
  }

  @Override
  public String probe() {
    return client.probe();
  }

  @Override
  public ConnectionState connection() {
    return client.connection();
  }

  @Override
  public Optional<RecordImporter<?>> importer(RecordType type) {
    return Optional.empty();
  }

  @Override
  public Optional<RecordExporter<?>> exporter(RecordType type) {
    return type == RecordType.CUSTOMER ? Optional.of(customers) : Optional.empty();
  }

  @Override
  public Optional<StatusWriter> statusWriter(RecordType type) {
    return Optional.empty();
  }

  @Override
  public void close() {
    client.close();
  }
}
