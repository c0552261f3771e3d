package dev.syncline.core.engine;

import dev.syncline.core.flow.Side;
import dev.syncline.core.flow.StatusFields;
import dev.syncline.core.mapping.Filter;
import dev.syncline.core.mapping.Mapping;
import dev.syncline.core.port.RecordExporter;
import dev.syncline.core.port.RecordImporter;
import dev.syncline.core.port.StatusWriter;
import java.util.Optional;

/**
 * One direction of a flow: records read from side {@code from} by the importer, filtered, checked
 * and mapped, and written to the other side by the exporter; statuses written back on {@code from},
 * if configured.
 */
public record Route<T>(
    Side from,
    RecordImporter<T> importer,
    RecordExporter<T> exporter,
    Mapping mapping,
    Filter filter,
    Optional<StatusWriter> statusWriter,
    Optional<StatusFields> statusFields) {

  public Side to() {
    return from.other();
  }
}
