package dev.syncline.netsuite.customer;

import static java.lang.Boolean.TRUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncline.core.flow.StatusFields;
import dev.syncline.core.port.SyncStatus;
import dev.syncline.core.port.Watermark;
import dev.syncline.netsuite.client.NetSuiteClient;
import dev.syncline.netsuite.client.SandboxFixture;
import dev.syncline.netsuite.client.SuiteQlCondition;
import dev.syncline.sandbox.common.Faults;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class NetSuiteCustomerImporterTest {

  private static final JsonMapper JSON = JsonMapper.shared();

  private final SandboxFixture netsuite = new SandboxFixture();
  private final NetSuiteClient client = netsuite.client();
  private final NetSuiteCustomerImporter importer =
      new NetSuiteCustomerImporter(
          client,
          "custentity_syncline_channels",
          ZoneOffset.UTC,
          NetSuiteCustomerImporter.Reads.SUITEQL);

  @AfterEach
  void close() {
    netsuite.close();
  }

  @Test
  void reads_each_named_condition_with_its_values_quoted_never_as_suiteql() {
    var body = JSON.createObjectNode().put("companyName", "O'Brien & Fils 🍀");
    body.putObject("subsidiary").put("id", "2");
    var obrien = Long.toString(netsuite.account().create("customer", body));
    var conditions =
        List.of(
            new SuiteQlCondition(
                "named", "c.companyname = :name", java.util.Map.of("name", "O'Brien & Fils 🍀")),
            new SuiteQlCondition(
                "attack", "c.companyname = :name", java.util.Map.of("name", "' OR 1=1 --")),
            new SuiteQlCondition(
                "in_eu", "c.subsidiary = :subsidiary", java.util.Map.of("subsidiary", "2")));
    var ids = importer.changesAfter(Watermark.BEGINNING, 1000).stream().map(c -> c.id()).toList();

    for (var reads : NetSuiteCustomerImporter.Reads.values()) {
      var read =
          new NetSuiteCustomerImporter(
                  client, "custentity_syncline_channels", ZoneOffset.UTC, reads, conditions)
              .load(ids.subList(ids.size() - 30, ids.size()));
      assertThat(read).as(reads + " reads").containsKey(obrien).hasSize(30);
      read.forEach((id, record) -> {
        var custom = record.record().custom();
        assertThat(custom.get("named")).as(reads + " named, " + id).isEqualTo(id.equals(obrien));
        assertThat(custom.get("attack")).as(reads + " attack, " + id).isEqualTo(false);
        assertThat(custom.get("in_eu"))
            .as(reads + " in_eu, " + id)
            .isEqualTo(record.record().subsidiary().orElseThrow().id().equals("2"));
      });
      assertThat(read.values().stream().filter(r -> r.record().custom().get("in_eu") == TRUE))
          .as("the demo has customers in both subsidiaries")
          .hasSizeBetween(1, 29);
    }
  }

  @Test
  void a_condition_netsuite_refuses_blocks_the_flow_naming_it_and_the_setting() {
    var broken =
        new NetSuiteCustomerImporter(
            client,
            "custentity_syncline_channels",
            ZoneOffset.UTC,
            NetSuiteCustomerImporter.Reads.SUITEQL,
            List.of(new SuiteQlCondition("in_zoey", "c.nosuchcolumn = 'T'", java.util.Map.of())));
    var ids = importer.changesAfter(Watermark.BEGINNING, 2).stream().map(c -> c.id()).toList();

    assertThatThrownBy(() -> broken.load(ids))
        .isInstanceOf(dev.syncline.core.PermanentSyncException.ConfigurationProblem.class)
        .satisfies(e ->
            assertThat(((dev.syncline.core.PermanentSyncException.ConfigurationProblem) e).fix())
                .hasValueSatisfying(
                    fix -> assertThat(fix).contains("conditions in_zoey", "syncline.yaml")));
  }

  @Test
  void says_a_customer_made_inactive_in_netsuite_has_left_the_flow() {
    var ids = importer.changesAfter(Watermark.BEGINNING, 1).stream().map(c -> c.id()).toList();
    var active = importer.load(ids).get(ids.getFirst()).record();
    var c = active;
    var inactive =
        new dev.syncline.core.model.Customer(
            c.name(),
            c.email(),
            c.phone(),
            true,
            c.terms(),
            c.priceLevel(),
            c.currency(),
            c.subsidiary(),
            c.salesRep(),
            c.creditLimit(),
            c.channels(),
            c.addresses(),
            c.custom());

    assertThat(active.inactive()).isFalse();
    assertThat(importer.leftFlow(active)).isEmpty();
    assertThat(importer.leftFlow(inactive)).contains("is inactive in NetSuite");
  }

  @Test
  void reads_every_change_once_in_order_page_after_page() {
    var seen = new ArrayList<String>();
    var after = Watermark.BEGINNING;
    List<dev.syncline.core.port.Change> page;
    while (!(page = importer.changesAfter(after, 70)).isEmpty()) {
      page.forEach(c -> seen.add(c.id()));
      after = page.getLast().watermark();
    }

    assertThat(seen).hasSize(300).doesNotHaveDuplicates();
    netsuite.clock.advance(Duration.ofMinutes(1));
    var edited = JsonMapper.shared().createObjectNode().put("phone", "+1 555 000 0000");
    client.update("customer", seen.get(10), edited, java.util.Set.of());
    assertThat(importer.changesAfter(after, 70))
        .singleElement()
        .satisfies(c -> assertThat(c.id()).isEqualTo(seen.get(10)));
  }

  @Test
  void loads_customers_as_canonical_records_with_the_same_version_as_their_change() {
    var changes = importer.changesAfter(Watermark.BEGINNING, 10);
    var ids = changes.stream().map(c -> c.id()).toList();

    var loaded = importer.load(ids);

    assertThat(loaded).hasSize(10);
    for (var change : changes) {
      assertThat(loaded.get(change.id()).modifiedAt()).isEqualTo(change.modifiedAt());
    }
    var first = loaded.get(ids.getFirst()).record();
    assertThat(first.name()).isNotBlank();
    assertThat(first.terms()).hasValueSatisfying(t -> assertThat(t.name()).isPresent());
    assertThat(first.currency())
        .hasValueSatisfying(c -> assertThat(c.name().orElseThrow()).isIn("USD", "EUR"));
    assertThat(loaded.values())
        .anySatisfy(r -> assertThat(r.record().channels()).contains("JOOR"))
        .anySatisfy(r -> assertThat(r.record().priceLevel()).isEmpty())
        .anySatisfy(r ->
            assertThat(r.record().addresses()).anySatisfy(a -> assertThat(a.label()).isEmpty()))
        .anySatisfy(r ->
            assertThat(r.record().addresses()).anySatisfy(a -> assertThat(a.city()).isEmpty()));
    assertThat(first.addresses()).isNotEmpty().allSatisfy(a -> assertThat(a.country()).isPresent());
  }

  @Test
  void
      loads_three_hundred_customers_with_a_suiteql_call_a_thousand_rows_as_the_record_service_reads_them() {
    var ids = importer.changesAfter(Watermark.BEGINNING, 300).stream().map(c -> c.id()).toList();
    client.update(
        "customer",
        ids.get(7),
        JSON.readTree(
            "{\"companyName\":\"Zoë's Café 🥐 \\\"Le Petit\\\"\",\"phone\":\"+33 1 42 00 00 00\","
                + "\"creditLimit\":2500.5}"),
        java.util.Set.of());
    var reads = netsuite.served("record.get");
    var queries = netsuite.served("suiteql");

    var loaded = importer.load(ids);

    assertThat(netsuite.served("record.get")).as("record reads").isEqualTo(reads);
    // A row per address book line, a page per 1,000 rows.
    var rows = client.suiteQl("SELECT COUNT(*) AS n FROM customeraddressbook", 10, 0);
    var pages = (Integer.parseInt(rows.rows().getFirst().require("n")) + 999) / 1000;
    assertThat(netsuite.served("suiteql") - queries - 1).as("SuiteQL calls").isEqualTo(pages);
    assertThat(loaded.keySet()).containsExactlyElementsOf(ids);
    assertThat(loaded.get(ids.get(7)).record().name()).isEqualTo("Zoë's Café 🥐 \"Le Petit\"");
    for (var id : ids) {
      var fromRecord =
          NetSuiteCustomerMapper.toCanonical(
              client.get("customer", id, NetSuiteClient.GetOptions.expanded()),
              "custentity_syncline_channels");
      assertThat(loaded.get(id).record())
          .as("customer %s", id)
          .usingRecursiveComparison()
          .ignoringFields("custom")
          .withComparatorForType(java.math.BigDecimal::compareTo, java.math.BigDecimal.class)
          .isEqualTo(fromRecord);
    }
  }

  @Test
  void a_customer_whose_channel_names_suiteql_cannot_tell_apart_is_read_from_the_record_service() {
    netsuite
        .account()
        .defineCustomField(
            new dev.syncline.sandbox.netsuite.CustomField(
                "custentity_markets",
                dev.syncline.sandbox.netsuite.CustomField.Type.MULTISELECT,
                java.util.Map.of("1", "Wholesale, Europe", "2", "Retail")));
    var ids = importer.changesAfter(Watermark.BEGINNING, 3).stream().map(c -> c.id()).toList();
    client.update(
        "customer",
        ids.get(0),
        JSON.readTree("{\"custentity_markets\":{\"items\":[{\"id\":\"1\"},{\"id\":\"2\"}]}}"),
        java.util.Set.of());
    var markets =
        new NetSuiteCustomerImporter(
            client, "custentity_markets", ZoneOffset.UTC, NetSuiteCustomerImporter.Reads.SUITEQL);
    var reads = netsuite.served("record.get");

    var loaded = markets.load(ids);

    assertThat(loaded.get(ids.get(0)).record().channels())
        .containsExactly("Wholesale, Europe", "Retail");
    assertThat(loaded.get(ids.get(1)).record().channels()).isEmpty();
    assertThat(netsuite.served("record.get") - reads).as("record reads").isEqualTo(1);
  }

  @Test
  void with_record_reads_each_customer_comes_from_the_record_service_as_suiteql_reads_it() {
    var records =
        new NetSuiteCustomerImporter(
            client,
            "custentity_syncline_channels",
            ZoneOffset.UTC,
            NetSuiteCustomerImporter.Reads.RECORD);
    var ids =
        new ArrayList<>(
            importer.changesAfter(Watermark.BEGINNING, 20).stream().map(c -> c.id()).toList());
    client.delete("customer", ids.get(3));
    var reads = netsuite.served("record.get");

    var fromRecords = records.load(ids);

    assertThat(netsuite.served("record.get") - reads).as("record reads").isEqualTo(19);
    var fromSuiteQl = importer.load(ids);
    assertThat(fromRecords.keySet()).containsExactlyElementsOf(fromSuiteQl.keySet()).hasSize(19);
    for (var id : fromSuiteQl.keySet()) {
      assertThat(fromRecords.get(id).modifiedAt()).isEqualTo(fromSuiteQl.get(id).modifiedAt());
      assertThat(fromRecords.get(id).record())
          .usingRecursiveComparison()
          .ignoringFields("custom")
          .withComparatorForType(java.math.BigDecimal::compareTo, java.math.BigDecimal.class)
          .isEqualTo(fromSuiteQl.get(id).record());
    }
  }

  @Test
  void an_account_whose_suiteql_has_no_address_tables_blocks_the_flow_naming_the_setting() {
    var ids = importer.changesAfter(Watermark.BEGINNING, 3).stream().map(c -> c.id()).toList();
    // netsuite-api.md §4: NetSuite's words for a table it does not know.
    netsuite
        .sandbox
        .faults()
        .failNext(
            "POST",
            ".*/query/v1/suiteql.*",
            1,
            Faults.Fault.status(
                400,
                "{\"title\":\"Bad Request\",\"status\":400,\"o:errorDetails\":[{\"detail\":"
                    + "\"Invalid search query. Detailed unprocessed description follows. Invalid"
                    + " search type: customeraddressbook.\",\"o:errorCode\":\"INVALID_PARAMETER\"}]}"));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> importer.load(ids))
        .isInstanceOfSatisfying(
            dev.syncline.core.PermanentSyncException.ConfigurationProblem.class,
            e -> {
              assertThat(e.reason()).contains("Invalid search type: customeraddressbook");
              assertThat(e.fix())
                  .hasValueSatisfying(f -> assertThat(f).contains("customerReads: record"));
            });
  }

  @Test
  void a_deleted_customer_is_missing_from_a_load_and_the_rest_are_there() {
    var ids = importer.changesAfter(Watermark.BEGINNING, 3).stream().map(c -> c.id()).toList();
    client.delete("customer", ids.get(1));

    assertThat(importer.load(ids)).containsOnlyKeys(ids.get(0), ids.get(2));
  }

  @Test
  void tells_which_customers_still_exist_with_one_query_and_no_record_read() {
    var ids =
        new ArrayList<>(
            importer.changesAfter(Watermark.BEGINNING, 300).stream().map(c -> c.id()).toList());
    client.delete("customer", ids.get(5));
    client.delete("customer", ids.get(250));
    var reads = netsuite.served("record.get");
    var queries = netsuite.served("suiteql");
    ids.add("987654");

    var existing = importer.existing(ids);

    assertThat(existing)
        .hasSize(298)
        .doesNotContain(ids.get(5), ids.get(250), "987654")
        .contains(ids.get(0), ids.get(299));
    assertThat(netsuite.served("record.get")).isEqualTo(reads);
    assertThat(netsuite.served("suiteql")).isEqualTo(queries + 1);
  }

  @Test
  void writes_statuses_back_into_the_customers_custom_fields() {
    var id = importer.changesAfter(Watermark.BEGINNING, 1).getFirst().id();
    var fields =
        new StatusFields(
            "custentity_syncline_joor_status",
            "custentity_syncline_joor_message",
            "custentity_syncline_joor_synced_at");

    new NetSuiteCustomerStatusWriter(client)
        .write(
            fields,
            List.of(
                new SyncStatus(
                    id,
                    SyncStatus.State.FAILED,
                    "Missing price level. " + "x".repeat(400),
                    netsuite.clock.instant())));

    var customer = client.get("customer", id, NetSuiteClient.GetOptions.plain());
    assertThat(customer.path("custentity_syncline_joor_status").asString()).isEqualTo("Failed");
    assertThat(customer.path("custentity_syncline_joor_message").asString())
        .startsWith("Missing price level.")
        .hasSize(NetSuiteCustomerStatusWriter.TEXT_LIMIT);
    assertThat(customer.path("custentity_syncline_joor_synced_at").asString()).isNotBlank();
  }

  @Test
  void a_status_write_whose_answer_is_lost_is_written_again_and_changes_nothing_else() {
    var id = importer.changesAfter(Watermark.BEGINNING, 1).getFirst().id();
    var before = netsuite.account().find("customer", Long.parseLong(id)).orElseThrow();
    netsuite
        .sandbox
        .faults()
        .failNext(
            "PATCH",
            ".*/record/v1/customer/" + id,
            1,
            Faults.Fault.connectionReset().onceHandled());
    netsuite
        .sandbox
        .faults()
        .failNext(
            "PATCH",
            ".*/record/v1/customer/" + id,
            1,
            Faults.Fault.status(503, "{\"title\":\"Service Unavailable\",\"status\":503}")
                .onceHandled());
    var fields =
        new StatusFields(
            "custentity_syncline_joor_status",
            "custentity_syncline_joor_message",
            "custentity_syncline_joor_synced_at");

    new NetSuiteCustomerStatusWriter(client)
        .write(
            fields,
            List.of(
                new SyncStatus(
                    id, SyncStatus.State.SYNCED, "Envoyé à JOOR ✓", netsuite.clock.instant())));

    var after = netsuite.account().find("customer", Long.parseLong(id)).orElseThrow();
    assertThat(after.path("custentity_syncline_joor_status").asString()).isEqualTo("Synced");
    assertThat(after.path("custentity_syncline_joor_message").asString())
        .isEqualTo("Envoyé à JOOR ✓");
    assertThat(
            netsuite
                .sandbox
                .requestLog()
                .count(r -> r.method().equals("PATCH") && r.details().containsKey("answerLost")))
        .as("two answers were lost, after the status was applied")
        .isEqualTo(2);
    assertThat(netsuite.served("record.update")).as("written three times").isEqualTo(3);
    for (var field :
        List.of(fields.status(), fields.message(), fields.syncedAt(), "lastModifiedDate")) {
      before.remove(field);
      after.remove(field);
    }
    assertThat(after).isEqualTo(before);
  }
}
