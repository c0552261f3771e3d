package dev.syncline.sandbox.netsuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncline.sandbox.common.SandboxClock;
import dev.syncline.sandbox.common.SandboxHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class NetSuiteSandboxTest {

  private static final String ACCOUNT = NetSuiteSettings.DEMO_ACCOUNT;
  private static NetSuiteSandbox sandbox;
  private static TbaRequests tba;

  @BeforeAll
  static void start() {
    sandbox =
        NetSuiteSandbox.start(
            NetSuiteSettings.defaults(),
            new SandboxClock(InstantSource.fixed(Instant.parse("2026-03-02T10:15:30Z"))));
    DemoData.seed(sandbox.account(ACCOUNT));
    tba = new TbaRequests(sandbox, ACCOUNT);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static JsonNode json(HttpResponse<String> response) {
    return SandboxHttp.JSON.readTree(response.body());
  }

  @Test
  void computes_the_research_signature_vector() {
    // netsuite-api.md §2.1: the self-computed vector.
    var oauth = new LinkedHashMap<String, String>();
    oauth.put("oauth_consumer_key", "ck_test");
    oauth.put("oauth_token", "tk_test");
    oauth.put("oauth_nonce", "abc123XYZ");
    oauth.put("oauth_timestamp", "1700000000");
    oauth.put("oauth_signature_method", "HMAC-SHA256");
    oauth.put("oauth_version", "1.0");
    var query =
        "limit=5&offset=0&q=lastModifiedDate%20ON_OR_AFTER%20%222024-01-01T00%3A00%3A00Z%22";

    var base =
        TokenAuthentication.baseString(
            "GET",
            "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer",
            oauth,
            query,
            "");

    assertThat(base)
        .isEqualTo(
            "GET&https%3A%2F%2F1234567-sb1.suitetalk.api.netsuite.com%2Fservices%2Frest%2Frecord%2Fv1%2Fcustomer&limit%3D5%26oauth_consumer_key%3Dck_test%26oauth_nonce%3Dabc123XYZ%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26oauth_token%3Dtk_test%26oauth_version%3D1.0%26offset%3D0%26q%3DlastModifiedDate%2520ON_OR_AFTER%2520%25222024-01-01T00%253A00%253A00Z%2522");
    assertThat(TokenAuthentication.sign(base, "cs_test", "ts_test"))
        .isEqualTo("2ggxIksr7vMpdvERMWndZBBA4iM7eSp8gK703WAXFPA=");
  }

  @Test
  void the_demo_items_keep_the_ids_skus_and_upcs_the_docs_list() throws Exception {
    var rows =
        json(tba.suiteQl(
                "SELECT id, itemid, upccode, itemtype, parent FROM item ORDER BY id", 50, 0))
            .path("items");

    assertThat(rows).hasSize(13);
    assertThat(rows.get(0).path("upccode").asString()).isEqualTo("085000010013");
    assertThat(rows.get(1).path("itemid").asString()).isEqualTo("TEE-CLASSIC-BLK-S");
    assertThat(rows.get(1).path("parent").asString()).isEqualTo("1001");
    assertThat(rows.get(12).path("id").asString()).isEqualTo("1020");
    assertThat(rows.get(12).path("itemtype").asString()).isEqualTo("Assembly");
    assertThat(rows.get(12).path("upccode").asString()).isEqualTo("085000010204");
  }

  @Test
  void serves_a_seeded_customer_with_its_address_book_expanded() throws Exception {
    var response = tba.send("GET", "/record/v1/customer/1?expandSubResources=true", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("type=singular"));
    var customer = json(response);
    assertThat(customer.path("id").asString()).isEqualTo("1");
    assertThat(customer.path("subsidiary").path("refName").asString()).startsWith("Brand");
    var lines = customer.path("addressBook").path("items");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).path("addressBookAddress").path("addr1").asString()).isNotBlank();
    assertThat(customer.path("custentity_syncline_channels").path("items"))
        .as("a multi-select is served as items with their names")
        .isNotEmpty()
        .allSatisfy(channel ->
            assertThat(channel.path("refName").asString())
                .isEqualTo(DemoData.CHANNELS.get(channel.path("id").asString())));
  }

  /** research/netsuite-schema.json names each record type's creation stamp, if it has one. */
  @Test
  void stamps_a_record_with_its_creation_time_only_where_netsuites_schema_has_such_a_property()
      throws Exception {
    var account = sandbox.account(ACCOUNT);
    var expected = new LinkedHashMap<String, String>();
    var ids = new LinkedHashMap<String, Long>();
    ids.put(
        "customer",
        account.create("customer", SandboxHttp.JSON.readTree("{\"companyName\": \"Stämpel 🕰\"}")));
    expected.put("customer", "dateCreated");
    for (var type : java.util.List.of("term", "priceLevel", "location")) {
      ids.put(
          type,
          account.create(type, SandboxHttp.JSON.readTree("{\"name\": \"Stämpel " + type + "\"}")));
      expected.put(type, "");
    }
    for (var entry : expected.entrySet()) {
      var type = entry.getKey();
      var record = json(tba.send("GET", "/record/v1/" + type + "/" + ids.get(type), null));

      assertThat(record.has("lastModifiedDate")).as(type + ": " + record).isTrue();
      for (var stamp : java.util.List.of("dateCreated", "createdDate")) {
        assertThat(record.has(stamp))
            .as(type + "." + stamp)
            .isEqualTo(stamp.equals(entry.getValue()));
      }
    }
  }

  @Test
  void without_expansion_sublists_are_only_links() throws Exception {
    var customer = json(tba.send("GET", "/record/v1/customer/1", null));

    assertThat(customer.path("addressBook").has("items")).isFalse();
    assertThat(customer.path("addressBook").path("links").get(0).path("href").asString())
        .endsWith("/record/v1/customer/1/addressBook");
  }

  @Test
  void suiteql_sees_what_the_record_service_wrote() throws Exception {
    var created =
        tba.send(
            "POST",
            "/record/v1/customer",
            "{\"companyName\":\"Fresh Co\",\"subsidiary\":{\"id\":\"2\"},\"externalId\":\"FRESH-1\"}");
    var location = created.headers().firstValue("Location").orElseThrow();
    var id = location.substring(location.lastIndexOf('/') + 1);

    var rows =
        json(
            tba.suiteQl(
                "SELECT id, companyname, currency FROM customer WHERE externalid = 'FRESH-1'",
                10,
                0));

    assertThat(created.statusCode()).isEqualTo(204);
    assertThat(rows.path("items").get(0).path("id").asString()).isEqualTo(id);
    assertThat(rows.path("items").get(0).path("companyname").asString()).isEqualTo("Fresh Co");
    assertThat(rows.path("items").get(0).path("currency").asString()).isEqualTo("2");
  }

  @Test
  void builtin_df_gives_the_names_the_record_service_shows_and_select_star_hides_them()
      throws Exception {
    var created =
        tba.send(
            "POST",
            "/record/v1/customer",
            "{\"companyName\":\"Crème Brûlée ☕\",\"subsidiary\":{\"id\":\"2\"},"
                + "\"terms\":{\"id\":\"2\"},\"externalId\":\"DF-1\"}");
    var location = created.headers().firstValue("Location").orElseThrow();
    var id = location.substring(location.lastIndexOf('/') + 1);
    var record = json(tba.send("GET", "/record/v1/customer/" + id, null));

    var row =
        json(tba.suiteQl(
                "SELECT c.terms, BUILTIN.DF(c.terms) AS termsname, BUILTIN.DF( subsidiary ) AS sub"
                    + " FROM customer c WHERE c.id = "
                    + id,
                10,
                0))
            .path("items")
            .get(0);
    var star = json(tba.suiteQl("SELECT * FROM customer WHERE id = " + id, 10, 0));
    var notAReference =
        json(tba.suiteQl("SELECT BUILTIN.DF(email) FROM customer WHERE id = " + id, 10, 0));

    assertThat(row.path("terms").asString()).isEqualTo("2");
    assertThat(row.path("termsname").asString())
        .isEqualTo(record.path("terms").path("refName").asString())
        .isNotBlank();
    assertThat(row.path("sub").asString())
        .isEqualTo(record.path("subsidiary").path("refName").asString())
        .isNotBlank();
    assertThat(star.path("items").get(0).path("companyname").asString())
        .isEqualTo("Crème Brûlée ☕");
    assertThat(star.path("items").get(0).propertyNames())
        .noneMatch(name -> name.endsWith(SuiteQlTables.DISPLAY));
    assertThat(notAReference.path("o:errorDetails").get(0).path("detail").asString())
        .contains("BUILTIN.DF(email) needs a field that refers to a record or a list");
  }

  @Test
  void refuses_an_offset_that_is_not_a_multiple_of_the_limit() throws Exception {
    var response = tba.send("GET", "/record/v1/customer?limit=10&offset=15", null);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("o:errorDetails").get(0).path("detail").asString())
        .contains("multiple of the limit");
  }

  @Test
  void answers_an_unknown_table_and_column_with_netsuites_words() throws Exception {
    var table = json(tba.suiteQl("SELECT id FROM transactiontablethatdoesnotexist", 10, 0));
    var column = json(tba.suiteQl("SELECT not_existing_field FROM customer", 10, 0));

    assertThat(table.path("o:errorDetails").get(0).path("detail").asString())
        .isEqualTo(
            "Invalid search query. Detailed unprocessed description follows. Invalid search type: transactiontablethatdoesnotexist.");
    assertThat(column.path("o:errorDetails").get(0).path("detail").asString())
        .isEqualTo(
            "Invalid search query. Detailed unprocessed description follows. Search error occurred: Unknown identifier 'not_existing_field'. Available identifiers are: {customer=customer}.");
  }

  @Test
  void suiteql_cannot_read_the_sandboxs_own_tables_or_write() throws Exception {
    var hidden = tba.suiteQl("SELECT * FROM sandbox.record", 10, 0);
    var write = tba.suiteQl("DELETE FROM customer", 10, 0);

    assertThat(hidden.statusCode()).isEqualTo(400);
    assertThat(write.statusCode()).isEqualTo(400);
    assertThat(
            json(tba.suiteQl("SELECT COUNT(*) AS n FROM customer", 10, 0))
                .path("items")
                .get(0)
                .path("n")
                .asInt())
        .isGreaterThanOrEqualTo(DemoData.CUSTOMERS);
  }

  @Test
  void a_nonce_is_accepted_only_once() throws Exception {
    var uri = URI.create(sandbox.accountUrl(ACCOUNT) + "/services/rest/record/v1/term/1");
    var header = tba.authorization("GET", uri, "same-nonce-1");
    var http = HttpClient.newHttpClient();
    var request = HttpRequest.newBuilder(uri).header("Authorization", header).build();

    var first = http.send(request, HttpResponse.BodyHandlers.ofString());
    var second = http.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(401);
    assertThat(json(second).path("o:errorDetails").get(0).path("o:errorCode").asString())
        .isEqualTo("INVALID_LOGIN");
  }

  @Test
  void a_bad_control_request_names_the_problem_and_changes_nothing() throws Exception {
    var before = sandbox.account(ACCOUNT).find("customer", 5).orElseThrow();
    var http = HttpClient.newHttpClient();
    var response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        sandbox.baseUrl()
                            + "/_sandbox/netsuite/accounts/"
                            + ACCOUNT
                            + "/records/customer/5"))
                .method(
                    "PATCH",
                    HttpRequest.BodyPublishers.ofString(
                        "{\"terms\":{\"id\":\"999\"},\"companyName\":\"Changed\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("Invalid Field Value 999").contains("terms");
    assertThat(sandbox.account(ACCOUNT).find("customer", 5)).contains(before);
  }

  @Test
  void settings_change_through_the_control_api_and_bad_ones_are_refused() throws Exception {
    var http = HttpClient.newHttpClient();
    var uri = URI.create(sandbox.baseUrl() + "/_sandbox/netsuite/settings");
    var patch =
        (java.util.function.Function<String, HttpResponse<String>>)
            body -> {
              try {
                return http.send(
                    HttpRequest.newBuilder(uri)
                        .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            };
    try {
      var changed = patch.apply("{\"concurrencyLimit\":3}");
      var refused = patch.apply("{\"concurrencyLimit\":0}");

      assertThat(changed.statusCode()).isEqualTo(200);
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("concurrencyLimit must be at least 1");
      assertThat(sandbox.settings().concurrencyLimit()).isEqualTo(3);
    } finally {
      sandbox.settings(s -> s.withConcurrencyLimit(15));
    }
  }

  @Test
  void unknown_fields_are_refused_when_the_caller_asks_for_strict_names() throws Exception {
    var strict =
        tba.send(
            "POST",
            "/record/v1/customer",
            "{\"companyName\":\"X\",\"custentity_typo\":\"1\"}",
            "X-NetSuite-PropertyNameValidation",
            "Error");

    assertThat(strict.statusCode()).isEqualTo(400);
    assertThat(json(strict).path("o:errorDetails").get(0).path("o:errorCode").asString())
        .isEqualTo("NONEXISTENT_FIELD");
    assertThatThrownBy(() ->
            sandbox.account(ACCOUNT).create("nosuchtype", SandboxHttp.JSON.createObjectNode()))
        .hasMessageContaining("nosuchtype");
  }
}
