package dev.syncline.zoey.client;

import dev.syncline.core.PermanentSyncException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads records out of Zoey's answers, refusing what Zoey would not send: a record without its id,
 * a change time that is not a time. The error names the record and what is wrong with it.
 */
final class ZoeyRecords {

  private ZoeyRecords() {}

  /**
   * zoey.md §5.2: a collection is an object keyed by id (customers, orders) or an array (stock
   * items); both are read, in the order Zoey sent them.
   *
   * @param needsTime whether each record must carry {@code updated_at}
   */
  static List<ZoeyRecord> collection(
      String call, JsonNode body, String idField, boolean needsTime) {
    if (!body.isObject() && !body.isArray()) {
      throw ZoeyErrors.unexpectedBody(
          call, "a " + body.getNodeType().name().toLowerCase() + " instead of a collection");
    }
    var records = new ArrayList<ZoeyRecord>();
    for (var row : body.valueStream().toList()) {
      var record = record(call, row, idField);
      if (needsTime && record.updatedAt().isEmpty()) {
        throw invalid(
            call,
            "record "
                + record.id()
                + " has no updated_at, so Syncline cannot tell when it changed");
      }
      records.add(record);
    }
    return records;
  }

  static ZoeyRecord one(String call, JsonNode body, String idField) {
    return record(call, body, idField);
  }

  static String createdId(String call, ZoeyHttp.Answer answer) {
    return answer
        .location()
        .flatMap(ZoeyRecords::lastSegment)
        .orElseThrow(
            () -> invalid(call, "Zoey created the record but sent no Location header naming it"));
  }

  private static ZoeyRecord record(String call, JsonNode row, String idField) {
    if (!row.isObject()) {
      throw invalid(
          call, "a record is a " + row.getNodeType().name().toLowerCase() + ", not an object");
    }
    var id = row.path(idField);
    if (!id.isValueNode() || id.asString("").isBlank()) {
      throw invalid(call, "a record has no " + idField);
    }
    var updated = row.path(ZoeyApi.UPDATED_AT);
    Optional<Instant> updatedAt = Optional.empty();
    if (updated.isValueNode() && !updated.isNull()) {
      updatedAt =
          Optional.of(
              ZoeyApi.parseTime(updated.asString())
                  .orElseThrow(() ->
                      invalid(
                          call,
                          "record "
                              + id.asString()
                              + " has updated_at \""
                              + updated.asString()
                              + "\", which is not a time like 2026-01-31 23:59:59")));
    }
    return new ZoeyRecord(id.asString(), updatedAt, row);
  }

  private static PermanentSyncException invalid(String call, String what) {
    return new PermanentSyncException(
        ZoeyApi.SYSTEM,
        "Zoey's answer to "
            + call
            + " cannot be used: "
            + what
            + ". Report it to Zoey support with the time of the call.");
  }

  /** The id at the end of a Location header, {@code /api/rest/orders/12} gives 12. */
  private static Optional<String> lastSegment(String location) {
    var trimmed = location.replaceAll("/+$", "");
    var slash = trimmed.lastIndexOf('/');
    return slash < 0 || slash == trimmed.length() - 1
        ? Optional.empty()
        : Optional.of(trimmed.substring(slash + 1));
  }
}
