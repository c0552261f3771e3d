package dev.syncline.sandbox.joor;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shapes of v2: the {@code response} header node, paging and timestamps (joor.md §1.4-1.5). */
final class V2 {

  static final String LOG_ID = "joor.log_id";

  /** v2 lists page in 50s by default (joor.md §1.5). */
  static final int DEFAULT_COUNT = 50;

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

  private V2() {}

  /** A requested page: {@code start_from} and {@code count} (joor.md §1.5). */
  record Paging(int startFrom, int count) {
    static Paging of(Context ctx, int maxCount) {
      var start = number(ctx, "start_from", 0);
      var count = number(ctx, "count", DEFAULT_COUNT);
      if (start < 0 || count < 1) {
        throw JoorError.badRequest("start_from must be 0 or more and count 1 or more");
      }
      return new Paging(start, Math.min(count, maxCount));
    }

    <T> List<T> of(List<T> all) {
      return all.subList(Math.min(startFrom, all.size()), Math.min(startFrom + count, all.size()));
    }
  }

  static int number(Context ctx, String name, int fallback) {
    var value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw JoorError.badRequest(name + " must be a whole number, not \"" + value + "\"");
    }
  }

  /** The header node of every v2 answer: code 0 and an empty comment mean success. */
  static Map<String, Object> response(Context ctx, int code, String comment) {
    var node = new LinkedHashMap<String, Object>();
    node.put("code", code);
    node.put("comment", comment);
    String logId = ctx.attribute(LOG_ID);
    node.put("log_id", logId == null ? "" : logId);
    return node;
  }

  /**
   * The header node of a page: where it started, where the next starts (absent on the last page),
   * how many it holds and how many there are in all (joor.md §1.5).
   */
  static Map<String, Object> response(Context ctx, Paging paging, int returned, int total) {
    var node = response(ctx, 0, "");
    node.put("start_from", paging.startFrom());
    if (paging.startFrom() + returned < total) {
      node.put("next_start", paging.startFrom() + returned);
    }
    node.put("count", returned);
    node.put("total", total);
    return node;
  }

  /** UTC {@code YYYY-MM-DDThh:mm:ss.sTZD} (joor.md §1.4). */
  static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  static String timestamp(java.util.Optional<Instant> instant) {
    return instant.map(V2::timestamp).orElse("");
  }

  static Instant parseTimestamp(String name, String value) {
    try {
      return OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw JoorError.badRequest(
          name
              + " must be a UTC timestamp such as 2026-01-31T23:59:59.000Z, not \""
              + value
              + "\"");
    }
  }

  /** A modified-date range: {@code date_start} and {@code date_end}, each needing the other. */
  record DateRange(Instant start, Instant end) {
    static java.util.Optional<DateRange> of(Context ctx) {
      var start = ctx.queryParam("date_start");
      var end = ctx.queryParam("date_end");
      if (start == null && end == null) {
        return java.util.Optional.empty();
      }
      if (start == null || end == null) {
        throw JoorError.badRequest("date_start and date_end must be sent together");
      }
      return java.util.Optional.of(
          new DateRange(parseTimestamp("date_start", start), parseTimestamp("date_end", end)));
    }

    boolean contains(Instant instant) {
      return !instant.isBefore(start) && !instant.isAfter(end);
    }
  }
}
