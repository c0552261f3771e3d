package dev.syncline.core.port;

import dev.syncline.core.model.RecordType;
import java.util.Optional;

/**
 * One configured system instance and the adapters it offers, by record type: what it can read, what
 * it can write, and where it can write a sync status back. Each system module builds one per
 * configured instance, registering its adapters explicitly.
 */
public interface SystemAdapters extends AutoCloseable {

  /** The instance's name in the configuration ({@code netsuite}, {@code joor_us}). */
  String instance();

  Optional<RecordImporter<?>> importer(RecordType type);

  Optional<RecordExporter<?>> exporter(RecordType type);

  Optional<StatusWriter> statusWriter(RecordType type);

  /**
   * Makes one cheap authenticated call and says what it found, in a sentence; throws the classified
   * error when the call fails. The Connections page's "Test connection" button calls it.
   */
  String probe();

  /** What this node knows of the connection now, from the calls it made. */
  ConnectionState connection();

  /** Releases what the adapters hold (HTTP clients, batching threads). */
  @Override
  default void close() {}
}
