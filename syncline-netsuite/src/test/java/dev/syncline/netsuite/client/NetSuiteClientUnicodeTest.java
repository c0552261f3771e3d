package dev.syncline.netsuite.client;

import static org.assertj.core.api.Assertions.assertThat;

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
}
