package dev.syncline.zoey.client;

import static dev.syncline.zoey.client.ZoeyFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncline.core.PermanentSyncException.RemoteRejected;
import dev.syncline.sandbox.zoey.ZoeyEmail;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ZoeyAccountsTest {

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

  private String createAccount() {
    return zoey.client
        .accounts()
        .create(
            json(
                """
                {"name":"Harbor Supply","customer_group_id":"2","sales_rep":"Lee Chen","credit_limit":"15000",
                 "net_terms":{"enabled":true,"days":60},"netsuite_customer_id":"305",
                 "locations":[{"name":"Harbor Main","addresses":[{"company":"Harbor Supply","street":["3 Dock St"],
                   "city":"Boston","region":"MA","postcode":"02110","country_id":"US"}]}],
                 "bill_to_addresses":[{"company":"Harbor Supply","street":["PO Box 12"],"city":"Boston",
                   "region":"MA","postcode":"02111","country_id":"US"}]}\
                """));
  }

  @Test
  void an_account_is_created_with_its_locations_addresses_and_terms_and_read_back() {
    var account = zoey.client.accounts().get(createAccount()).body();

    assertThat(account.path("name").asString()).isEqualTo("Harbor Supply");
    assertThat(account.path("status").asString()).isEqualTo("enabled");
    assertThat(account.path("customer_group_id").asString()).isEqualTo("2");
    assertThat(account.path("credit_limit").asString()).isEqualTo("15000.0000");
    assertThat(account.path("net_terms").path("label").asString()).isEqualTo("Net 60");
    assertThat(account.path("netsuite_customer_id").asString()).isEqualTo("305");
    var location = account.path("locations").get(0);
    assertThat(location.path("name").asString()).isEqualTo("Harbor Main");
    assertThat(location.path("addresses").get(0).path("city").asString()).isEqualTo("Boston");
    assertThat(account.path("bill_to_addresses").get(0).path("is_global").asString())
        .isEqualTo("1");
  }

  @Test
  void accounts_already_in_netsuite_are_found_by_their_netsuite_customer_id() {
    assertThat(zoey.client.accounts().where("netsuite_customer_id", "5"))
        .singleElement()
        .satisfies(a -> assertThat(a.body().path("name").asString()).isEqualTo("Acme Boutique"));
    assertThat(zoey.client.accounts().where("netsuite_customer_id", "999")).isEmpty();
  }

  @Test
  void a_discount_term_is_accepted_and_an_unknown_term_refused_without_changing_the_account() {
    var id = createAccount();

    zoey.client
        .accounts()
        .update(
            id,
            json(
                "{\"net_terms\":{\"enabled\":true,\"days\":30,\"discount_days\":10,\"discount_percent\":2,\"late_fee_percent\":1.5}}"));
    var terms = zoey.client.accounts().get(id).body().path("net_terms");
    assertThat(terms.path("label").asString()).isEqualTo("2% 10 Net 30");
    assertThat(terms.path("late_fee_percent").asString()).isEqualTo("1.5000");

    assertThatThrownBy(() ->
            zoey.client
                .accounts()
                .update(
                    id,
                    json("{\"name\":\"Renamed\",\"net_terms\":{\"enabled\":true,\"days\":45}}")))
        .isInstanceOf(RemoteRejected.class)
        .hasMessageContaining("Net 10, 15, 20, 30, 60, 90 or 120");
    var after = zoey.client.accounts().get(id).body();
    assertThat(after.path("name").asString()).isEqualTo("Harbor Supply");
    assertThat(after.path("net_terms").path("label").asString()).isEqualTo("2% 10 Net 30");
  }

  @Test
  void addresses_are_added_changed_and_removed_and_each_change_shows_in_a_scan() {
    var id = createAccount();
    var watermark = zoey.client.accounts().changedSince(ZoeyWatermark.beginning()).next();
    var location = zoey.client.addLocation(id, "Harbor North");

    zoey.clock.advance(Duration.ofSeconds(5));
    var shipTo =
        zoey.client.addShipToAddress(
            id,
            json(
                """
                {"location_id":"%s","street":["8 Pier Rd"],"city":"Salem","postcode":"01970","country_id":"US"}\
                """
                    .formatted(location)));
    var scan = zoey.client.accounts().changedSince(watermark);
    assertThat(scan.records()).extracting(ZoeyRecord::id).containsExactly(id);

    zoey.client.updateAddress(id, shipTo, json("{\"city\":\"Beverly\",\"postcode\":\"01915\"}"));
    var billTo =
        zoey.client.addBillToAddress(
            id,
            json(
                """
                {"street":["1 Ledger Ln"],"city":"Boston","postcode":"02110","country_id":"US","is_global":false,
                 "location_ids":["%s"]}\
                """
                    .formatted(location)));
    var account = zoey.client.accounts().get(id).body();
    assertThat(shipToCities(account, location)).containsExactly("Beverly");
    assertThat(billToById(account, billTo).path("location_ids").get(0).asString())
        .isEqualTo(location);

    zoey.client.removeAddress(id, shipTo);
    assertThat(shipToCities(zoey.client.accounts().get(id).body(), location)).isEmpty();
  }

  @Test
  void a_ship_to_without_a_location_is_filed_under_unassigned() {
    var id = createAccount();

    zoey.client.addShipToAddress(
        id,
        json(
            "{\"street\":[\"9 Loose St\"],\"city\":\"Quincy\",\"postcode\":\"02169\",\"country_id\":\"US\"}"));

    var locations = zoey.client.accounts().get(id).body().path("locations");
    assertThat(locations.valueStream().map(l -> l.path("name").asString()))
        .containsExactly("Harbor Main", "Unassigned");
  }

  @Test
  void a_bad_address_is_refused_with_the_field_to_fix() {
    var id = createAccount();

    assertThatThrownBy(() ->
            zoey.client.addShipToAddress(
                id,
                json(
                    "{\"street\":[\"1 Main\"],\"city\":\"Boston\",\"postcode\":\"02110\",\"country_id\":\"USA\"}")))
        .isInstanceOf(RemoteRejected.class)
        .hasMessageContaining("country_id")
        .hasMessageContaining("two-letter ISO code");
  }

  @Test
  void a_contact_is_created_on_an_account_with_its_role_and_access_and_invited_when_asked() {
    var id = createAccount();
    var location =
        zoey.client
            .accounts()
            .get(id)
            .body()
            .path("locations")
            .get(0)
            .path("location_id")
            .asString();

    var contact =
        zoey.client
            .contacts()
            .create(
                json(
                    """
                    {"account_id":"%s","email":"mia@harbor.example","firstname":"Mia","lastname":"Lind",
                     "account_role":"main","location_access":[{"location_id":"%s","role":"Buyer"}],
                     "send_invite_email":true}\
                    """
                        .formatted(id, location)));

    var body = zoey.client.contacts().get(contact).body();
    assertThat(body.path("account_role").asString()).isEqualTo("main");
    assertThat(body.path("group_id").asString()).isEqualTo("2");
    assertThat(body.path("location_access").get(0).path("role").asString()).isEqualTo("Buyer");
    assertThat(zoey.sandbox.emails())
        .filteredOn(e -> e.type().equals("new_account_confirmation"))
        .extracting(ZoeyEmail::to)
        .containsExactly("mia@harbor.example");
    assertThat(zoey.client.contacts().where("account_id", id))
        .extracting(ZoeyRecord::id)
        .containsExactly(contact);
  }

  @Test
  void a_contact_with_an_email_already_taken_is_refused_and_nobody_is_invited() {
    assertThatThrownBy(() ->
            zoey.client
                .contacts()
                .create(
                    json(
                        """
                        {"account_id":"1","email":"olivia@acmeboutique.example","firstname":"O","lastname":"P",
                         "send_invite_email":true}\
                        """)))
        .isInstanceOf(RemoteRejected.class)
        .hasMessageContaining("email already exists");
    assertThat(zoey.sandbox.emails()).noneMatch(e -> e.type().equals("new_account_confirmation"));
  }

  @Test
  void contacts_change_role_and_name_by_update() {
    var sam = zoey.contactId("sam@acmeboutique.example");

    zoey.client
        .contacts()
        .update(sam, json("{\"account_role\":\"main\",\"lastname\":\"Ortiz-Bell\"}"));

    var body = zoey.client.contacts().get(sam).body();
    assertThat(body.path("account_role").asString()).isEqualTo("main");
    assertThat(body.path("lastname").asString()).isEqualTo("Ortiz-Bell");
  }

  @Test
  void the_customer_groups_are_those_price_levels_map_to() {
    assertThat(zoey.client.customerGroups())
        .extracting(g -> g.body().path("customer_group_code").asString())
        .containsExactly("Wholesale", "Distributor", "Retail");
  }

  private static java.util.List<String> shipToCities(JsonNode account, String locationId) {
    return account
        .path("locations")
        .valueStream()
        .filter(l -> l.path("location_id").asString().equals(locationId))
        .flatMap(l -> l.path("addresses").valueStream())
        .map(a -> a.path("city").asString())
        .toList();
  }

  private static JsonNode billToById(JsonNode account, String addressId) {
    return account
        .path("bill_to_addresses")
        .valueStream()
        .filter(a -> a.path("address_id").asString().equals(addressId))
        .findFirst()
        .orElseThrow();
  }
}
