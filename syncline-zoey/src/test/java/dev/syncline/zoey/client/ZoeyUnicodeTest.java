package dev.syncline.zoey.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Text that is not ASCII to Zoey and back, over HTTP against the sandbox: in bodies, and in a list
 * filter that goes into the query string. Compared exactly: nothing replaced, nothing normalised.
 */
class ZoeyUnicodeTest {

  static final String NAME = "Société Générale — Zürich 東京 🧵 Cafe\u0301 שלום";
  static final String STREET = "Rue de l’Église 12 — 北京路 🏬 e\u0301 شارع";

  @TempDir Path directory;
  private ZoeyFixture zoey;

  @BeforeEach
  void connect() {
    zoey = ZoeyFixture.connected(directory);
  }

  @AfterEach
  void stop() {
    zoey.close();
  }

  @Test
  void an_account_named_in_any_script_is_created_found_and_read_back_exactly() {
    var body = JsonMapper.shared().createObjectNode().put("name", NAME);
    body.put("customer_group_id", "2").put("netsuite_customer_id", "東京-7");
    body.putArray("locations")
        .addObject()
        .put("name", "Siège 🏢")
        .putArray("addresses")
        .addObject()
        .put("company", NAME)
        .put("city", "Zürich")
        .put("postcode", "8001")
        .put("country_id", "CH")
        .putArray("street")
        .add(STREET);

    var id = zoey.client.accounts().create(body);
    var account = zoey.client.accounts().get(id).body();
    var found = zoey.client.accounts().where("netsuite_customer_id", "東京-7");

    assertThat(account.path("name").asString()).isEqualTo(NAME);
    var location = account.path("locations").get(0);
    assertThat(location.path("name").asString()).isEqualTo("Siège 🏢");
    var address = location.path("addresses").get(0);
    assertThat(address.path("company").asString()).isEqualTo(NAME);
    assertThat(address.path("street").get(0).asString()).isEqualTo(STREET);
    assertThat(address.path("city").asString()).isEqualTo("Zürich");
    assertThat(found)
        .singleElement()
        .satisfies(a -> assertThat(a.body().path("name").asString()).isEqualTo(NAME));
  }
}
