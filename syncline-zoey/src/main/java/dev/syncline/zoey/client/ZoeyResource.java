package dev.syncline.zoey.client;

import dev.syncline.core.PermanentSyncException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One of Zoey's REST collections (accounts, contacts, orders, ...): what changed since a watermark,
 * one record, records with a given value, create, update. Which of these a resource allows is
 * Zoey's to say; a refused verb comes back as a {@link PermanentSyncException.RemoteRejected} with
 * status 405.
 */
public final class ZoeyResource {

  private final ZoeyHttp http;
  private final String path;
  private final String idField;
  private final int pageSize;

  ZoeyResource(ZoeyHttp http, String path, String idField, int pageSize) {
    this.http = http;
    this.path = path;
    this.idField = idField;
    this.pageSize = pageSize;
  }

  /**
   * The records changed after {@code since}, oldest change first, at most a page of them. Call
   * again with {@link ZoeyChanges#next()} while {@link ZoeyChanges#more()}; save the watermark only
   * once the records are safely handled.
   *
   * <p>Zoey pages by number and a record that changes during a scan moves to its end, which would
   * make the following records slide back past a page boundary unseen. So every call asks again for
   * the first page of records changed at or after the watermark's second, and skips those already
   * seen in that second (zoey.md §5.2: filter {@code from} is inclusive). Only when a whole page
   * shares that second does it read on to later pages, and it stops when Zoey answers the same page
   * again (zoey.md §4.3: past the end, Magento repeats the last page).
   */
  public ZoeyChanges changedSince(ZoeyWatermark since) {
    List<ZoeyRecord> previous = List.of();
    for (var page = 1; ; page++) {
      var records =
          page(
              page,
              true,
              List.of(
                  Map.entry(ZoeyApi.filterAttribute(1), ZoeyApi.UPDATED_AT),
                  Map.entry(
                      ZoeyApi.filterCondition(1, ZoeyApi.FROM), ZoeyApi.time(since.updatedAt())),
                  Map.entry(ZoeyApi.ORDER, ZoeyApi.UPDATED_AT),
                  Map.entry(ZoeyApi.DIR, ZoeyApi.ASCENDING)));
      if (page > 1 && sameIds(records, previous)) {
        return new ZoeyChanges(List.of(), since, false);
      }
      requireOrdered(records);
      var fresh =
          records.stream()
              .filter(r -> since.isBefore(r.updatedAt().orElseThrow(), r.id()))
              .toList();
      var full = records.size() == pageSize;
      if (!fresh.isEmpty()) {
        var last = fresh.getLast();
        return new ZoeyChanges(
            fresh, new ZoeyWatermark(last.updatedAt().orElseThrow(), last.id()), full);
      }
      if (!full) {
        return new ZoeyChanges(List.of(), since, false);
      }
      previous = records;
    }
  }

  /**
   * The changes after {@code after}, at most {@code limit}, read a page at a time with {@link
   * #changedSince}: an importer's changes, for whatever record type this resource holds.
   */
  public List<dev.syncline.core.port.Change> changesAfter(
      dev.syncline.core.port.Watermark after, int limit) {
    var changes = new ArrayList<dev.syncline.core.port.Change>();
    var at = new ZoeyWatermark(after.modifiedAt(), after.id());
    while (changes.size() < limit) {
      var page = changedSince(at);
      page.records()
          .forEach(r ->
              changes.add(new dev.syncline.core.port.Change(r.id(), r.updatedAt().orElseThrow())));
      if (!page.more() || page.records().isEmpty()) {
        break;
      }
      at = page.next();
    }
    return changes.size() > limit ? List.copyOf(changes.subList(0, limit)) : changes;
  }

  /** The record with this id; {@link PermanentSyncException.MissingInRemote} when there is none. */
  public ZoeyRecord get(String id) {
    var call = path + "/" + id;
    return ZoeyRecords.one(call, http.get(call, List.of()), idField);
  }

  /** Every record whose {@code attribute} equals {@code value}, e.g. accounts by NetSuite id. */
  public List<ZoeyRecord> where(String attribute, String value) {
    return all(
        List.of(
            Map.entry(ZoeyApi.filterAttribute(1), attribute),
            Map.entry(ZoeyApi.filterCondition(1, ZoeyApi.EQUALS), value)));
  }

  /** Every record whose {@code attribute} is one of {@code values}. */
  public List<ZoeyRecord> whereIn(String attribute, List<String> values) {
    var query = new ArrayList<Map.Entry<String, String>>();
    query.add(Map.entry(ZoeyApi.filterAttribute(1), attribute));
    for (var i = 0; i < values.size(); i++) {
      query.add(Map.entry(ZoeyApi.filterCondition(1, ZoeyApi.IN) + "[" + i + "]", values.get(i)));
    }
    return values.isEmpty() ? List.of() : all(query);
  }

  /** Creates a record; its id, read from the Location header Zoey answers (zoey.md §5.2). */
  public String create(JsonNode body) {
    return ZoeyRecords.createdId("POST " + path, http.post(path, body));
  }

  /** Changes the fields {@code body} names; the others stay as they are. */
  public void update(String id, JsonNode body) {
    http.put(path + "/" + id, body);
  }

  /** Every record the filter selects, page by page. */
  List<ZoeyRecord> all(List<Map.Entry<String, String>> filter) {
    var all = new ArrayList<ZoeyRecord>();
    List<ZoeyRecord> previous = List.of();
    for (var page = 1; ; page++) {
      var records = page(page, false, filter);
      if (page > 1 && sameIds(records, previous)) {
        return all;
      }
      all.addAll(records);
      if (records.size() < pageSize) {
        return all;
      }
      previous = records;
    }
  }

  private List<ZoeyRecord> page(
      int page, boolean needsTime, List<Map.Entry<String, String>> filter) {
    var query = new ArrayList<>(filter);
    query.add(Map.entry(ZoeyApi.PAGE, String.valueOf(page)));
    query.add(Map.entry(ZoeyApi.LIMIT, String.valueOf(pageSize)));
    return ZoeyRecords.collection("GET " + path, http.get(path, query), idField, needsTime);
  }

  private void requireOrdered(List<ZoeyRecord> records) {
    for (var i = 1; i < records.size(); i++) {
      var before = records.get(i - 1);
      var after = records.get(i);
      var byTime = before.updatedAt().orElseThrow().compareTo(after.updatedAt().orElseThrow());
      if (byTime > 0 || (byTime == 0 && Ids.compare(before.id(), after.id()) > 0)) {
        throw ZoeyErrors.unexpectedBody(
            "GET " + path,
            "records out of updated_at order ("
                + before.id()
                + " before "
                + after.id()
                + "), so changes could be missed; this store's API"
                + " does not sort as Syncline expects");
      }
    }
  }

  private static boolean sameIds(List<ZoeyRecord> a, List<ZoeyRecord> b) {
    return !a.isEmpty()
        && a.stream().map(ZoeyRecord::id).toList().equals(b.stream().map(ZoeyRecord::id).toList());
  }
}
