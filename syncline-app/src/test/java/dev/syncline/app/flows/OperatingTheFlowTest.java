package dev.syncline.app.flows;

import static dev.syncline.app.flows.CustomerFlowFixture.FLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncline.app.Main;
import dev.syncline.app.SynclineNode;
import dev.syncline.app.config.ConfigLoader;
import dev.syncline.app.wiring.Systems;
import dev.syncline.core.model.RecordType;
import dev.syncline.sandbox.netsuite.DemoData;
import dev.syncline.store.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/**
 * The customer flow operated as its users do: the CLI's commands against a running node's API, over
 * the sandboxes. Selective sync with its dry run, the failed record queue and RESYNC, the switches.
 */
class OperatingTheFlowTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private CustomerFlowFixture fx;
  private SynclineNode node;
  private String good;
  private String broken;
  private String token;
  private dev.syncline.core.engine.SyncEngine reader;

  record Result(int exitCode, String out, String err) {}

  private Result cli(String... args) {
    var all = new ArrayList<>(List.of(args));
    all.add("--server");
    all.add(node.url().toString());
    all.add("--token");
    all.add(token);
    var out = new StringWriter();
    var err = new StringWriter();
    var code =
        Main.run(Map.of(), new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  @BeforeEach
  void start() {
    fx = new CustomerFlowFixture(db, s -> s);
    DemoData.referenceData(fx.account());
    good = fx.usCustomers(1, "Operated").getFirst();
    var lacking = dev.syncline.app.testbed.CustomerFlowBed.customer("Lacking");
    lacking.remove("priceLevel");
    broken = String.valueOf(fx.account().createAll("customer", List.of(lacking)).getFirst());
    var yaml = "server:\n  port: 0\ndatabase:\n  url: " + db.url() + "\n" + fx.yaml();
    node =
        SynclineNode.start(
            new ConfigLoader(fx.environment(), List.of(Systems.check(fx.clock)))
                .parse("syncline.yaml", yaml));
    token =
        node.access()
            .createToken(
                "cli-" + java.util.UUID.randomUUID(), dev.syncline.app.access.Role.OPERATOR, "test")
            .secret();
    reader = fx.engine("reader"); // not started: its JOOR client and store, to look
  }

  @AfterEach
  void stop() {
    node.close();
    fx.close();
  }

  /** Waits until JOOR holds the customer by that name and Syncline has linked it. */
  private void awaitInJoor(String id, String name) {
    await()
        .atMost(Duration.ofMinutes(1))
        .until(() ->
            fx.joorConnections().containsKey(id)
                && fx.joorConnections().get(id).data().name().equals(name)
                && reader
                    .links()
                    .links(RecordType.CUSTOMER, "netsuite", "joor_us", List.of(id))
                    .containsKey(id));
  }

  @Test
  void a_broken_customer_waits_in_the_failed_queue_and_resync_sends_it_once_fixed() {
    await()
        .atMost(Duration.ofMinutes(1))
        .until(() -> cli("failed", "--type", "customer").out().contains("Missing price level"));

    var failed = cli("failed", "--text", broken);
    assertThat(failed.exitCode()).isZero();
    assertThat(failed.out()).contains(FLOW).contains(broken).contains("Missing price level");
    assertThat(cli("failed", "--text", "no such error").out()).contains("No failed records.");

    fx.account()
        .update("customer", Long.parseLong(broken), obj().set("priceLevel", obj().put("id", "2")));
    var resync = cli("resync", "--all", "--cause", "Missing price level");

    assertThat(resync.exitCode()).as(resync.err()).isZero();
    assertThat(resync.out()).contains("Queued 1 failed record(s) again");
    awaitInJoor(broken, "Lacking");
    await()
        .atMost(Duration.ofMinutes(1))
        .until(() -> cli("failed").out().contains("No failed records."));
    assertThat(cli("resync", "--all").out()).contains("Nothing to resync");
  }

  @Test
  void the_failed_queue_of_a_flow_there_is_not_names_the_flows_instead_of_looking_empty()
      throws Exception {
    var failed = cli("failed", "--flow", "nope");
    var resync = cli("resync", "--all", "--flow", "nope");
    var api =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(node.url() + "/api/v1/failed?flow=nope"))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.out()).doesNotContain("No failed records");
    assertThat(failed.err()).contains("There is no flow 'nope'; the flows are " + FLOW);
    assertThat(resync.exitCode()).isEqualTo(1);
    assertThat(resync.err()).contains("There is no flow 'nope'; the flows are " + FLOW);
    assertThat(api.statusCode()).isEqualTo(404);
    assertThat(api.body()).contains("There is no flow 'nope'; the flows are " + FLOW);
  }

  @Test
  void selective_sync_shows_the_difference_on_a_dry_run_and_writes_it_when_asked() {
    awaitInJoor(good, "Operated 0");
    fx.account()
        .update("customer", Long.parseLong(good), obj().put("companyName", "Operated Renamed"));

    var dryRun = cli("sync", "customer", good, "--dry-run");

    assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
    assertThat(dryRun.out())
        .contains(FLOW)
        .contains("name: \"Operated 0\" -> \"Operated Renamed\"");
    assertThat(fx.joorConnections().get(good).data().name()).isEqualTo("Operated 0");

    var sync = cli("sync", "customer", good);

    assertThat(sync.exitCode()).as(sync.err()).isZero();
    assertThat(fx.joorConnections().get(good).data().name()).isEqualTo("Operated Renamed");
  }

  @Test
  void a_failing_selective_sync_says_why_and_exits_1() {
    var sync = cli("sync", "customer", broken);

    assertThat(sync.exitCode()).as(sync.out() + sync.err()).isEqualTo(1);
    assertThat(sync.out()).contains("Missing price level");
    assertThat(fx.joorConnections()).doesNotContainKey(broken);
  }

  @Test
  void a_selective_sync_of_an_id_netsuite_does_not_have_says_so_and_exits_1() {
    var sync = cli("sync", "customer", "999999");
    var dryRun = cli("sync", "customer", "999999", "--dry-run");

    for (var result : List.of(sync, dryRun)) {
      assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(1);
      assertThat(result.out())
          .contains(FLOW + ": NetSuite has no customer with id 999999")
          .doesNotContain("filter");
    }
  }

  @Test
  void a_selective_sync_from_a_system_the_flow_does_not_read_names_the_ones_it_does() {
    for (var dry : List.of(true, false)) {
      var sync =
          dry
              ? cli("sync", "customer", good, "--from", "joor_us", "--dry-run")
              : cli("sync", "customer", good, "--from", "joor_us");

      assertThat(sync.exitCode()).as(sync.out() + sync.err()).isEqualTo(1);
      assertThat(sync.err())
          .contains("No flow of customer records reads records from 'joor_us'")
          .contains("give from as one of netsuite");
    }
    assertThat(cli("sync", "customer", good, "--from", "netsuite", "--dry-run").exitCode())
        .as("the flow's own from is side A, as without --from")
        .isZero();
  }

  @Test
  void a_selective_sync_of_a_customer_the_filter_leaves_out_says_so_and_is_no_error() {
    var outside = dev.syncline.app.testbed.CustomerFlowBed.customer("Dehors Été");
    outside.remove("custentity_syncline_channels");
    var id = String.valueOf(fx.account().createAll("customer", List.of(outside)).getFirst());

    var sync = cli("sync", "customer", id);

    assertThat(sync.exitCode()).as(sync.out() + sync.err()).isZero();
    assertThat(sync.out())
        .contains("Customer " + id + " is not part of flow " + FLOW + ": its filter leaves it out")
        .doesNotContain("no customer with id");
  }

  @Test
  void ids_that_cannot_be_netsuite_ids_are_refused_by_the_api_in_its_words_whatever_they_hold() {
    for (var id :
        List.of("12'3", "a/b", "x y", "é", "1#2", "1?dryRun=false", "%41", "..", "12\"3", "🚀")) {
      var sync = cli("sync", "customer", id);

      assertThat(sync.exitCode()).as(id + ": " + sync.err()).isEqualTo(1);
      assertThat(sync.err())
          .as(id)
          .isEqualTo(
              "syncline: '"
                  + id
                  + "' is not a NetSuite internal id; those are whole numbers, like 1234 (the"
                  + " customer's URL in NetSuite ends with id=1234).\n");
    }
    var control = cli("sync", "customer", "12\n3");
    assertThat(control.exitCode()).isEqualTo(1);
    assertThat(control.err()).contains("control character").doesNotContain("internal error");
    var flow = cli("flows", "enable", "a/b c#?");
    assertThat(flow.exitCode()).isEqualTo(1);
    assertThat(flow.err()).contains("There is no flow 'a/b c#?'");
  }

  @Test
  void switches_and_schedules_take_effect_and_bad_values_are_named() {
    assertThat(cli("flows", "disable", FLOW).out()).contains("Flow " + FLOW + " is off");
    assertThat(cli("flows").out()).containsPattern(FLOW + " .* off ");

    var often = cli("flows", "schedule", FLOW, "often");
    var tooOften = cli("flows", "schedule", FLOW, "5s");
    var unknown = cli("flows", "enable", "no-such-flow");
    var badType = cli("sync", "kustomer", good);
    var badId = cli("sync", "customer", "abc", "--dry-run");

    assertThat(often.exitCode()).isEqualTo(1);
    assertThat(often.err()).contains("often");
    assertThat(tooOften.err()).contains("at least 10s");
    assertThat(unknown.err()).contains("There is no flow 'no-such-flow'");
    assertThat(badType.err())
        .contains("There is no record type 'kustomer'; the flows sync customer")
        .as("no type that no flow has")
        .doesNotContain("salesOrder");
    assertThat(badId.exitCode()).isEqualTo(1);
    assertThat(badId.err()).contains("'abc' is not a NetSuite internal id");
    assertThat(cli("flows", "schedule", FLOW, "2m").out()).contains("every 2m");
    assertThat(cli("flows", "enable", FLOW).out()).contains("Flow " + FLOW + " is on.");
    assertThat(cli("flows").out()).containsPattern(FLOW + " .* on +2m ");
  }

  @Test
  void a_backfill_asked_for_on_the_cli_reads_every_customer_again_and_rewrites_none_unchanged() {
    awaitInJoor(good, "Operated 0");
    var written = fx.joorRecordsWritten();

    var asked = cli("flows", "backfill", FLOW, "--follow");

    assertThat(asked.exitCode()).as(asked.err()).isZero();
    assertThat(asked.out())
        .contains("The backfill of " + FLOW + " starts within seconds")
        .containsPattern(
            "Backfill run \\d+ finished: 2 records found, 0 written, 1 skipped, 1 failed\\.");
    var run =
        reader.runLog().runs(FLOW, 50).stream()
            .filter(r -> r.trigger().equals("backfill"))
            .findFirst()
            .orElseThrow();
    assertThat(run.seen()).as("the good customer and the broken one").isEqualTo(2);
    assertThat(run.unchanged()).isEqualTo(1);
    assertThat(run.failed()).as("still missing its price level").isEqualTo(1);
    assertThat(fx.joorRecordsWritten()).isEqualTo(written);
    assertThat(cli("flows", "runs", FLOW).out()).contains("backfill");
    assertThat(cli("flows", "backfill", "no-such-flow").err())
        .contains("There is no flow 'no-such-flow'");
  }

  private static tools.jackson.databind.node.ObjectNode obj() {
    return JsonMapper.shared().createObjectNode();
  }
}
