package dev.syncline.netsuite.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.syncline.core.PermanentSyncException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Text that is not ASCII through the record service and SuiteQL, both ways, compared code point for
 * code point: nothing is replaced, and nothing is normalised ("e\u0301" stays decomposed).
 */
class NetSuiteClientUnicodeTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final String NAME = "Société Générale — Zürich 東京 🧵 Cafe\u0301 שלום";
  static final String CITY = "Łódź";
  static final String MESSAGE = "Customer 7 (Ärger 🧶): address \"Siège\" has no city.";

  private static SandboxFixture fixture;
  private static NetSuiteClient client;

  @BeforeAll
  static void start() {
    fixture = new SandboxFixture();
    client = fixture.client();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void writes_reads_and_queries_names_in_any_script_exactly() {
    var body = JSON.createObjectNode().put("companyName", NAME);
    body.putObject("subsidiary").put("id", "1");
    body.putObject("addressBook")
        .putArray("items")
        .addObject()
        .put("label", "Siège 🏢")
        .putObject("addressBookAddress")
        .put("addressee", NAME)
        .put("city", CITY);

    var id = client.create("customer", body);
    client.update(
        "customer",
        id,
        JSON.createObjectNode().put("custentity_syncline_joor_message", MESSAGE),
        Set.of());
    var read = client.get("customer", id, NetSuiteClient.GetOptions.expanded());
    var rows =
        client
            .suiteQl(
                "SELECT id, companyname FROM customer WHERE companyname = "
                    + NetSuiteClient.literal(NAME),
                10,
                0)
            .rows();

    var stored = fixture.account().find("customer", Long.parseLong(id)).orElseThrow();
    assertThat(stored.path("companyName").asString())
        .as("what the sandbox received")
        .isEqualTo(NAME);
    assertThat(stored.path("custentity_syncline_joor_message").asString()).isEqualTo(MESSAGE);
    assertThat(read.path("companyName").asString()).isEqualTo(NAME);
    assertThat(read.path("custentity_syncline_joor_message").asString()).isEqualTo(MESSAGE);
    var line = read.path("addressBook").path("items").get(0);
    assertThat(line.path("label").asString()).isEqualTo("Siège 🏢");
    assertThat(line.path("addressBookAddress").path("addressee").asString()).isEqualTo(NAME);
    assertThat(line.path("addressBookAddress").path("city").asString()).isEqualTo(CITY);
    assertThat(rows).hasSize(1);
    assertThat(rows.getFirst().values()).containsEntry("id", id).containsEntry("companyname", NAME);
  }

  /**
   * A proxy that re-encodes answers as ISO-8859-1 and still says UTF-8: the client refuses the
   * answer with a message naming it, instead of handing on "Z\uFFFDrich".
   */
  @Test
  void an_answer_that_is_not_the_text_it_says_is_refused_not_garbled() throws Exception {
    var proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    proxy.createContext(
        "/",
        exchange -> {
          var body =
              "{\"id\":\"1\",\"companyName\":\"Zürich\"}".getBytes(StandardCharsets.ISO_8859_1);
          exchange
              .getResponseHeaders()
              .set(
                  "Content-Type",
                  "application/vnd.oracle.resource+json; type=singular; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    proxy.start();
    try {
      var real = fixture.config(1);
      var garbling =
          fixture.client(
              NetSuiteConfig.of(
                      URI.create(
                          "http://127.0.0.1:"
                              + proxy.getAddress().getPort()
                              + "/"
                              + real.baseUrl().getPath().replaceFirst("^/", "")),
                      real.accountId(),
                      real.auth(),
                      1)
                  .withRetry(real.retry()));

      assertThatThrownBy(() -> garbling.get("customer", "1", NetSuiteClient.GetOptions.plain()))
          .isInstanceOf(PermanentSyncException.class)
          .hasMessageContaining("NetSuite's answer to")
          .hasMessageContaining("its body is not UTF-8 text from byte 26 of 33");
    } finally {
      proxy.stop(0);
    }
  }
}
