package dev.syncline.netsuite.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.sandbox.netsuite.DemoData;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class NetSuiteClientSuiteQlTest {

  private static final int SAME_SECOND = 3_000;
  private static SandboxFixture fixture;
  private static NetSuiteClient client;
  private static int customers;

  @BeforeAll
  static void start() {
    fixture = new SandboxFixture();
    // Thousands of customers changed in the same second, as a mass update leaves them.
    fixture.clock.advance(Duration.ofHours(1));
    fixture.account().createAll("customer", DemoData.customers(SAME_SECOND, 1, 99));
    client = fixture.client();
    customers =
        Integer.parseInt(
            client
                .suiteQl("SELECT COUNT(*) AS n FROM customer", 1, 0)
                .rows()
                .getFirst()
                .require("n"));
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static List<String> scanIds(Optional<List<String>> position) {
    return client
        .scan(SuiteQlKeyset.changed("customer", "id", Optional.empty()), position, 1000)
        .map(r -> r.require("id"))
        .toList();
  }

  @Test
  void a_keyset_scan_reads_each_customer_once_when_thousands_share_one_last_modified_date() {
    var keyset = SuiteQlKeyset.changed("customer", "id, companyname", Optional.empty());

    var rows = client.scan(keyset, Optional.empty(), 1000).toList();

    assertThat(rows).hasSize(customers);
    assertThat(new HashSet<>(rows.stream().map(r -> r.require("id")).toList())).hasSize(customers);
    var positions = rows.stream().map(keyset::positionOf).toList();
    for (int i = 1; i < positions.size(); i++) {
      var before = positions.get(i - 1);
      var after = positions.get(i);
      assertThat(
              after.get(0).compareTo(before.get(0)) > 0
                  || (after.get(0).equals(before.get(0))
                      && Long.parseLong(after.get(1)) > Long.parseLong(before.get(1))))
          .as("row %d comes after row %d", i, i - 1)
          .isTrue();
    }
    var largestSecond =
        positions.stream()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    p -> p.get(0), java.util.stream.Collectors.counting()))
            .values()
            .stream()
            .max(Long::compare)
            .orElseThrow();
    assertThat(largestSecond).isGreaterThanOrEqualTo(SAME_SECOND - 1L);
  }

  @Test
  void a_scan_resumes_from_a_watermark_in_the_middle_of_a_shared_second() {
    var keyset = SuiteQlKeyset.changed("customer", "id", Optional.empty());
    var all = client.scan(keyset, Optional.empty(), 1000).toList();
    var watermark = keyset.positionOf(all.get(customers - 1234));

    var rest = scanIds(Optional.of(watermark));

    assertThat(rest)
        .containsExactlyElementsOf(
            all.subList(customers - 1233, customers).stream().map(r -> r.require("id")).toList());
  }

  @Test
  void an_edit_after_the_watermark_is_the_next_change_seen() {
    var keyset = SuiteQlKeyset.changed("customer", "id", Optional.empty());
    var all = client.scan(keyset, Optional.empty(), 1000).toList();
    var watermark = keyset.positionOf(all.getLast());
    fixture.clock.advance(Duration.ofMinutes(1));

    fixture
        .account()
        .update(
            "customer",
            12,
            JsonMapper.builder().build().readTree("{\"phone\":\"+1 555 000 0000\"}"));

    assertThat(scanIds(Optional.of(watermark))).containsExactly("12");
  }

  @Test
  void offset_paging_stops_at_the_row_ceiling_where_a_keyset_scan_goes_on() {
    fixture.sandbox.settings(s -> s.withRowCeiling(2_000));
    try {
      var lastPage = client.suiteQl("SELECT id FROM customer ORDER BY id", 1000, 1000);

      assertThat(lastPage.hasMore()).isFalse();
      assertThat(lastPage.totalResults()).isEqualTo(customers);
      assertThatThrownBy(() -> client.suiteQl("SELECT id FROM customer ORDER BY id", 1000, 2000))
          .isInstanceOf(PermanentSyncException.RemoteRejected.class)
          .hasMessageContaining("2000 results");
      assertThat(scanIds(Optional.empty())).hasSize(customers);
    } finally {
      fixture.sandbox.settings(s -> s.withRowCeiling(100_000));
    }
  }

  @Test
  void no_page_starts_at_or_past_the_hundred_thousandth_row() {
    assertThatThrownBy(() -> client.suiteQl("SELECT id FROM customer ORDER BY id", 1000, 100_000))
        .isInstanceOf(PermanentSyncException.RemoteRejected.class)
        .hasMessageContaining("100000 results");
  }

  @Test
  void speaks_oracle_flavoured_sql_over_netsuites_tables() {
    var joined =
        client.suiteQl(
            "SELECT c.id, NVL(c.email, 'none') AS email, COUNT(*) AS addresses, MAX(a.city) AS city"
                + " FROM customer c JOIN customeraddressbook b ON b.entity = c.id"
                + " JOIN entityaddress a ON a.nkey = b.addressbookaddress"
                + " WHERE c.lastmodifieddate >= TO_DATE('2026-03-01', 'YYYY-MM-DD') AND c.id <= 5"
                + " GROUP BY c.id, c.email ORDER BY c.id",
            10,
            0);
    var rownum = client.suiteQl("SELECT id FROM customer WHERE ROWNUM <= 3", 10, 0);

    assertThat(joined.rows()).hasSize(5);
    assertThat(joined.rows().getFirst().require("addresses")).isEqualTo("2");
    assertThat(joined.rows().getFirst().require("email")).contains("@");
    assertThat(rownum.rows()).hasSize(3);
  }

  @Test
  void rows_are_strings_with_lower_case_keys_and_dates_in_the_users_format() {
    var row =
        client
            .suiteQl(
                "SELECT id, isinactive, lastmodifieddate, TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') AS modified, parent FROM customer WHERE id = 1",
                1,
                0)
            .rows()
            .getFirst();

    assertThat(row.values()).containsEntry("id", "1").containsEntry("isinactive", "F");
    assertThat(row.require("lastmodifieddate")).isEqualTo("3/2/2026");
    assertThat(row.require("modified")).isEqualTo("2026-03-02 10:15:30");
    assertThat(row.get("parent")).isEmpty();
  }

  @Test
  void the_channel_opt_ins_and_reference_data_are_queryable() {
    var optedIn =
        client.suiteQl(
            "SELECT COUNT(*) AS n FROM customer WHERE id <= 300 AND custentity_syncline_channels IS NOT NULL",
            1,
            0);
    var locations = client.suiteQl("SELECT id, name, subsidiary FROM location ORDER BY id", 10, 0);

    assertThat(Integer.parseInt(optedIn.rows().getFirst().require("n"))).isBetween(200, 299);
    assertThat(locations.rows())
        .extracting(r -> r.require("name"))
        .containsExactly("Main Warehouse", "East Coast 3PL", "EU Warehouse");
    assertThat(locations.rows().getLast().require("subsidiary")).isEqualTo("2");
  }

  @Test
  void an_unknown_table_or_a_write_is_refused_with_netsuites_detail() {
    assertThatThrownBy(() -> client.suiteQl("SELECT id FROM customers", 10, 0))
        .isInstanceOf(PermanentSyncException.RemoteRejected.class)
        .hasMessageContaining("Invalid search type: customers.");
    assertThatThrownBy(() -> client.suiteQl("UPDATE customer SET email = 'x'", 10, 0))
        .isInstanceOf(PermanentSyncException.RemoteRejected.class);
  }

  @Test
  void a_watermark_that_is_not_one_is_refused_before_it_becomes_suiteql() {
    var keyset = SuiteQlKeyset.changed("customer", "id", Optional.empty());

    assertThatThrownBy(() ->
            client.scan(keyset, Optional.of(List.of("2026-01-01 00:00:00' OR 1=1 --", "0")), 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a DATETIME");
  }
}
