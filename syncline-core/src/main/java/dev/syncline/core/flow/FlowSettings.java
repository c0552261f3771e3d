package dev.syncline.core.flow;

import dev.syncline.core.model.RecordType;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What a person decides about one flow: which record type goes between which two system instances,
 * how often, which records, with which field mapping, and who is master when both sides change.
 *
 * @param name unique, used in URLs, the CLI and the database ({@code customers-to-joor-us})
 * @param from the instance at side A ({@code netsuite})
 * @param to the instance at side B ({@code joor_us})
 * @param every how often the flow reads the source's changes
 * @param filter a JSONata expression over the canonical record; records for which it is false are
 *     not sent
 * @param mapping target field to JSONata expression, overriding the target's defaults
 * @param valueMaps named tables for {@code $lookup(table, key)} in mappings (terms to payment
 *     method codes)
 * @param statusFields where to write the sync status back on side A's record, if anywhere
 * @param master which side wins a conflict in a two-way flow
 * @param fieldMasters per field, which side wins, overriding {@code master}
 * @param batchSize how many records one worker takes at a time (bulk reads and writes)
 * @param routes per source side, a direction of a two-way flow that has its own filter, mapping and
 *     value maps instead of the flow's
 * @param onLeave what leaving the flow does on the target
 */
public record FlowSettings(
    String name,
    RecordType recordType,
    String from,
    String to,
    Direction direction,
    boolean enabled,
    Duration every,
    Optional<String> filter,
    Map<String, String> mapping,
    Map<String, Map<String, String>> valueMaps,
    Optional<StatusFields> statusFields,
    Side master,
    Map<String, Side> fieldMasters,
    int batchSize,
    Map<Side, RouteSettings> routes,
    OnLeave onLeave) {

  public static final Duration DEFAULT_EVERY = Duration.ofSeconds(60);
  public static final Duration SHORTEST_EVERY = Duration.ofSeconds(10);
  public static final int DEFAULT_BATCH_SIZE = 100;

  public FlowSettings {
    mapping = Map.copyOf(mapping);
    valueMaps = Map.copyOf(valueMaps);
    fieldMasters = Map.copyOf(fieldMasters);
    routes = Map.copyOf(routes);
  }

  /**
   * A flow whose directions share its filter, mapping and value maps, and which unlinks on leave.
   */
  public FlowSettings(
      String name,
      RecordType recordType,
      String from,
      String to,
      Direction direction,
      boolean enabled,
      Duration every,
      Optional<String> filter,
      Map<String, String> mapping,
      Map<String, Map<String, String>> valueMaps,
      Optional<StatusFields> statusFields,
      Side master,
      Map<String, Side> fieldMasters,
      int batchSize) {
    this(
        name,
        recordType,
        from,
        to,
        direction,
        enabled,
        every,
        filter,
        mapping,
        valueMaps,
        statusFields,
        master,
        fieldMasters,
        batchSize,
        Map.of(),
        OnLeave.UNLINK);
  }

  /** The filter, mapping and value maps of the direction that reads from {@code from}. */
  public RouteSettings route(Side from) {
    var own = routes.get(from);
    return own != null ? own : new RouteSettings(filter, mapping, valueMaps);
  }

  /**
   * The same flow with its own filter, mapping and value maps for the direction from {@code from}.
   */
  public FlowSettings withRoute(Side from, RouteSettings route) {
    var all = new java.util.HashMap<>(routes);
    all.put(from, route);
    return new FlowSettings(
        name,
        recordType,
        this.from,
        to,
        direction,
        enabled,
        every,
        filter,
        mapping,
        valueMaps,
        statusFields,
        master,
        fieldMasters,
        batchSize,
        all,
        onLeave);
  }

  /** The same flow, leaving it as {@code onLeave} says. */
  public FlowSettings withOnLeave(OnLeave onLeave) {
    return new FlowSettings(
        name,
        recordType,
        from,
        to,
        direction,
        enabled,
        every,
        filter,
        mapping,
        valueMaps,
        statusFields,
        master,
        fieldMasters,
        batchSize,
        routes,
        onLeave);
  }

  /** The instance at one side. */
  public String instance(Side side) {
    return side == Side.A ? from : to;
  }

  /** The sides this flow reads changes from. */
  public java.util.List<Side> sourceSides() {
    return direction == Direction.TWO_WAY
        ? java.util.List.of(Side.A, Side.B)
        : java.util.List.of(Side.A);
  }
}
