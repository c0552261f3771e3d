package dev.syncline.netsuite;

import dev.syncline.core.model.RecordType;
import dev.syncline.core.port.ConnectionState;
import dev.syncline.core.port.RecordExporter;
import dev.syncline.core.port.RecordImporter;
import dev.syncline.core.port.StatusWriter;
import dev.syncline.core.port.SystemAdapters;
import dev.syncline.netsuite.client.NetSuiteClient;
import dev.syncline.netsuite.client.SuiteQlCondition;
import dev.syncline.netsuite.customer.NetSuiteCustomerExporter;
import dev.syncline.netsuite.customer.NetSuiteCustomerImporter;
import dev.syncline.netsuite.customer.NetSuiteCustomerStatusWriter;
import java.time.ZoneId;
import java.util.Optional;

/** One NetSuite account and what Syncline can do with it, registered by record type. */
public final class NetSuiteModule implements SystemAdapters {

  private final String instance;
  private final NetSuiteClient client;
  private final NetSuiteCustomerImporter customers;
  private final NetSuiteCustomerStatusWriter customerStatuses;
  private final NetSuiteCustomerExporter customerWrites;
  private final dev.syncline.netsuite.contact.NetSuiteContactImporter contacts;
  private final dev.syncline.netsuite.contact.NetSuiteContactExporter contactWrites;

  /**
   * @param channelsField the multi-select custom field naming the channels a customer is enabled
   *     for
   * @param zone the time zone the account shows times in
   * @param customerReads how customers are read
   * @param conditions the named SuiteQL conditions customers are read with, for flows' filters
   */
  public NetSuiteModule(
      String instance,
      NetSuiteClient client,
      String channelsField,
      ZoneId zone,
      NetSuiteCustomerImporter.Reads customerReads,
      java.util.List<SuiteQlCondition> conditions) {
    this.instance = instance;
    this.client = client;
    this.customers =
        new NetSuiteCustomerImporter(client, channelsField, zone, customerReads, conditions);
    this.customerStatuses = new NetSuiteCustomerStatusWriter(client);
    this.customerWrites = new NetSuiteCustomerExporter(client);
    this.contacts = new dev.syncline.netsuite.contact.NetSuiteContactImporter(client, zone);
    this.contactWrites = new dev.syncline.netsuite.contact.NetSuiteContactExporter(client);
  }

  @Override
  public String instance() {
    return instance;
  }

  public NetSuiteClient client() {
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
    return switch (type) {
      case CUSTOMER -> Optional.of(customers);
      case CONTACT -> Optional.of(contacts);
      default -> Optional.empty();
    };
  }

  @Override
  public Optional<RecordExporter<?>> exporter(RecordType type) {
    return switch (type) {
      case CUSTOMER -> Optional.of(customerWrites);
      case CONTACT -> Optional.of(contactWrites);
      default -> Optional.empty();
    };
  }

  @Override
  public Optional<StatusWriter> statusWriter(RecordType type) {
    return type == RecordType.CUSTOMER ? Optional.of(customerStatuses) : Optional.empty();
  }
}
