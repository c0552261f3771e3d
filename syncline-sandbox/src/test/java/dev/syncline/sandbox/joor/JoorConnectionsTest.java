package dev.syncline.sandbox.joor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.sandbox.common.SandboxClock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JoorConnectionsTest {

  private final SandboxClock clock =
      new SandboxClock(InstantSource.fixed(Instant.parse("2026-03-02T09:00:00Z")));
  private JoorSandbox sandbox;
  private Http http;

  @BeforeEach
  void start() {
    sandbox =
        JoorSandbox.start(
            "127.0.0.1",
            0,
            clock,
            JoorSandboxSettings.defaults()
                .withMatchDelay(Duration.ofHours(48))
                .withBulkJobDelay(Duration.ofSeconds(5))
                .withSizes(2, 3));
    sandbox.seedDemo();
    http = new Http(sandbox.baseUrl()).v2Token(JoorGatewayTest.US_TOKEN);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  static String connection(String code, String label, String payment, String warehouse) {
    return """
    {"customer_code": "%s", "customer_name": "Shop %s", "customer_contact_email": "buyer@shop.example",
     "price_currency": "USD", "price_label": "%s", "payment_method_code": "%s",
     "warehouses": {"warehouse": [{"warehouse_code": "%s"}]},
     "billing": {"billing_addresses": {"billing_address": [{"billing_code": "B1", "billing_city": "Austin"}]}}}
    """
        .formatted(code, code, label, payment, warehouse);
  }

  private static JsonNode first(Http.Reply reply) {
    return reply.body().path("connections").path("connections").path("connection").path(0);
  }

  @Test
  void a_new_customer_code_waits_pending_until_joor_has_matched_it() {
    var created =
        http.post(
            "/v2/connection/",
            "{\"connection\": " + connection("20", "Wholesale", "NET30", "MAIN") + "}");

    assertThat(created.status()).isEqualTo(201);
    assertThat(first(created).path("connection_status").asString()).isEqualTo("PENDING");
    assertThat(first(created).path("retailer_id").asString()).isEmpty();

    clock.advance(Duration.ofHours(47));
    assertThat(
            first(http.get("/v2/connection/customer_code/20")).path("connection_status").asString())
        .isEqualTo("PENDING");

    clock.advance(Duration.ofHours(1));
    var matched = first(http.get("/v2/connection/customer_code/20"));
    assertThat(matched.path("connection_status").asString()).isEqualTo("CONNECTED");
    assertThat(matched.path("retailer_id").asString()).isNotEmpty();
    assertThat(matched.path("date_modified").asString()).isEqualTo("2026-03-04T09:00:00.000Z");
  }

  @Test
  void refuses_a_duplicate_customer_code() {
    var duplicate =
        http.post(
            "/v2/connection/",
            "{\"connection\": " + connection("3", "Wholesale", "NET30", "MAIN") + "}");

    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.body().path("response").path("comment").asString())
        .contains("Duplicate customer code: 3");
  }

  @Test
  void refuses_references_that_do_not_exist_in_the_account_and_names_them() {
    var priceType =
        http.post(
            "/v2/connection/",
            "{\"connection\": " + connection("21", "Gold", "NET30", "MAIN") + "}");
    var payment =
        http.post(
            "/v2/connection/",
            "{\"connection\": " + connection("21", "Wholesale", "NET90", "MAIN") + "}");
    var warehouse =
        http.post(
            "/v2/connection/",
            "{\"connection\": " + connection("21", "Wholesale", "NET30", "EU") + "}");

    assertThat(priceType.status()).isEqualTo(400);
    assertThat(priceType.body().path("response").path("comment").asString())
        .contains("price type USD / Gold does not exist in account 4001");
    assertThat(payment.body().path("response").path("comment").asString())
        .contains("payment method code \"NET90\" does not exist");
    assertThat(warehouse.body().path("response").path("comment").asString())
        .contains("warehouse code \"EU\" does not exist");
    assertThat(http.get("/v2/connection/customer_code/21").status()).isEqualTo(404);
  }

  @Test
  void a_bulk_job_runs_in_the_background_and_reports_every_record_on_its_own() {
    var body =
        "{\"bulk_connections\": {\"connection\": ["
            + connection("30", "Wholesale", "NET30", "MAIN")
            + ","
            + connection("3", "Distributor", "NET60", "EAST")
            + ","
            + connection("31", "Platinum", "NET30", "MAIN")
            + "]}}";

    var submitted = http.post("/v2/bulk-connection", body);
    var jobId = submitted.body().path("bulk_connection").path("job_id").asString();

    assertThat(submitted.status()).isEqualTo(202);
    assertThat(submitted.body().path("bulk_connection").path("status").asString())
        .isEqualTo("QUEUED");
    assertThat(http.get("/v2/connection/customer_code/30").status()).isEqualTo(404);

    clock.advance(Duration.ofSeconds(5));
    var job = http.get("/v2/bulk-connection/" + jobId).body().path("bulk_connection");
    var results = job.path("results").path("result");

    assertThat(job.path("status").asString()).isEqualTo("COMPLETE");
    assertThat(results.path(0).path("action").asString()).isEqualTo("created");
    assertThat(results.path(0).path("connection_status").asString()).isEqualTo("PENDING");
    assertThat(results.path(1).path("action").asString()).isEqualTo("updated");
    assertThat(results.path(1).path("connection_status").asString()).isEqualTo("CONNECTED");
    assertThat(results.path(2).path("status").asString()).isEqualTo("failed");
    assertThat(results.path(2).path("comment").asString()).contains("USD / Platinum");
    assertThat(first(http.get("/v2/connection/customer_code/3")).path("price_label").asString())
        .isEqualTo("Distributor");
    assertThat(http.get("/v2/connection/customer_code/31").status()).isEqualTo(404);
  }

  @Test
  void a_bulk_put_only_updates_and_a_code_twice_in_one_request_fails_the_second() {
    var body =
        "{\"bulk_connections\": {\"connection\": ["
            + connection("7", "Wholesale", "NET30", "MAIN")
            + ","
            + connection("7", "Retail", "NET30", "MAIN")
            + ","
            + connection("40", "Wholesale", "NET30", "MAIN")
            + "]}}";

    var jobId =
        http.put("/v2/bulk-connection", body)
            .body()
            .path("bulk_connection")
            .path("job_id")
            .asString();
    clock.advance(Duration.ofSeconds(5));
    var results =
        http.get("/v2/bulk-connection/" + jobId)
            .body()
            .path("bulk_connection")
            .path("results")
            .path("result");

    assertThat(results.path(0).path("status").asString()).isEqualTo("success");
    assertThat(results.path(1).path("comment").asString())
        .contains("Duplicate customer code: 7 appears more than once");
    assertThat(results.path(2).path("comment").asString()).contains("does not exist");
  }

  @Test
  void refuses_a_bulk_request_above_the_size_limit_as_a_whole() {
    var body =
        "{\"bulk_connections\": {\"connection\": ["
            + String.join(
                ",",
                java.util.Collections.nCopies(4, connection("50", "Wholesale", "NET30", "MAIN")))
            + "]}}";

    var refused = http.post("/v2/bulk-connection", body);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("response").path("comment").asString()).contains("at most 3");
  }

  @Test
  void lists_connections_in_pages_and_by_modified_date() {
    var page1 = http.get("/v2/connection/?count=2");
    var page2 = http.get("/v2/connection/?count=2&start_from=2");
    clock.advance(Duration.ofMinutes(1));
    http.put(
        "/v2/connection/customer_code/7",
        "{\"connection\": " + connection("7", "Wholesale", "NET30", "MAIN") + "}");
    var changed =
        http.get(
            "/v2/connection/?date_start=2026-03-02T09:00:30.000Z&date_end=2026-03-02T10:00:00Z");
    var halfRange = http.get("/v2/connection/?date_start=2026-03-02T09:00:30Z");

    var response1 = page1.body().path("connections").path("response");
    assertThat(response1.path("count").asInt()).isEqualTo(2);
    assertThat(response1.path("total").asInt()).isEqualTo(3);
    assertThat(response1.path("next_start").asInt()).isEqualTo(2);
    assertThat(page2.body().path("connections").path("response").has("next_start")).isFalse();
    assertThat(first(changed).path("customer_code").asString()).isEqualTo("7");
    assertThat(changed.body().path("connections").path("response").path("total").asInt())
        .isEqualTo(1);
    assertThat(halfRange.status()).isEqualTo(400);
  }

  @Test
  void refuses_unknown_fields_and_overlong_values_naming_them() {
    var unknown =
        http.post(
            "/v2/connection/",
            "{\"connection\": "
                + connection("60", "Wholesale", "NET30", "MAIN")
                    .replace("\"customer_name\"", "\"customer_nmae\"")
                + "}");
    var tooLong =
        http.post(
            "/v2/connection/",
            "{\"connection\": " + connection("6".repeat(51), "Wholesale", "NET30", "MAIN") + "}");

    assertThat(unknown.body().path("response").path("comment").asString())
        .contains("unknown field \"customer_nmae\"");
    assertThat(tooLong.body().path("response").path("comment").asString())
        .contains("customer_code is 51 characters long; JOOR allows at most 50");
  }

  @Test
  void deleting_a_connection_frees_its_customer_code() {
    var deleted = http.delete("/v2/connection/customer_code/7");
    var again =
        http.post(
            "/v2/connection/",
            "{\"connection\": " + connection("7", "Wholesale", "NET30", "MAIN") + "}");

    assertThat(deleted.status()).isEqualTo(200);
    assertThat(again.status()).isEqualTo(201);
    assertThat(first(again).path("connection_status").asString()).isEqualTo("PENDING");
  }
}
