package dev.syncline.sandbox.zoey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.sandbox.Sandboxes;
import dev.syncline.sandbox.common.SandboxClock;
import dev.syncline.sandbox.common.SandboxHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Zoey sandbox seen from a plain HTTP client, as the research describes Zoey's wire. */
class ZoeySandboxTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final SandboxClock clock =
      new SandboxClock(InstantSource.fixed(Instant.parse("2026-03-02T09:00:00Z")));
  private ZoeySandbox zoey;
  private String token;

  @BeforeEach
  void start() throws Exception {
    zoey = ZoeySandbox.start("127.0.0.1", 0, clock);
    token =
        tokens(
                grant(
                    "grant_type=refresh_token&refresh_token=" + zoey.issueRefreshToken(),
                    basic(ZoeySandbox.CLIENT_SECRET)))
            .path("access_token")
            .asString();
  }

  @AfterEach
  void stop() {
    zoey.close();
  }

  private static String basic(String secret) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(
                (ZoeySandbox.CLIENT_ID + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> grant(String form, String authorization) throws Exception {
    return http.send(
        HttpRequest.newBuilder(zoey.tokenUrl())
            .header("Authorization", authorization)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode tokens(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response.body());
  }

  private HttpResponse<String> api(String method, String pathAndQuery, String body)
      throws Exception {
    return send(method, zoey.baseUrl() + pathAndQuery, body, "Bearer " + token);
  }

  private HttpResponse<String> control(String method, String path, String body) throws Exception {
    var root = zoey.baseUrl().toString().replace("/api/rest", "");
    return send(method, root + SandboxHttp.CONTROL + "/zoey" + path, body, "");
  }

  private HttpResponse<String> send(String method, String uri, String body, String authorization)
      throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(uri))
            .header("Accept", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (!authorization.isEmpty()) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(String text) {
    return SandboxHttp.JSON.readTree(text);
  }

  private static String error(HttpResponse<String> response) {
    return json(response.body()).path("messages").path("error").get(0).path("message").asString();
  }

  private static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void the_authorization_code_grant_redirects_with_code_and_state_and_the_code_works_once()
      throws Exception {
    var authorize =
        URI.create(
            zoey.authorizeUrl()
                + "?response_type=code&client_id="
                + ZoeySandbox.CLIENT_ID
                + "&redirect_uri="
                + q(ZoeySandbox.REDIRECT_URI)
                + "&state=s1");
    var redirect =
        http.send(
            HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.discarding());
    var location = redirect.headers().firstValue("Location").orElseThrow();
    assertThat(redirect.statusCode()).isEqualTo(302);
    assertThat(location).startsWith(ZoeySandbox.REDIRECT_URI + "?code=").endsWith("&state=s1");
    var code = location.replaceAll(".*code=([^&]+).*", "$1");
    var form =
        "grant_type=authorization_code&code="
            + code
            + "&redirect_uri="
            + q(ZoeySandbox.REDIRECT_URI);

    var granted = tokens(grant(form, basic(ZoeySandbox.CLIENT_SECRET)));
    var again = grant(form, basic(ZoeySandbox.CLIENT_SECRET));

    assertThat(granted.path("token_type").asString()).isEqualTo("Bearer");
    assertThat(granted.path("expires_in").asLong()).isEqualTo(3600);
    assertThat(granted.path("refresh_token").asString()).isNotBlank();
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(json(again.body()).path("error").asString()).isEqualTo("invalid_grant");
  }

  @Test
  void a_wrong_client_secret_is_invalid_client_with_a_basic_challenge() throws Exception {
    var refused = grant("grant_type=refresh_token&refresh_token=x", basic("wrong"));

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    assertThat(json(refused.body()).path("error").asString()).isEqualTo("invalid_client");
  }

  @Test
  void a_refresh_rotates_the_refresh_token_unless_set_not_to() throws Exception {
    var first = zoey.issueRefreshToken();
    var renewed =
        tokens(
            grant(
                "grant_type=refresh_token&refresh_token=" + first,
                basic(ZoeySandbox.CLIENT_SECRET)));
    assertThat(
            grant(
                    "grant_type=refresh_token&refresh_token=" + first,
                    basic(ZoeySandbox.CLIENT_SECRET))
                .statusCode())
        .isEqualTo(400);

    zoey.settings(zoey.settings().merge(json("{\"rotateRefreshTokens\":false}")));
    var kept = renewed.path("refresh_token").asString();
    var again =
        tokens(
            grant(
                "grant_type=refresh_token&refresh_token=" + kept,
                basic(ZoeySandbox.CLIENT_SECRET)));
    assertThat(again.path("refresh_token").asString()).isEqualTo(kept);
  }

  @Test
  void an_expired_access_token_is_refused_with_a_bearer_challenge_and_magentos_error_body()
      throws Exception {
    assertThat(api("GET", "/orders/1", null).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(60));

    var refused = api("GET", "/orders/1", null);

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate"))
        .contains("Bearer error=\"invalid_token\"");
    assertThat(error(refused)).isEqualTo("The access token has expired.");
  }

  @Test
  void collections_page_like_magento_and_repeat_the_last_page_past_the_end() throws Exception {
    var page1 = json(api("GET", "/products?limit=4&page=1", null).body());
    var page2 = json(api("GET", "/products?limit=4&page=2", null).body());
    var page9 = json(api("GET", "/products?limit=4&page=9", null).body());

    assertThat(page1.propertyNames()).containsExactly("1", "2", "3", "4");
    assertThat(page2.propertyNames()).containsExactly("5", "6");
    assertThat(page9).isEqualTo(page2);

    zoey.settings(zoey.settings().merge(json("{\"repeatLastPage\":false}")));
    assertThat(json(api("GET", "/products?limit=4&page=9", null).body()).isEmpty()).isTrue();
    assertThat(json(api("GET", "/stockitems?limit=2", null).body()).isArray()).isTrue();
  }

  @Test
  void bad_paging_ordering_and_filters_get_magentos_messages() throws Exception {
    var tooMany = api("GET", "/orders?limit=101", null);
    var negative = api("GET", "/orders?page=-1", null);
    var order = api("GET", "/orders?order=secret_field", null);
    var filter =
        api(
            "GET",
            "/orders?" + q("filter[1][attribute]") + "=secret_field&" + q("filter[1][eq]") + "=1",
            null);

    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(error(tooMany)).isEqualTo("The paging limit exceeds the allowed number.");
    assertThat(error(negative)).isEqualTo("Resource collection paging error.");
    assertThat(error(order)).isEqualTo("Resource collection ordering error.");
    assertThat(error(filter)).isEqualTo("Resource collection filtering error.");
  }

  @Test
  void filters_select_by_updated_at_and_by_value() throws Exception {
    clock.advance(Duration.ofMinutes(10));
    api("PUT", "/products/3", "{\"name\":\"Renamed\"}");

    var since =
        json(
            api(
                    "GET",
                    "/products?"
                        + q("filter[1][attribute]")
                        + "=updated_at&"
                        + q("filter[1][from]")
                        + "="
                        + q("2026-03-02 09:05:00"),
                    null)
                .body());
    var bySku =
        json(
            api(
                    "GET",
                    "/products?"
                        + q("filter[0][attribute]")
                        + "=sku&"
                        + q("filter[0][in][0]")
                        + "=TOTE-CANVAS&"
                        + q("filter[0][in][1]")
                        + "=GIFT-BOX-DELUXE",
                    null)
                .body());

    assertThat(since.propertyNames()).containsExactly("3");
    assertThat(since.path("3").path("updated_at").asString()).isEqualTo("2026-03-02 09:10:00");
    assertThat(bySku.propertyNames()).containsExactly("5", "6");
  }

  @Test
  void a_create_answers_201_with_a_location_and_an_empty_body_is_invalid_data() throws Exception {
    var created =
        api("POST", "/companyAccounts", "{\"name\":\"New Co\",\"customer_group_id\":\"3\"}");
    var empty = api("POST", "/companyAccounts", "");
    var missing = api("POST", "/companyAccounts", "{\"customer_group_id\":\"3\"}");

    assertThat(created.statusCode()).isEqualTo(201);
    var location = created.headers().firstValue("Location").orElseThrow();
    assertThat(location).matches(".*/api/rest/companyAccounts/\\d+");
    var id = location.substring(location.lastIndexOf('/') + 1);
    assertThat(json(api("GET", "/companyAccounts/" + id, null).body()).path("name").asString())
        .isEqualTo("New Co");
    assertThat(error(empty)).isEqualTo("The request data is invalid.");
    assertThat(error(missing)).isEqualTo("Empty value for \"name\" in request.");
  }

  @Test
  void a_rate_limit_when_set_answers_429_with_retry_after() throws Exception {
    zoey.settings(zoey.settings().withRateLimit(2, Duration.ofSeconds(30)));
    api("GET", "/orders/1", null);
    api("GET", "/orders/1", null);

    var limited = api("GET", "/orders/1", null);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).contains("30");
    clock.advance(Duration.ofSeconds(30));
    assertThat(api("GET", "/orders/1", null).statusCode()).isEqualTo(200);
  }

  @Test
  void a_buyer_order_with_a_bad_line_is_refused_and_changes_nothing() throws Exception {
    var stockBefore = json(api("GET", "/stockitems/6", null).body()).path("qty").asString();
    var ordersBefore = json(api("GET", "/orders?limit=100", null).body()).size();

    var refused =
        control(
            "POST",
            "/orders",
            """
            {"customer_id":"1","payment_method":"purchaseorder","po_number":"PO-1",
             "items":[{"sku":"TOTE-CANVAS","qty":2},{"sku":"NO-SUCH","qty":1}]}\
            """);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json(refused.body()).path("error").asString())
        .isEqualTo("No product has SKU \"NO-SUCH\".");
    assertThat(json(api("GET", "/stockitems/6", null).body()).path("qty").asString())
        .isEqualTo(stockBefore);
    assertThat(json(api("GET", "/orders?limit=100", null).body()).size()).isEqualTo(ordersBefore);
  }

  @Test
  void an_edit_the_new_order_cannot_take_leaves_the_original_untouched() throws Exception {
    var stockBefore = json(api("GET", "/stockitems/6", null).body()).path("qty").asString();
    var refused =
        control("POST", "/orders/1/edit", "{\"items\":[{\"sku\":\"TOTE-CANVAS\",\"qty\":100000}]}");

    var original = json(api("GET", "/orders/1", null).body());
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(original.path("state").asString()).isEqualTo("new");
    assertThat(original.path("order_items").get(0).path("qty_canceled").asString())
        .isEqualTo("0.0000");
    assertThat(json(api("GET", "/stockitems/6", null).body()).path("qty").asString())
        .isEqualTo(stockBefore);
  }

  @Test
  void control_settings_refuse_unknown_names_and_reset_reloads_the_demo_store() throws Exception {
    var unknown = control("PUT", "/settings", "{\"repeatLastPages\":false}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(json(unknown.body()).path("error").asString())
        .contains("unknown setting \"repeatLastPages\"");
    assertThat(zoey.settings()).isEqualTo(ZoeySettings.defaults());

    control("POST", "/reset", "{\"seed\":false}");
    assertThat(json(api("GET", "/orders", null).body()).isEmpty()).isTrue();
    control("POST", "/reset", "{\"seed\":true}");
    assertThat(json(api("GET", "/orders/1", null).body()).path("increment_id").asString())
        .isEqualTo("100000001");
  }

  @Test
  void an_admin_edit_of_an_account_changes_it_and_its_updated_at_and_bad_input_changes_nothing()
      throws Exception {
    var before = json(api("GET", "/companyAccounts/6", null).body());
    clock.advance(Duration.ofMinutes(1));

    var edited = control("POST", "/accounts/6/edit", "{\"netsuite_customer_id\":\"24\"}");
    var refused = control("POST", "/accounts/6/edit", "{\"locations\":[]}");

    assertThat(edited.statusCode()).isEqualTo(200);
    var after = json(api("GET", "/companyAccounts/6", null).body());
    assertThat(after.path("netsuite_customer_id").asString()).isEqualTo("24");
    assertThat(after.path("name").asString()).isEqualTo(before.path("name").asString());
    assertThat(after.path("updated_at").asString())
        .isNotEqualTo(before.path("updated_at").asString());
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json(api("GET", "/companyAccounts/6", null).body())).isEqualTo(after);
  }

  @Test
  void the_demo_store_holds_orders_in_every_state_the_flows_meet() throws Exception {
    var orders = json(api("GET", "/orders?limit=100", null).body());

    assertThat(
            orders
                .valueStream()
                .map(o -> o.path("increment_id").asString() + " " + o.path("state").asString()))
        .containsExactly(
            "100000001 new",
            "100000002 complete",
            "100000003 processing",
            "100000004 processing",
            "100000005 canceled",
            "100000005-1 new",
            "100000006 canceled");
  }

  @Test
  void all_sandboxes_print_the_zoey_connection_settings() {
    try (var all = Sandboxes.start(Sandboxes.Settings.loopback())) {
      assertThat(all.connectionSettings().keySet())
          .contains(
              "ZOEY_BASE_URL",
              "ZOEY_AUTH_URL",
              "ZOEY_TOKEN_URL",
              "ZOEY_CLIENT_ID",
              "ZOEY_CLIENT_SECRET",
              "ZOEY_REDIRECT_URI",
              "ZOEY_REFRESH_TOKEN");
      assertThat(all.connectionSettings().get("ZOEY_BASE_URL")).endsWith("/api/rest");
    }
  }
}
