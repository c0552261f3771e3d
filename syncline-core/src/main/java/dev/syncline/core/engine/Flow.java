package dev.syncline.core.engine;

import dev.syncline.core.flow.Direction;
import dev.syncline.core.flow.FlowSettings;
import dev.syncline.core.flow.Side;
import dev.syncline.core.mapping.Filter;
import dev.syncline.core.mapping.Mapping;
import dev.syncline.core.port.RecordExporter;
import dev.syncline.core.port.RecordImporter;
import dev.syncline.core.port.StatusWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A flow ready to run: its settings and the routes its records take, with the mapping and filter
 * compiled. Built by the app from the configuration and the system modules' adapters.
 *
 * @param <T> the canonical record type
 */
public final class Flow<T> {

  private final FlowSettings settings;
  private final List<Route<T>> routes;
  private final Map<String, dev.syncline.core.model.RecordType> referenceFields;

  private Flow(FlowSettings settings, List<Route<T>> routes) {
    this.settings = settings;
    this.routes = List.copyOf(routes);
    var fields = new java.util.LinkedHashMap<String, dev.syncline.core.model.RecordType>();
    for (var route : this.routes) {
      fields.putAll(route.importer().referenceFields());
    }
    this.referenceFields = java.util.Collections.unmodifiableMap(fields);
  }

  /**
   * A one-way flow from A to B.
   *
   * @throws Mapping.MappingConfigException when the flow's mapping names unknown fields or does not
   *     compile
   * @throws IllegalArgumentException when the filter does not compile
   */
  public static <T> Flow<T> oneWay(
      FlowSettings settings,
      RecordImporter<T> importer,
      RecordExporter<T> exporter,
      Optional<StatusWriter> statusWriter) {
    if (settings.direction() != Direction.ONE_WAY) {
      throw new IllegalArgumentException("Flow " + settings.name() + " is not one-way");
    }
    return new Flow<>(settings, List.of(route(settings, Side.A, importer, exporter, statusWriter)));
  }

  /**
   * A two-way flow: each side's importer feeds the other side's exporter, through the filter,
   * mapping and value maps of its direction. Side A, given a status writer, takes the sync status
   * of its records back (NetSuite's status fields) as a one-way flow's source does.
   */
  public static <T> Flow<T> twoWay(
      FlowSettings settings,
      RecordImporter<T> importerA,
      RecordExporter<T> exporterA,
      Optional<StatusWriter> statusWriterA,
      RecordImporter<T> importerB,
      RecordExporter<T> exporterB) {
    if (settings.direction() != Direction.TWO_WAY) {
      throw new IllegalArgumentException("Flow " + settings.name() + " is not two-way");
    }
    return new Flow<>(
        settings,
        List.of(
            route(settings, Side.A, importerA, exporterB, statusWriterA),
            route(settings, Side.B, importerB, exporterA, Optional.empty())));
  }

  private static <T> Route<T> route(
      FlowSettings settings,
      Side from,
      RecordImporter<T> importer,
      RecordExporter<T> exporter,
      Optional<StatusWriter> statusWriter) {
    var own = settings.route(from);
    var mapping =
        Mapping.compile(
            exporter.defaultMapping(), own.mapping(), own.valueMaps(), exporter::takesField);
    var filter = own.filter().map(Filter::compile).orElse(Filter.NONE);
    return new Route<>(
        from,
        importer,
        exporter,
        mapping,
        filter,
        statusWriter,
        statusWriter.isPresent() ? settings.statusFields() : Optional.empty());
  }

  public FlowSettings settings() {
    return settings;
  }

  public String name() {
    return settings.name();
  }

  public List<Route<T>> routes() {
    return routes;
  }

  /**
   * The canonical fields that hold a reference to another record, as either side's importer
   * declares them ({@link RecordImporter#referenceFields()}), by field.
   */
  public Map<String, dev.syncline.core.model.RecordType> referenceFields() {
    return referenceFields;
  }

  public Route<T> route(Side from) {
    return routes.stream()
        .filter(r -> r.from() == from)
        .findFirst()
        .orElseThrow(() ->
            new IllegalArgumentException("Flow " + name() + " reads nothing from side " + from));
  }
}
