package dev.syncline.sandbox.joor;

import dev.syncline.sandbox.joor.Connections.Connection;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A bulk-connection request, run in the background as JOOR does, its status read with GET (joor.md
 * §2.1). The records are checked when the job runs, each on its own: one bad record fails alone.
 * POST creates new codes and updates known ones; PUT only updates (joor.md §1.4: POST inserts, PUT
 * updates; §2.1: the bulk endpoint updates a matching customer code).
 */
final class BulkJob {

  /** One record's outcome; {@code connectionId} is 0 when it failed. */
  record Result(
      String customerCode,
      boolean success,
      String action,
      long connectionId,
      String connectionStatus,
      String comment) {}

  final String id;
  private final boolean updateOnly;
  private final List<JsonNode> records;
  private final Instant submitted;
  private final Instant due;
  private List<Result> results = List.of();
  private Optional<Instant> completed = Optional.empty();

  BulkJob(String id, boolean updateOnly, List<JsonNode> records, Instant submitted, Instant due) {
    this.id = id;
    this.updateOnly = updateOnly;
    this.records = List.copyOf(records);
    this.submitted = submitted;
    this.due = due;
  }

  boolean queued() {
    return completed.isEmpty();
  }

  Instant due() {
    return due;
  }

  void run(Account account) {
    var done = new ArrayList<Result>();
    var seen = new HashSet<String>();
    for (int i = 0; i < records.size(); i++) {
      var code = records.get(i).path("customer_code").asString("");
      try {
        var f = Fields.of(records.get(i), "connection[" + i + "]");
        if (!code.isEmpty() && !seen.add(code)) {
          throw JoorError.conflict(
              "Duplicate customer code: " + code + " appears more than once in this request");
        }
        var existing = account.connections.byCode(f.required("customer_code", 50));
        var parsed = ConnectionJson.parse(f, account, existing);
        Connection written;
        String action;
        if (existing.isPresent()) {
          written = ConnectionWrites.update(account, existing.get(), parsed, due);
          action = "updated";
        } else if (updateOnly) {
          throw JoorError.notFound(
              "customer code " + code + " does not exist in account " + account.id);
        } else {
          written = ConnectionWrites.create(account, parsed, due);
          action = "created";
        }
        done.add(new Result(code, true, action, written.id(), written.status().name(), ""));
      } catch (JoorError e) {
        done.add(new Result(code, false, "", 0, "", e.getMessage()));
      }
    }
    results = List.copyOf(done);
    completed = Optional.of(due);
  }

  Map<String, Object> render(Context ctx) {
    var json = new LinkedHashMap<String, Object>();
    json.put("response", V2.response(ctx, 0, ""));
    json.put("job_id", id);
    json.put("status", queued() ? "QUEUED" : "COMPLETE");
    json.put("record_count", records.size());
    json.put("date_submitted", V2.timestamp(submitted));
    json.put("date_completed", V2.timestamp(completed));
    json.put(
        "results",
        Map.of(
            "result",
            results.stream()
                .map(r -> {
                  var result = new LinkedHashMap<String, Object>();
                  result.put("customer_code", r.customerCode());
                  result.put("status", r.success() ? "success" : "failed");
                  result.put("action", r.action());
                  result.put("customer_account_id", r.connectionId());
                  result.put("connection_status", r.connectionStatus());
                  result.put("comment", r.comment());
                  return result;
                })
                .toList()));
    return Map.of("bulk_connection", json);
  }
}
