package dev.syncline.zoey;

import dev.syncline.core.model.RecordType;
import dev.syncline.core.port.ConnectionState;
import dev.syncline.core.port.RecordExporter;
import dev.syncline.core.port.RecordImporter;
import dev.syncline.core.port.StatusWriter;
import dev.syncline.core.port.SystemAdapters;
import dev.syncline.zoey.client.ZoeyClient;
import dev.syncline.zoey.customer.ZoeyCustomerExporter;
import dev.syncline.zoey.customer.ZoeyCustomerImporter;
import java.net.URI;
import java.util.Optional;

/** One Zoey store and what Syncline can do with it, registered by record type. */
public final class ZoeyModule implements SystemAdapters {

  private final String instance;
  private final ZoeyClient client;
  private final ZoeyCustomerExporter customers;
  private final ZoeyCustomerImporter customerReads;
  private final dev.syncline.zoey.contact.ZoeyContactExporter contacts;
  private final dev.syncline.zoey.contact.ZoeyContactImporter contactReads;

  public ZoeyModule(String instance, ZoeyClient client) {
    this.instance = instance;
    this.client = client;
    this.customers = new ZoeyCustomerExporter(client);
    this.customerReads = new ZoeyCustomerImporter(client);
    this.contacts = new dev.syncline.zoey.contact.ZoeyContactExporter(client);
    this.contactReads = new dev.syncline.zoey.contact.ZoeyContactImporter(client);
  }

  @Override
  public String instance() {
    return instance;
  }

  public ZoeyClient client() {
    return client;
  }

  /** Where a person authorizes Syncline in Zoey, carrying {@code state} back to the callback. */
  public URI authorizationUrl(String state) {
    return client.authorizationUrl(state);
  }

  /** Trades the code of Zoey's redirect for tokens, and keeps them: the store is connected. */
  public void connect(String code) {
    client.connect(code);
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
    return switch (type) {
      case CUSTOMER -> Optional.of(customerReads);
      case CONTACT -> Optional.of(contactReads);
      default -> Optional.empty();
    };
  }

  @Override
  public Optional<RecordExporter<?>> exporter(RecordType type) {
    return switch (type) {
      case CUSTOMER -> Optional.of(customers);
      case CONTACT -> Optional.of(contacts);
      default -> Optional.empty();
    };
  }

  @Override
  public Optional<StatusWriter> statusWriter(RecordType type) {
    return Optional.empty();
  }
}
