package dev.syncline.netsuite.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncline.core.PermanentSyncException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class NetSuiteClientRecordsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
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

  private static ObjectNode json(String text) {
    return (ObjectNode) JSON.readTree(text);
  }

  @Test
  void reads_a_customer_with_its_address_book_and_references_named() {
    var customer = client.get("customer", "4", NetSuiteClient.GetOptions.expanded());

    assertThat(customer.path("entityId").asString()).isEqualTo("CUS-00004");
    assertThat(customer.path("terms").path("refName").asString())
        .isIn("Net 30", "Net 60", "Due on Receipt", "Prepaid");
    var book = customer.path("addressBook").path("items");
    assertThat(book).hasSize(2);
    assertThat(book.get(0).path("label").asString()).isEqualTo("Main");
    assertThat(book.get(0).path("addressBookAddress").path("city").asString()).isNotBlank();
    assertThat(book.get(0).path("defaultBilling").asBoolean()).isTrue();
  }

  @Test
  void reads_only_the_fields_asked_for() {
    var customer = client.get("customer", "4", NetSuiteClient.GetOptions.fields("companyName"));

    assertThat(customer.has("companyName")).isTrue();
    assertThat(customer.has("email")).isFalse();
  }

  @Test
  void reads_a_batch_and_reports_each_record_on_its_own() {
    var fetched =
        client.getAll(
            "customer", List.of("1", "2", "999999"), NetSuiteClient.GetOptions.expanded());

    assertThat(fetched.get("1")).isInstanceOf(NetSuiteClient.Fetched.Found.class);
    assertThat(fetched.get("2")).isInstanceOf(NetSuiteClient.Fetched.Found.class);
    assertThat(fetched.get("999999"))
        .isInstanceOfSatisfying(
            NetSuiteClient.Fetched.Failed.class,
            f -> assertThat(f.error()).isInstanceOf(PermanentSyncException.MissingInRemote.class));
  }

  @Test
  void lists_ids_page_by_page_and_filters_with_q_in_the_users_date_format() {
    var first = client.list("customer", Optional.empty(), 100, 0);
    var second = client.list("customer", Optional.empty(), 100, 100);
    var today = client.list("customer", Optional.of("lastModifiedDate ON \"3/2/2026\""), 1000, 0);
    var tomorrow =
        client.list("customer", Optional.of("lastModifiedDate AFTER \"3/2/2026\""), 1000, 0);

    assertThat(first.ids()).hasSize(100).doesNotContainAnyElementsOf(second.ids());
    assertThat(first.hasMore()).isTrue();
    assertThat(today.totalResults()).isGreaterThanOrEqualTo(300);
    assertThat(tomorrow.totalResults()).isZero();
    assertThat(
            client
                .list(
                    "customer",
                    Optional.of(
                        "lastModifiedDate ON_OR_AFTER \"3/2/2026 10:15 am\" AND id LESS 11"),
                    100,
                    0)
                .totalResults())
        .isEqualTo(10);
  }

  @Test
  void the_users_date_format_decides_which_q_literals_parse() {
    fixture.sandbox.settings(s -> s.withDateFormat("yyyy-MM-dd"));
    try {
      var iso = client.list("customer", Optional.of("lastModifiedDate ON \"2026-03-02\""), 10, 0);

      assertThat(iso.totalResults()).isPositive();
      assertThatThrownBy(
              () -> client.list("customer", Optional.of("lastModifiedDate ON \"3/2/2026\""), 10, 0))
          .hasMessageContaining("Unparseable date");
    } finally {
      fixture.sandbox.settings(s -> s.withDateFormat("M/d/yyyy"));
    }
  }

  @Test
  void an_unparseable_date_in_q_is_refused_with_netsuites_words() {
    assertThatThrownBy(() ->
            client.list("customer", Optional.of("lastModifiedDate AFTER \"2026-03-02\""), 10, 0))
        .isInstanceOf(PermanentSyncException.RemoteRejected.class)
        .hasMessageContaining("Unparseable date")
        .hasMessageContaining("INVALID_PARAMETER");
  }

  @Test
  void creates_a_customer_and_learns_its_id_from_location_and_its_name_comes_back_whole() {
    var id =
        client.create(
            "customer",
            json("{\"companyName\":\"Société Créée 🥐\",\"subsidiary\":{\"id\":\"1\"}}"));

    assertThat(
            client
                .get("customer", id, NetSuiteClient.GetOptions.plain())
                .path("companyName")
                .asString())
        .isEqualTo("Société Créée 🥐");
    assertThat(
            client
                .suiteQl("SELECT companyname FROM customer WHERE id = " + id, 10, 0)
                .rows()
                .getFirst()
                .require("companyname"))
        .isEqualTo("Société Créée 🥐");
  }

  @Test
  void a_misspelt_field_is_refused_rather_than_dropped() {
    assertThatThrownBy(() ->
            client.create(
                "customer",
                json("{\"companyName\":\"X\",\"custentity_syncline_jor_status\":\"OK\"}")))
        .isInstanceOf(PermanentSyncException.RemoteRejected.class)
        .hasMessageContaining("NONEXISTENT_FIELD")
        .hasMessageContaining("custentity_syncline_jor_status");
  }

  @Test
  void writes_the_status_fields_back_and_moves_last_modified() {
    var before = client.get("customer", "7", NetSuiteClient.GetOptions.plain());
    var addressesBefore =
        addressLines(client.get("customer", "7", NetSuiteClient.GetOptions.expanded()));
    fixture.clock.advance(Duration.ofMinutes(5));

    client.update(
        "customer",
        "7",
        json(
            "{\"custentity_syncline_joor_status\":\"Synced\",\"custentity_syncline_joor_message\":\"\",\"custentity_syncline_joor_synced_at\":\"2026-03-02T10:20:30Z\"}"),
        Set.of());

    var after = client.get("customer", "7", NetSuiteClient.GetOptions.plain());
    assertThat(after.path("custentity_syncline_joor_status").asString()).isEqualTo("Synced");
    assertThat(after.path("custentity_syncline_joor_synced_at").asString())
        .isEqualTo("2026-03-02T10:20:30Z");
    assertThat(after.path("lastModifiedDate").asString())
        .isNotEqualTo(before.path("lastModifiedDate").asString());
    assertThat(addressLines(client.get("customer", "7", NetSuiteClient.GetOptions.expanded())))
        .as("the address book is kept")
        .isNotEmpty()
        .isEqualTo(addressesBefore);
  }

  private static java.util.List<String> addressLines(ObjectNode customer) {
    return customer
        .path("addressBook")
        .path("items")
        .valueStream()
        .map(line ->
            line.path("label").asString() + ": " + line.path("addressBookAddress_text").asString())
        .toList();
  }

  @Test
  void replacing_a_sublist_keeps_only_the_lines_sent() {
    var id =
        client.create(
            "customer",
            json(
                "{\"companyName\":\"Two Addresses\",\"addressBook\":{\"items\":[{\"label\":\"A\",\"addressBookAddress\":{\"city\":\"Austin\"}},{\"label\":\"B\",\"addressBookAddress\":{\"city\":\"Denver\"}}]}}"));

    client.update(
        "customer",
        id,
        json(
            "{\"addressBook\":{\"items\":[{\"label\":\"C\",\"addressBookAddress\":{\"city\":\"Paris\"}}]}}"),
        Set.of("addressBook"));
    var replaced =
        client
            .get("customer", id, NetSuiteClient.GetOptions.expanded())
            .path("addressBook")
            .path("items");
    client.update(
        "customer",
        id,
        json(
            "{\"addressBook\":{\"items\":[{\"label\":\"D\",\"addressBookAddress\":{\"city\":\"Milan\"}}]}}"),
        Set.of());
    var added =
        client
            .get("customer", id, NetSuiteClient.GetOptions.expanded())
            .path("addressBook")
            .path("items");

    assertThat(replaced).hasSize(1);
    assertThat(replaced.get(0).path("label").asString()).isEqualTo("C");
    assertThat(added).hasSize(2);
  }

  @Test
  void upsert_by_external_id_creates_once_then_updates_the_same_record() {
    var body = json("{\"companyName\":\"Upserted\",\"subsidiary\":{\"id\":\"2\"}}");

    var created = client.upsert("customer", "JOOR-C-100", body, Set.of());
    var again =
        client.upsert(
            "customer", "JOOR-C-100", json("{\"companyName\":\"Upserted Again\"}"), Set.of());

    assertThat(again).isEqualTo(created);
    var byExternalId =
        client.get(
            "customer", NetSuiteClient.externalId("JOOR-C-100"), NetSuiteClient.GetOptions.plain());
    assertThat(byExternalId.path("id").asString()).isEqualTo(created);
    assertThat(byExternalId.path("companyName").asString()).isEqualTo("Upserted Again");
  }

  @Test
  void upsert_reads_the_id_back_when_netsuite_sends_no_location() {
    fixture.sandbox.settings(s -> s.withUpsertReturnsLocation(false));
    try {
      var id =
          client.upsert(
              "customer", "NO-LOCATION-1", json("{\"companyName\":\"No Location\"}"), Set.of());

      assertThat(
              client
                  .get("customer", id, NetSuiteClient.GetOptions.plain())
                  .path("externalId")
                  .asString())
          .isEqualTo("NO-LOCATION-1");
    } finally {
      fixture.sandbox.settings(s -> s.withUpsertReturnsLocation(true));
    }
  }

  @Test
  void deletes_a_record_after_which_it_is_missing() {
    var id = client.create("customer", json("{\"companyName\":\"Short Lived\"}"));

    client.delete("customer", id);

    assertThatThrownBy(() -> client.get("customer", id, NetSuiteClient.GetOptions.plain()))
        .isInstanceOf(PermanentSyncException.MissingInRemote.class)
        .hasMessageContaining("NONEXISTENT_ID");
  }

  @Test
  void refuses_ids_and_types_that_would_change_the_url() {
    assertThatThrownBy(() -> client.get("customer", "1/../2", NetSuiteClient.GetOptions.plain()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NetSuiteClient.externalId("A|B"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
