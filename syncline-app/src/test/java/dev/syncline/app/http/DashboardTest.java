package dev.syncline.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncline.store.AuditLog;
import dev.syncline.store.testing.TestDatabase;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's pages and the API behind them, over HTTP, against a node syncing the NetSuite
 * sandbox's customers to the JOOR sandbox.
 */
class DashboardTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  static DashboardFixture fixture;
  static Caller operator;
  static Caller viewer;

  @BeforeAll
  static void start() {
    fixture = new DashboardFixture(db);
    operator = fixture.as("ora");
    viewer = fixture.as("vic");
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  static JsonNode json(String body) {
    return JsonMapper.shared().readTree(body);
  }

  @Test
  void
      the_overview_shows_each_flow_with_its_switch_schedule_counts_freshness_and_a_24_hour_chart() {
    var ids = fixture.flows.usCustomers(2, "Overview Shop");
    ids.forEach(id -> operator.json("POST", "/api/v1/records/customer/" + id + "/sync", "{}"));

    var page = viewer.get("/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("id=\"flow-" + DashboardFixture.FLOW + "\"")
        .contains("every 1h")
        .contains("data-activity=")
        .contains("/webjars/chart.js/")
        .doesNotContain("Switch off")
        .as("a viewer sees no switch");
    assertThat(operator.get("/").body()).contains("Switch off");
    var activity = json(viewer.get("/api/v1/activity?hours=24").body());
    assertThat(activity).hasSize(24);
    assertThat(activity.valueStream().mapToInt(a -> a.path("written").asInt()).sum())
        .isGreaterThanOrEqualTo(2);
    var flow = json(viewer.get("/api/v1/flows/" + DashboardFixture.FLOW).body());
    assertThat(flow.has("freshness")).isTrue();
    assertThat(flow.path("failedRecords").isInt()).isTrue();
    assertThat(flow.path("waitingRecords").asInt(-1))
        .as("no record of this flow refers to another")
        .isZero();
  }

  @Test
  void switching_a_flow_from_the_overview_returns_its_new_row_and_the_audit_log_names_who_did_it() {
    var off =
        operator.send(
            "POST",
            "/flows/" + DashboardFixture.FLOW + "/disable",
            Optional.empty(),
            Map.of("HX-Request", "true", "X-CSRF-Token", operator.csrf()));
    assertThat(off.statusCode()).isEqualTo(200);
    assertThat(off.body()).startsWith("<tr id=\"flow-").contains("badge off").contains("Switch on");
    assertThat(
            json(viewer.get("/api/v1/flows/" + DashboardFixture.FLOW).body())
                .path("enabled")
                .asBoolean())
        .isFalse();

    var on =
        operator.send(
            "POST",
            "/flows/" + DashboardFixture.FLOW + "/enable",
            Optional.empty(),
            Map.of("HX-Request", "true", "X-CSRF-Token", operator.csrf()));
    assertThat(on.body()).contains("badge on");
    assertThat(new AuditLog(db.jdbi(), InstantSource.system()).recent(20))
        .extracting(e -> e.actor() + " " + e.action())
        .contains("ora flow.disable", "ora flow.enable");
    assertThat(viewer.get("/audit").body()).contains("flow.disable").contains("ora");
  }

  @Test
  void the_flow_page_shows_runs_and_takes_a_new_schedule_and_refuses_a_bad_one_naming_the_field() {
    var good =
        operator.send(
            "POST",
            "/flows/" + DashboardFixture.FLOW + "/schedule",
            Optional.of(Caller.form(Map.of("every", "45s"))),
            Map.of(
                "HX-Request",
                "true",
                "X-CSRF-Token",
                operator.csrf(),
                "Content-Type",
                "application/x-www-form-urlencoded"));
    var bad =
        operator.json(
            "PUT", "/api/v1/flows/" + DashboardFixture.FLOW + "/schedule", "{\"every\":\"often\"}");

    assertThat(good.statusCode()).isEqualTo(200);
    assertThat(good.body()).contains("every 45s");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad.body()).path("field").asString()).isEqualTo("every");
    var page = viewer.get("/flows/" + DashboardFixture.FLOW);
    assertThat(page.body())
        .contains("scanned every 45s")
        .contains("id=\"runs\"")
        .contains("id=\"progress\"");
    assertThat(viewer.get("/flows/" + DashboardFixture.FLOW + "/progress").statusCode())
        .isEqualTo(200);
    assertThat(viewer.get("/flows/nope").statusCode()).isEqualTo(404);
    operator.json(
        "PUT", "/api/v1/flows/" + DashboardFixture.FLOW + "/schedule", "{\"every\":\"1h\"}");
  }

  @Test
  void
      selective_sync_shows_the_dry_run_difference_then_writes_and_the_record_page_tells_its_story() {
    var id = fixture.flows.usCustomers(1, "Selective Sync Shop").getFirst();
    var headers =
        Map.of(
            "HX-Request",
            "true",
            "X-CSRF-Token",
            operator.csrf(),
            "Content-Type",
            "application/x-www-form-urlencoded");

    var dry =
        operator.send(
            "POST",
            "/sync",
            Optional.of(Caller.form(Map.of("type", "customer", "id", id, "dryRun", "true"))),
            headers);
    assertThat(dry.statusCode()).isEqualTo(200);
    assertThat(dry.body())
        .contains("What a sync would do")
        .contains("would be created")
        .contains("Selective Sync Shop 0")
        .contains("write-now");
    assertThat(
            json(viewer.get("/api/v1/records/customer/" + id).body()).at("/flows/0/link").isNull())
        .as("nothing written")
        .isTrue();

    var done =
        operator.send(
            "POST",
            "/sync",
            Optional.of(Caller.form(Map.of("type", "customer", "id", id, "dryRun", "false"))),
            headers);
    assertThat(done.body())
        .contains("What the sync did")
        .contains("data-outcome=\"written\"")
        .contains("joor_us");

    var record = json(viewer.get("/api/v1/records/customer/" + id).body()).at("/flows/0");
    assertThat(record.at("/link/from/id").asString()).isEqualTo(id);
    assertThat(record.at("/link/to/hash").asString()).isNotBlank();
    assertThat(record.at("/history/0/kind").asString()).isEqualTo("written");
    var page = viewer.get("/records/customer/" + id).body();
    assertThat(page)
        .contains("id=\"b-id\"")
        .contains("Raw: last payload written")
        .contains("Selective Sync Shop 0")
        .contains("written");
    var missingId =
        operator.send(
            "POST", "/sync", Optional.of(Caller.form(Map.of("type", "customer"))), headers);
    assertThat(missingId.statusCode()).isEqualTo(400);
    assertThat(missingId.body()).contains("Enter the record's id in the system it is read from");
  }

  @Test
  void selective_sync_of_an_id_netsuite_does_not_have_says_so_on_the_page_and_in_the_api() {
    var page =
        operator.send(
            "POST",
            "/sync",
            Optional.of(Caller.form(Map.of("type", "customer", "id", "999999", "dryRun", "false"))),
            Map.of(
                "HX-Request",
                "true",
                "X-CSRF-Token",
                operator.csrf(),
                "Content-Type",
                "application/x-www-form-urlencoded"));
    var api = operator.json("POST", "/api/v1/records/customer/999999/sync", "{}");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("data-outcome=\"not-found\"")
        .contains("NetSuite has no customer with id 999999")
        .doesNotContain("History of this record");
    assertThat(api.statusCode()).isEqualTo(200);
    var report = json(api.body()).get(0);
    assertThat(report.path("outcome").asString()).isEqualTo("not-found");
    assertThat(report.path("message").asString())
        .startsWith("NetSuite has no customer with id 999999");
  }

  @Test
  void conflicts_are_listed_until_an_operator_acknowledges_them_and_the_audit_log_says_who() {
    db.jdbi().useHandle(h -> h.execute("TRUNCATE sync_conflict"));
    var flow = DashboardFixture.FLOW;
    var first = db.conflict(flow, "1001", "C-1001", "name", "\"Zürich AG ✨\"", "\"Zurich AG\"");
    var second = db.conflict(flow, "1002", "C-1002", "phone", "\"+41 44\"", "\"+41 43\"");

    var listed = json(viewer.get("/api/v1/conflicts").body());
    assertThat(listed).hasSize(2);
    assertThat(listed.get(1).path("kept").asString()).isEqualTo("\"Zürich AG ✨\"");
    assertThat(listed.get(1).path("dropped").asString()).isEqualTo("\"Zurich AG\"");
    assertThat(listed.get(1).path("master").asString()).isEqualTo("A");
    assertThat(json(viewer.get("/api/v1/conflicts?record=C-1002").body()))
        .singleElement()
        .satisfies(c -> assertThat(c.path("field").asString()).isEqualTo("phone"));
    var page = viewer.get("/conflicts").body();
    assertThat(page)
        .contains("Zürich AG ✨")
        .contains("/records/customer/1001")
        .contains("(netsuite, master)")
        .doesNotContain("acknowledge-selected");
    assertThat(operator.get("/conflicts").body()).contains("acknowledge-selected");

    assertThat(
            viewer
                .json("POST", "/api/v1/conflicts/acknowledge", "{\"ids\":[" + first + "]}")
                .statusCode())
        .as("a viewer may not")
        .isEqualTo(403);
    var bad = operator.json("POST", "/api/v1/conflicts/acknowledge", "{\"ids\":\"all\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad.body()).path("field").asString()).isEqualTo("ids");
    assertThat(json(bad.body()).path("error").asString()).contains("conflict ids");
    var badFilter = viewer.get("/api/v1/conflicts?acknowledged=maybe");
    assertThat(badFilter.statusCode()).isEqualTo(400);
    assertThat(badFilter.body()).contains("acknowledged must be true");
    assertThat(json(viewer.get("/api/v1/conflicts").body())).as("nothing changed").hasSize(2);

    var acknowledged =
        operator.json("POST", "/api/v1/conflicts/acknowledge", "{\"ids\":[" + first + "]}");
    assertThat(json(acknowledged.body()).path("acknowledged").asInt()).isEqualTo(1);
    var byForm = operator.postForm("/conflicts/acknowledge", Map.of("ids", "" + second));
    assertThat(byForm.statusCode()).isEqualTo(303);
    assertThat(byForm.headers().firstValue("Location")).contains("/conflicts?done=1");
    assertThat(operator.get("/conflicts?done=1").body()).contains("Acknowledged 1 conflict.");

    assertThat(json(viewer.get("/api/v1/conflicts").body())).isEmpty();
    assertThat(viewer.get("/conflicts").body()).contains("No open conflicts.");
    var all = json(viewer.get("/api/v1/conflicts?acknowledged=true").body());
    assertThat(all).hasSize(2);
    assertThat(all.get(0).path("acknowledgedBy").asString()).isEqualTo("ora");
    assertThat(viewer.get("/conflicts?acknowledged=true").body()).contains("ora, ");
    assertThat(viewer.get("/audit").body()).contains("conflict.acknowledge");
  }

  @Test
  void the_failed_queue_groups_by_cause_resyncs_a_group_and_dismisses_with_a_reason() {
    var first = fixture.customerWithoutPriceLevel("No Price Shop A");
    var second = fixture.customerWithoutPriceLevel("No Price Shop B");
    operator.json("POST", "/api/v1/records/customer/" + first + "/sync", "{}");
    operator.json("POST", "/api/v1/records/customer/" + second + "/sync", "{}");

    var queue = viewer.get("/failed").body();
    assertThat(queue)
        .contains("Missing price level: <strong>2</strong>")
        .contains("No Price Shop A")
        .doesNotContain("resync-one");
    var causes = json(viewer.get("/api/v1/failed/causes").body());
    assertThat(causes.get(0).path("cause").asString()).isEqualTo("Missing price level");
    assertThat(viewer.get("/failed/queue?text=No+Price+Shop+B").body())
        .contains(second)
        .doesNotContain("No Price Shop A");
    // What a digest of new failures links to: the queue filtered to the flow, with the flow chosen
    // in the filters that its refreshes send back.
    var ofTheFlow = viewer.get("/failed?flow=" + DashboardFixture.FLOW).body();
    assertThat(ofTheFlow)
        .contains("No Price Shop A")
        .containsPattern("<option value=\"" + DashboardFixture.FLOW + "\"\\s+selected");
    assertThat(viewer.get("/failed?flow=another-flow").body()).doesNotContain("No Price Shop A");

    var headers =
        Map.of(
            "HX-Request",
            "true",
            "X-CSRF-Token",
            operator.csrf(),
            "Content-Type",
            "application/x-www-form-urlencoded");
    var resynced =
        operator.send(
            "POST",
            "/failed/resync",
            Optional.of(Caller.form(Map.of("cause", "Missing price level"))),
            headers);
    assertThat(resynced.statusCode()).isEqualTo(200);
    assertThat(resynced.body()).contains("Queued 2 records again");
    await()
        .atMost(Duration.ofMinutes(1))
        .until(() ->
            viewer.get("/failed/queue").body().contains("Missing price level: <strong>2</strong>"));

    var jobId =
        json(viewer.get("/api/v1/failed?text=" + first).body()).get(0).path("jobId").asLong();
    var noReason = operator.json("POST", "/api/v1/failed/dismiss", "{\"ids\":[" + jobId + "]}");
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(json(noReason.body()).path("field").asString()).isEqualTo("reason");
    var dismissed =
        operator.send(
            "POST",
            "/failed/dismiss",
            Optional.of(Caller.form(Map.of("ids", String.valueOf(jobId), "reason", "a test shop"))),
            headers);
    assertThat(dismissed.body())
        .contains("Dismissed 1 record(s): a test shop")
        .contains("Missing price level: <strong>1</strong>");
    assertThat(viewer.get("/records/customer/" + first).body())
        .contains("dismissed")
        .contains("a test shop");
    assertThat(new AuditLog(db.jdbi(), InstantSource.system()).recent(20))
        .extracting(e -> e.actor() + " " + e.action())
        .contains("ora record.resync", "ora record.dismiss");
  }

  @Test
  void why_records_wait_is_one_line_per_reason_on_the_overview_the_flow_page_and_the_record() {
    var now = InstantSource.system().instant();
    var retryAt =
        now.plus(Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    var leaseEnds =
        now.plus(Duration.ofMinutes(4)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    var creditsFree =
        now.plus(Duration.ofMinutes(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    // Jobs as the engine leaves them: two tried again after a fault, one held by a node that died.
    db.jdbi()
        .useHandle(h -> {
          for (var id : java.util.List.of("wait-1", "wait-2")) {
            h.createUpdate(
                    """
                    INSERT INTO sync_job (flow, side, source_id, state, attempts, next_attempt_at,
                        last_outcome, last_error, last_cause, created_at, updated_at)
                    VALUES (:flow, 'A', :id, 'ready', 1, :next, 'retrying',
                        'JOOR answered 503: Zoë’s café is closed ☕', 'RemoteUnavailable', :now, :now)
                    """)
                .bind("flow", DashboardFixture.FLOW)
                .bind("id", id)
                .bind("next", java.sql.Timestamp.from(retryAt))
                .bind("now", java.sql.Timestamp.from(now))
                .execute();
          }
          h.createUpdate(
                  """
                  INSERT INTO sync_job (flow, side, source_id, state, attempts, next_attempt_at,
                      lease_owner, lease_until, claimed_at, created_at, updated_at)
                  VALUES (:flow, 'A', 'wait-3', 'running', 0, :now, 'node-gone', :until, :now,
                      :now, :now)
                  """)
              .bind("flow", DashboardFixture.FLOW)
              .bind("until", java.sql.Timestamp.from(leaseEnds))
              .bind("now", java.sql.Timestamp.from(now))
              .execute();
          // A worker waits for JOOR's credits, as the account's limiter records it.
          h.createUpdate("INSERT INTO limiter_wait (limiter, until) VALUES ('joor:4001', :until)")
              .bind("until", java.sql.Timestamp.from(creditsFree))
              .execute();
        });
    try {
      var retrying = "Retrying 2 records after faults; next at " + Format.time(retryAt);
      var leased =
          "1 record waits for the lease of node node-gone to end at " + Format.time(leaseEnds);

      var credits = "Waiting for joor_us credits until " + Format.time(creditsFree);
      assertThat(viewer.get("/").body()).contains(credits).contains(retrying).contains(leased);
      assertThat(viewer.get("/flows/" + DashboardFixture.FLOW).body())
          .contains(retrying)
          .contains(leased)
          .contains("the node stopped answering")
          .contains("JOOR answered 503: Zoë’s café is closed ☕");
      var flow = json(viewer.get("/api/v1/flows/" + DashboardFixture.FLOW).body());
      assertThat(flow.path("waiting").valueStream().map(w -> w.path("reason").asString()))
          .containsExactly("CREDITS", "LEASE", "RETRY");
      assertThat(flow.path("waiting").get(1).path("node").asString()).isEqualTo("node-gone");
      assertThat(flow.path("waiting").get(2).path("records").asInt()).isEqualTo(2);
      assertThat(viewer.get("/records/customer/wait-1").body())
          .contains("Retrying 1 record after faults; next at " + Format.time(retryAt));
      var record = json(viewer.get("/api/v1/records/customer/wait-3").body());
      assertThat(record.path("flows").get(0).path("job").path("waiting").path("reason").asString())
          .isEqualTo("LEASE");
      var token =
          fixture
              .node
              .access()
              .createToken("cli-waiting", dev.syncline.app.access.Role.VIEWER, "test")
              .secret();
      var out = new java.io.StringWriter();
      dev.syncline.app.Main.run(
          Map.of("SYNCLINE_TOKEN", token),
          new java.io.PrintWriter(out),
          new java.io.PrintWriter(new java.io.StringWriter()),
          "flows",
          "--server",
          fixture.node.url().toString());
      assertThat(out.toString())
          .contains("WAITING")
          .contains("credits, 1 lease, 2 retry")
          .contains(DashboardFixture.FLOW + ": " + retrying);

      // Switched off, the flow holds every record, and its state says so rather than a retry time.
      operator.json("POST", "/api/v1/flows/" + DashboardFixture.FLOW + "/disable", "{}");
      assertThat(json(viewer.get("/api/v1/flows/" + DashboardFixture.FLOW).body()).path("waiting"))
          .isEmpty();
      assertThat(viewer.get("/").body()).doesNotContain(retrying);
    } finally {
      operator.json("POST", "/api/v1/flows/" + DashboardFixture.FLOW + "/enable", "{}");
      db.jdbi()
          .useHandle(h -> {
            h.execute("DELETE FROM sync_job WHERE source_id LIKE 'wait-%'");
            h.execute("DELETE FROM limiter_wait");
          });
    }
  }

  @Test
  void the_cli_lists_the_flows_with_their_queue_and_freshness_through_the_api_with_a_token() {
    var token =
        fixture
            .node
            .access()
            .createToken("cli-flows", dev.syncline.app.access.Role.VIEWER, "test")
            .secret();
    var out = new java.io.StringWriter();
    var err = new java.io.StringWriter();

    var code =
        dev.syncline.app.Main.run(
            Map.of("SYNCLINE_TOKEN", token),
            new java.io.PrintWriter(out),
            new java.io.PrintWriter(err),
            "flows",
            "--server",
            fixture.node.url().toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("QUEUED").contains("FRESHNESS");
    var row =
        out.toString()
            .lines()
            .filter(l -> l.startsWith(DashboardFixture.FLOW))
            .findFirst()
            .orElseThrow();
    var queued =
        json(viewer.get("/api/v1/flows/" + DashboardFixture.FLOW).body())
            .path("failedRecords")
            .asInt();
    assertThat(row).contains(" " + queued + " ");
  }

  @Test
  void the_flow_page_folds_empty_scans_into_one_row_groups_run_errors_and_pages_the_runs() {
    // Runs in the future, so that they are the flow's newest whatever the other tests made.
    var runLog = new dev.syncline.store.PostgresRunLog(db.jdbi());
    var t = java.time.Instant.parse("2099-01-01T02:00:00Z");
    var older = new java.util.ArrayList<Long>();
    for (var i = 0; i < 25; i++) {
      older.add(busyRun(runLog, t.plusSeconds(i), Optional.empty()));
    }
    var scans = t.plus(Duration.ofMinutes(10));
    for (var i = 0; i < 42; i++) {
      var run =
          runLog.startRun(DashboardFixture.FLOW, "schedule", "test", scans.plusSeconds(15L * i));
      runLog.finishRun(
          run,
          scans.plusSeconds(15L * i + 1),
          i % 3 == 0 ? Optional.of("NetSuite refused the token: renew it") : Optional.empty());
    }
    var newest = busyRun(runLog, t.plus(Duration.ofHours(1)), Optional.of("JOOR did not answer"));
    try {
      var page = viewer.get("/flows/" + DashboardFixture.FLOW).body();

      assertThat(page)
          .contains("42 empty scans, 2099-01-01 02:10:00–02:20:15")
          .contains("14 ended with an error")
          .contains("<td>" + newest + "</td>")
          .contains("<td>" + older.get(24) + "</td>")
          .doesNotContain("<td>" + older.get(5) + "</td>")
          .as("20 rows a page: the newest, the fold, and 18 more")
          .contains("?before=" + older.get(7));
      assertThat(page.split("NetSuite refused the token: renew it", -1))
          .as("the error once, in its group, not once per run")
          .hasSize(2);
      assertThat(page)
          .containsPattern(
              "NetSuite refused the token: renew it</td><td class=\"num\">14</td><td>2099-01-01"
                  + " 02:10:00 UTC</td><td>2099-01-01 02:19:45 UTC</td>");

      var second = viewer.get("/flows/" + DashboardFixture.FLOW + "?before=" + older.get(7)).body();
      assertThat(second)
          .contains("<td>" + older.get(6) + "</td>")
          .contains("<td>" + older.getFirst() + "</td>")
          .doesNotContain("<td>" + newest + "</td>")
          .contains("?after=" + older.get(6));
      var back = viewer.get("/flows/" + DashboardFixture.FLOW + "?after=" + older.get(6)).body();
      assertThat(back)
          .contains("<td>" + newest + "</td>")
          .contains("42 empty scans")
          .doesNotContain("<td>" + older.get(6) + "</td>");

      var api =
          json(
              viewer
                  .get(
                      "/api/v1/flows/"
                          + DashboardFixture.FLOW
                          + "/runs?limit=2&before="
                          + older.get(7))
                  .body());
      assertThat(api.valueStream().map(r -> r.path("id").asLong()))
          .containsExactly(older.get(6), older.get(5));
      var errors = json(viewer.get("/api/v1/flows/" + DashboardFixture.FLOW + "/errors").body());
      assertThat(errors.get(0).path("error").asString()).isEqualTo("JOOR did not answer");
      assertThat(errors.get(1).path("runs").asInt()).isEqualTo(14);
      assertThat(viewer.get("/flows/" + DashboardFixture.FLOW + "?before=soon").statusCode())
          .isEqualTo(400);
    } finally {
      db.jdbi()
          .useHandle(
              h -> h.execute("DELETE FROM sync_run WHERE started_at >= '2099-01-01T00:00:00Z'"));
    }
  }

  private static long busyRun(
      dev.syncline.store.PostgresRunLog runLog, java.time.Instant at, Optional<String> error) {
    var run = runLog.startRun(DashboardFixture.FLOW, "schedule", "test", at);
    runLog.finishRun(run, at.plusSeconds(1), error);
    db.jdbi()
        .useHandle(h ->
            h.createUpdate("UPDATE sync_run SET seen = 3, written = 3 WHERE id = :id")
                .bind("id", run)
                .execute());
    return run;
  }

  @Test
  void
      the_record_page_names_the_record_and_its_systems_links_to_each_and_sets_live_beside_written() {
    var id = fixture.flows.usCustomers(1, "Crème Brûlée 🍮").getFirst();
    operator.json("POST", "/api/v1/records/customer/" + id + "/sync", "{}");
    var changes = JsonMapper.shared().createObjectNode().put("companyName", "Crème Brûlée 🍮 Café");
    fixture.flows.account().update("customer", Long.parseLong(id), changes);

    var page = viewer.get("/records/customer/" + id).body();

    var env = fixture.flows.environment();
    var api = json(viewer.get("/api/v1/records/customer/" + id).body());
    var hash = api.at("/flows/0/link/to/hash").asString();
    assertThat(api.path("title").asString())
        .isEqualTo("Customer " + id + " · Crème Brûlée 🍮 Café");
    assertThat(api.at("/flows/0/target/label").asString()).isEqualTo("JOOR (joor_us)");
    assertThat(api.at("/flows/0/fields").valueStream())
        .anySatisfy(f -> {
          assertThat(f.path("field").asString()).isEqualTo("name");
          assertThat(f.path("live").asString()).isEqualTo("Crème Brûlée 🍮 Café");
          assertThat(f.path("written").asString()).isEqualTo("Crème Brûlée 🍮 0");
          assertThat(f.path("differs").asBoolean()).isTrue();
        });
    assertThat(page)
        .contains("<title>Customer " + id + " · Crème Brûlée 🍮 Café · Syncline</title>")
        .contains("<h1 id=\"record-title\">Customer " + id + " · Crème Brûlée 🍮 Café</h1>")
        .contains("NetSuite (netsuite) → JOOR (joor_us)")
        .doesNotContain("Side A")
        .contains(
            "href=\""
                + trimmed(env.get("NETSUITE_BASE_URL"))
                + "/services/rest/record/v1/customer/"
                + id
                + "\"")
        .contains(
            "href=\""
                + trimmed(env.get("JOOR_V2_BASE_URL"))
                + "/connection/customer_code/"
                + id
                + "/\"")
        .containsPattern(
            "(?s)<tr class=\"differs\" data-field=\"name\">.*?<td>Crème Brûlée 🍮 Café</td><td>Crème"
                + " Brûlée 🍮 0</td>")
        .containsPattern("<tr class=\"same\" data-field=\"customerCode\">")
        .containsPattern("Job: <strong id=\"job-state\">done</strong>, 0 attempts since")
        .contains("Created on JOOR (joor_us) as " + id)
        .contains(">" + hash.substring(0, 8) + "</code>")
        .doesNotContain(">" + hash + "<")
        .contains("<details class=\"raw\">");
  }

  @Test
  void the_record_page_of_a_customer_the_flow_leaves_out_says_so_rather_than_how_it_would_map() {
    var id = fixture.flows.usCustomers(1, "Ørsted Øl 🍺").getFirst();
    var elsewhere = JsonMapper.shared().createObjectNode();
    elsewhere.putObject("subsidiary").put("id", "2");
    fixture.flows.account().update("customer", Long.parseLong(id), elsewhere);

    var api = json(viewer.get("/api/v1/records/customer/" + id).body());
    var page = viewer.get("/records/customer/" + id).body();

    assertThat(api.at("/flows/0/liveProblem").asString())
        .isEqualTo(
            "Customer "
                + id
                + " (Ørsted Øl 🍺 0) is not part of flow "
                + DashboardFixture.FLOW
                + ": its filter leaves it out.");
    assertThat(api.at("/flows/0/fields").valueStream()).isEmpty();
    assertThat(page)
        .contains("is not part of flow " + DashboardFixture.FLOW)
        .contains("Nothing has happened to this record in this flow yet.")
        .doesNotContain("<table class=\"history\">");
  }

  /**
   * A new customer of Brand US whose id is none of the customer codes JOOR's demo data made by hand
   * (3, 7 and 8): JOOR would link it to that connection at once, and not wait to match it. Which
   * ids a test gets depends on the tests before it.
   */
  private static String newToJoor(String name) {
    var handMade = java.util.Set.of("3", "7", "8");
    var id = fixture.flows.usCustomers(1, name).getFirst();
    while (handMade.contains(id)) {
      id = fixture.flows.usCustomers(1, name).getFirst();
    }
    return id;
  }

  private static String trimmed(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Test
  void records_are_found_by_name_email_or_joor_id_across_flows() {
    var id = newToJoor("Société Générale");
    operator.json("POST", "/api/v1/records/customer/" + id + "/sync", "{}");
    var never = fixture.customerWithoutPriceLevel("Épicerie Fine");
    operator.json("POST", "/api/v1/records/customer/" + never + "/sync", "{}");

    var byName = viewer.get("/records?q=societe+GENERALE").body();
    assertThat(byName)
        .contains("id=\"found\"")
        .contains(">Société Générale 0</a>")
        .contains("href=\"/records/customer/" + id + "\"")
        .contains("<td>" + DashboardFixture.FLOW + "</td>")
        .as("a new JOOR connection waits for JOOR to accept it")
        .contains("state-pending");
    assertThat(viewer.get("/records?q=soci%C3%A9t%C3%A9.g%C3%A9n%C3%A9rale.0%40example").body())
        .as("by email")
        .contains("href=\"/records/customer/" + id + "\"");
    var joorId =
        json(viewer.get("/api/v1/records/customer/" + id).body())
            .at("/flows/0/link/to/id")
            .asString();
    assertThat(json(viewer.get("/api/v1/records?q=" + joorId).body()).valueStream())
        .as("by the JOOR customer code")
        .anySatisfy(m -> assertThat(m.path("sourceId").asString()).isEqualTo(id));
    assertThat(viewer.get("/records?q=epicerie").body())
        .as("never written: found by its failure")
        .contains("Customer " + never + " (Épicerie Fine)")
        .contains("state-failed");
    assertThat(viewer.get("/records?q=nobody+by+this+name").body())
        .contains("id=\"nothing-found\"");
    assertThat(viewer.get("/api/v1/records").statusCode()).isEqualTo(400);
  }
}
