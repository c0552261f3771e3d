package dev.syncline.app.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncline.app.Main;
import dev.syncline.app.SynclineNode;
import dev.syncline.app.access.Role;
import dev.syncline.app.config.ConfigLoader;
import dev.syncline.app.testbed.CustomerFlowBed;
import dev.syncline.app.wiring.Systems;
import dev.syncline.sandbox.common.SandboxHttp;
import dev.syncline.sandbox.netsuite.DemoData;
import dev.syncline.sandbox.netsuite.NetSuiteSettings;
import dev.syncline.store.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Text that is not ASCII, from NetSuite through Syncline to JOOR and back out of Syncline's API,
 * byte for byte: accents, an em dash, CJK, a right-to-left word, an emoji outside the BMP, and a
 * combining sequence kept decomposed. Every hop is read as raw bytes over HTTP, so that no client
 * of ours can hide a wrong decoding by making the same mistake twice.
 */
class UnicodeFlowTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  /** "Société" as precomposed letters, "Cafe\u0301" with a combining acute (NFD) kept as sent. */
  static final String NAME = "Société Générale — Zürich 東京 🧵 Cafe\u0301 שלום";

  static final String STREET = "Rue de l’Église 12 — 北京路 🏬 e\u0301 شارع";
  static final String CITY = "Zürich";
  static final String BROKEN = "Ärger 🧶 Ca\u0300 Ελλάδα";

  private final HttpClient http = HttpClient.newHttpClient();
  private CustomerFlowFixture fx;
  private SynclineNode node;

  @AfterEach
  void close() {
    if (node != null) {
      node.close();
    }
    fx.close();
  }

  @Test
  void names_and_addresses_arrive_on_joor_and_come_back_out_of_the_api_byte_for_byte()
      throws Exception {
    fx = new CustomerFlowFixture(db, s -> s);
    DemoData.referenceData(fx.account());
    var good = createInNetSuite(customer(NAME, true));
    var broken = createInNetSuite(customer(BROKEN, false));
    node = startNode();
    var token =
        node.access().createToken("utf8-" + UUID.randomUUID(), Role.OPERATOR, "test").secret();

    // Polled on NetSuite's control API, which costs nothing; JOOR's credits are read once.
    await()
        .atMost(Duration.ofMinutes(1))
        .until(
            () -> netsuiteRecord(good).path("custentity_syncline_joor_status").asString(""),
            s -> !s.isEmpty());
    await()
        .atMost(Duration.ofMinutes(1))
        .until(
            () -> netsuiteRecord(broken).path("custentity_syncline_joor_status").asString(""),
            "Failed"::equals);

    var status = netsuiteRecord(good);
    assertThat(status.path("custentity_syncline_joor_status").asString())
        .as(status.path("custentity_syncline_joor_message").asString())
        .isIn("Synced", "Waiting for the channel");
    var connection = joorConnection(good);
    assertThat(connection.path("customer_name").asString()).isEqualTo(NAME);
    var addresses = new ArrayList<String>();
    texts(connection, addresses);
    assertThat(addresses).contains(STREET, CITY);
    assertThat(netsuiteRecord(broken).path("custentity_syncline_joor_message").asString())
        .as("the status written back onto NetSuite names the customer as it is called there")
        .contains(BROKEN);

    var record = synclineJson("/api/v1/records/customer/" + good, token);
    var stored = new ArrayList<String>();
    texts(record, stored);
    assertThat(stored).as("the payload Syncline stored and serves").contains(NAME, STREET, CITY);

    var failed = synclineJson("/api/v1/failed?text=" + broken, token);
    assertThat(failed.toString()).contains(BROKEN);

    var page = synclineText("/records/customer/" + good, token);
    assertThat(page).contains(NAME).contains(STREET);

    var out = new ByteArrayOutputStream();
    var code =
        Main.run(
            Map.of(),
            new PrintWriter(out, true, StandardCharsets.UTF_8),
            new PrintWriter(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            "failed",
            "--text",
            broken,
            "--server",
            node.url().toString(),
            "--token",
            token);
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains(BROKEN);
  }

  /** A complete US customer opted in to JOOR, its main address in the given words. */
  private static ObjectNode customer(String name, boolean complete) {
    var c = CustomerFlowBed.customer(name);
    c.put("email", (complete ? "societe" : "aerger") + "@example.com");
    if (!complete) {
      c.remove("priceLevel");
    }
    var main = (ObjectNode) c.path("addressBook").path("items").get(0).path("addressBookAddress");
    main.put("addressee", name).put("addr1", STREET).put("city", CITY);
    return c;
  }

  /** Creates a customer through the NetSuite sandbox's control API, as UTF-8 bytes. */
  private String createInNetSuite(ObjectNode body) throws Exception {
    var uri =
        fx.netsuite
            .baseUrl()
            .resolve(
                SandboxHttp.CONTROL
                    + "/netsuite/accounts/"
                    + NetSuiteSettings.DEMO_ACCOUNT
                    + "/records/customer");
    var response =
        http.send(
            HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        body.toString().getBytes(StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(201);
    return json(response).path("ids").get(0).asString();
  }

  /** The customer as the NetSuite sandbox holds it, read back through its control API. */
  private JsonNode netsuiteRecord(String id) throws Exception {
    var uri =
        fx.netsuite
            .baseUrl()
            .resolve(
                SandboxHttp.CONTROL
                    + "/netsuite/accounts/"
                    + NetSuiteSettings.DEMO_ACCOUNT
                    + "/records/customer/"
                    + id);
    return json(http.send(HttpRequest.newBuilder(uri).build(), bytes()));
  }

  /** The connection JOOR holds under that customer code, read through JOOR's v2 API. */
  private JsonNode joorConnection(String code) throws Exception {
    var env = fx.environment();
    var token = env.get("JOOR_V2_TOKEN_" + CustomerFlowFixture.US);
    var uri = URI.create(env.get("JOOR_V2_BASE_URL") + "/connection/customer_code/" + code);
    var response =
        http.send(
            HttpRequest.newBuilder(uri)
                .header(
                    "Authorization",
                    "OAuth2 "
                        + Base64.getEncoder()
                            .encodeToString(token.getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json; charset=utf-8")
                .build(),
            bytes());
    return json(response).path("connections").path("connections").path("connection").get(0);
  }

  private JsonNode synclineJson(String path, String token) throws Exception {
    return json(synclineGet(path, token));
  }

  private String synclineText(String path, String token) throws Exception {
    return text(synclineGet(path, token));
  }

  private HttpResponse<byte[]> synclineGet(String path, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(node.url().resolve(path))
            .header("Authorization", "Bearer " + token)
            .build(),
        bytes());
  }

  private SynclineNode startNode() {
    var yaml = "server:\n  port: 0\ndatabase:\n  url: " + db.url() + "\n" + fx.yaml();
    return SynclineNode.start(
        new ConfigLoader(fx.environment(), List.of(Systems.check(fx.clock)))
            .parse("syncline.yaml", yaml));
  }

  private static HttpResponse.BodyHandler<byte[]> bytes() {
    return HttpResponse.BodyHandlers.ofByteArray();
  }

  /**
   * The body decoded as UTF-8, after checking that the answer says so: a body whose charset is left
   * to the reader's guess is the bug this test is about.
   */
  private static String text(HttpResponse<byte[]> response) {
    assertThat(response.statusCode()).as(response.uri().toString()).isLessThan(300);
    assertThat(response.headers().firstValue("Content-Type"))
        .as("the Content-Type of " + response.uri())
        .hasValueSatisfying(t -> assertThat(t.toLowerCase()).contains("charset=utf-8"));
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static JsonNode json(HttpResponse<byte[]> response) {
    return SandboxHttp.JSON.readTree(text(response));
  }

  /** Every string value in a JSON tree. */
  private static void texts(JsonNode node, List<String> into) {
    if (node.isString()) {
      into.add(node.asString());
    }
    node.forEach(child -> texts(child, into));
  }
}
