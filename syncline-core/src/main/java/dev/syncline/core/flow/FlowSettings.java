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
    int batchSize) {

  public static final Duration DEFAULT_EVERY = Duration.ofSeconds(60);
  public static final Duration SHORTEST_EVERY = Duration.ofSeconds(10);
  public static final int DEFAULT_BATCH_SIZE = 100;

  public FlowSettings {
    mapping = Map.copyOf(mapping);
    valueMaps = Map.copyOf(valueMaps);
    fieldMasters = Map.copyOf(fieldMasters);
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
