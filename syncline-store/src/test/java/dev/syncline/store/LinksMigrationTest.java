package dev.syncline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncline.core.model.RecordType;
import dev.syncline.core.port.Link;
import dev.syncline.core.port.LinkState;
import dev.syncline.core.port.RecordMatch;
import dev.syncline.store.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The links of a database made before links were one record across systems (pairs keyed by a flow's
 * A and B instances, V2 and V7) survive the migration to link members (V11), every id, version,
 * hash, payload, state and search term of them.
 */
class LinksMigrationTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.empty();
  @RegisterExtension static final TestDatabase clashing = TestDatabase.empty();

  private static final String PAIR =
      """
      INSERT INTO link (id, record_type, a_instance, a_id, b_instance, b_id, state, detail,
          a_version, b_version, a_hash, b_hash, a_payload, b_payload, created_at, updated_at)
      OVERRIDING SYSTEM VALUE
      VALUES (:id, :type, :a, :aId, :b, :bId, :state, :detail, CAST(:aVersion AS timestamptz),
          CAST(:bVersion AS timestamptz), :aHash, :bHash, CAST(:aPayload AS jsonb),
          CAST(:bPayload AS jsonb), CAST(:created AS timestamptz), CAST(:updated AS timestamptz))
      """;

  /** The schema as it was before links became records across systems. */
  private static void migrateToPairs(TestDatabase database) {
    Flyway.configure()
        .dataSource(database.database().dataSource())
        .locations("classpath:db/migration")
        .target("10")
        .load()
        .migrate();
  }

  private static void pair(
      Jdbi jdbi,
      long id,
      String a,
      String aId,
      String b,
      String bId,
      String state,
      String detail,
      String bHash,
      String bPayload,
      String updated) {
    jdbi.useHandle(h ->
        h.createUpdate(PAIR)
            .bind("id", id)
            .bind("type", "customer")
            .bind("a", a)
            .bind("aId", aId)
            .bind("b", b)
            .bind("bId", bId)
            .bind("state", state)
            .bind("detail", detail)
            .bind("aVersion", "2026-03-01T10:00:0" + id + "Z")
            .bind("bVersion", "2026-03-01T11:00:0" + id + "Z")
            .bind("aHash", (String) null)
            .bind("bHash", bHash)
            .bind("aPayload", (String) null)
            .bind("bPayload", bPayload)
            .bind("created", "2026-02-01T09:00:00Z")
            .bind("updated", updated)
            .execute());
  }

  private static long links(Jdbi jdbi) {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM link").mapTo(Long.class).one());
  }

  @Test
  void
      every_link_keeps_its_ids_versions_hashes_payloads_state_and_search_and_shared_records_join() {
    migrateToPairs(db);
    var jdbi = db.jdbi();
    pair(
        jdbi,
        1,
        "netsuite",
        "7",
        "joor_us",
        "J-100",
        "synced",
        "",
        "hash-1",
        "{\"name\": \"Société Générale 🏢\", \"code\": \"SG-1\"}",
        "2026-03-01T12:00:00Z");
    pair(
        jdbi,
        2,
        "netsuite",
        "8",
        "joor_us",
        "J-101",
        "pending",
        "",
        "hash-2",
        "{\"name\": \"Zoë\"}",
        "2026-03-01T12:00:01Z");
    pair(
        jdbi,
        3,
        "netsuite",
        "9",
        "joor_us",
        "J-102",
        "unlinked",
        "Customer 9 no longer passes the filter; delete code J-102 there first.",
        "hash-3",
        "{\"name\": \"Gamma\"}",
        "2026-03-01T12:00:02Z");
    // A JOOR-to-Zoey flow's pair that shares JOOR's J-100 with the first: one record across
    // systems.
    pair(
        jdbi,
        4,
        "joor_us",
        "J-100",
        "zoey",
        "Z-500",
        "synced",
        "",
        "hash-4",
        "{\"name\": \"Société Générale 🏢\"}",
        "2026-03-01T12:00:03Z");
    jdbi.useHandle(h ->
        h.execute(
            """
            INSERT INTO flow_state (flow, record_type, a_instance, b_instance, enabled, every_seconds,
                config_enabled, config_every_seconds, next_scan_at, updated_at)
            VALUES ('customers', 'customer', 'netsuite', 'joor_us', true, 60, true, 60, now(), now())
            """));

    db.database().migrate();

    var links = new PostgresLinks(jdbi);
    var found = links.links(RecordType.CUSTOMER, "netsuite", "joor_us", List.of("7", "8", "9"));
    assertThat(found).containsOnlyKeys("7", "8", "9");
    var first = found.get("7");
    assertThat(first.id()).isEqualTo(1);
    assertThat(first.to().id()).isEqualTo("J-100");
    assertThat(first.from().version()).contains(Instant.parse("2026-03-01T10:00:01Z"));
    assertThat(first.to().hash()).contains("hash-1");
    assertThat(first.to().payload().orElseThrow().text("name")).contains("Société Générale 🏢");
    assertThat(first.state()).isEqualTo(LinkState.SYNCED);
    assertThat(found.get("8"))
        .extracting(l -> l.id(), l -> l.to().id(), l -> l.to().hash(), Link::state)
        .containsExactly(2L, "J-101", Optional.of("hash-2"), LinkState.PENDING);
    assertThat(found.get("9").state()).isEqualTo(LinkState.UNLINKED);
    assertThat(found.get("9").detail()).contains("delete code J-102 there first");
    assertThat(found.get("9").to().version()).contains(Instant.parse("2026-03-01T11:00:03Z"));

    var fromZoey = links.links(RecordType.CUSTOMER, "zoey", "netsuite", List.of("Z-500"));
    assertThat(fromZoey.get("Z-500").id()).as("the pairs became one link").isEqualTo(1);
    assertThat(fromZoey.get("Z-500").to().id()).isEqualTo("7");
    assertThat(
            links.links(RecordType.CUSTOMER, "joor_us", "zoey", List.of("J-100")).get("J-100").to())
        .extracting(m -> m.hash(), m -> m.version())
        .containsExactly(Optional.of("hash-4"), Optional.of(Instant.parse("2026-03-01T11:00:04Z")));
    assertThat(links.pendingLinks(RecordType.CUSTOMER, "netsuite", "joor_us", 10))
        .extracting(l -> l.from().id())
        .containsExactly("8");
    assertThat(links(jdbi)).isEqualTo(3);

    assertThat(new PostgresLinks(jdbi).findRecords("societe generale", 10))
        .extracting(RecordMatch::sourceId, RecordMatch::targetId, RecordMatch::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("7", Optional.of("J-100"), "Société Générale 🏢"));
    assertThat(new PostgresLinks(jdbi).findRecords("Z-500", 10))
        .as("found by the id of any of its records")
        .extracting(RecordMatch::sourceId)
        .containsExactly("7");
  }

  @Test
  void
      pairs_that_would_put_two_records_of_one_instance_in_one_link_stop_the_upgrade_and_change_nothing() {
    migrateToPairs(clashing);
    var jdbi = clashing.jdbi();
    pair(
        jdbi,
        1,
        "netsuite",
        "7",
        "joor_us",
        "J-100",
        "synced",
        "",
        "h",
        "{}",
        "2026-03-01T12:00:00Z");
    // A JOOR-to-NetSuite flow that made a second NetSuite customer for J-100.
    pair(
        jdbi,
        2,
        "joor_us",
        "J-100",
        "netsuite",
        "8",
        "synced",
        "",
        "h",
        "{}",
        "2026-03-01T12:00:00Z");

    assertThatThrownBy(() -> clashing.database().migrate())
        .hasMessageContaining("Links 1, 2 join two customer records of netsuite (7 and 8)")
        .hasMessageContaining("Delete the wrong link");
    assertThat(clashing.database().schemaVersion()).isEqualTo("10");
    assertThat(links(jdbi)).isEqualTo(2);
  }
}
