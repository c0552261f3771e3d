package dev.syncline.zoey.client;

import static dev.syncline.zoey.client.ZoeyFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.sandbox.common.Faults;
import dev.syncline.sandbox.zoey.ZoeySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoeyPagingTest {

  @TempDir Path directory;
  private ZoeyFixture zoey;

  @AfterEach
  void stop() {
    zoey.close();
  }

  private void start(int pageSize, ZoeySettings settings) {
    zoey = ZoeyFixture.connected(directory, settings, false);
    zoey.client = zoey.newClient(zoey.config().withPageSize(pageSize));
  }

  private int created;

  private List<String> createProducts(int count) {
    var ids = new ArrayList<String>();
    for (var n = 0; n < count; n++) {
      var i = ++created;
      ids.add(
          zoey.client
              .products()
              .create(
                  json(
                      "{\"sku\":\"SKU-%03d\",\"type_id\":\"simple\",\"name\":\"Product %d\",\"price\":\"10\"}"
                          .formatted(i, i))));
    }
    return ids;
  }

  /** Scans from {@code since} to the present, as the engine would, page after page. */
  private List<String> scan(ZoeyResource resource, ZoeyWatermark since) {
    var seen = new ArrayList<String>();
    var watermark = since;
    for (var calls = 0; calls < 1000; calls++) {
      var changes = resource.changedSince(watermark);
      changes.records().forEach(r -> seen.add(r.id()));
      watermark = changes.next();
      if (!changes.more()) {
        return seen;
      }
    }
    throw new AssertionError("the scan did not end");
  }

  @Test
  void a_scan_reads_every_record_once_when_more_than_a_page_changed_in_the_same_second() {
    start(100, ZoeySettings.defaults());
    var ids = createProducts(250);

    assertThat(scan(zoey.client.products(), ZoeyWatermark.beginning()))
        .containsExactlyElementsOf(ids);
  }

  @Test
  void a_scan_ends_on_the_repeated_last_page_and_on_an_empty_one_alike() {
    for (var repeat : List.of(true, false)) {
      var settings = ZoeySettings.defaults().merge(json("{\"repeatLastPage\":" + repeat + "}"));
      start(10, settings);
      var ids = createProducts(20);

      // Two full pages in one second: the scan must look past them, and stop at what follows.
      assertThat(scan(zoey.client.products(), ZoeyWatermark.beginning()))
          .containsExactlyElementsOf(ids);
      zoey.close();
    }
    zoey = ZoeyFixture.connected(directory.resolve("again"), ZoeySettings.defaults(), false);
  }

  @Test
  void a_record_changed_during_a_scan_is_read_again_and_no_other_is_skipped() {
    start(10, ZoeySettings.defaults());
    var ids = createProducts(30);
    var first = zoey.client.products().changedSince(ZoeyWatermark.beginning());
    assertThat(first.records()).hasSize(10);

    zoey.clock.advance(Duration.ofSeconds(1));
    zoey.client.products().update(ids.get(2), json("{\"price\":\"11\"}"));
    var rest = scan(zoey.client.products(), first.next());

    assertThat(rest).containsExactlyElementsOf(concat(ids.subList(10, 30), List.of(ids.get(2))));
  }

  @Test
  void a_scan_resumes_from_a_saved_watermark_with_only_what_changed_since() {
    start(100, ZoeySettings.defaults());
    createProducts(5);
    var watermark = zoey.client.products().changedSince(ZoeyWatermark.beginning()).next();
    zoey.clock.advance(Duration.ofMinutes(5));
    var later = createProducts(1);
    zoey.client.products().update("2", json("{\"name\":\"Renamed\"}"));

    var restarted = zoey.newClient(zoey.config());

    // Both changed in the same second: Zoey orders them by id.
    assertThat(scan(restarted.products(), watermark)).containsExactly("2", "6");
    assertThat(later).containsExactly("6");
  }

  @Test
  void a_scan_asks_zoey_for_changes_in_updated_at_order_at_most_a_hundred_at_a_time() {
    start(100, ZoeySettings.defaults());
    createProducts(3);
    zoey.sandbox.requestLog().clear();

    zoey.client
        .products()
        .changedSince(ZoeyWatermark.since(java.time.Instant.parse("2026-03-01T00:00:00Z")));

    var query =
        java.net.URLDecoder.decode(
            zoey.sandbox.requestLog().all().getFirst().query(),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(query)
        .contains(
            "filter[1][attribute]=updated_at",
            "filter[1][from]=2026-03-01 00:00:00",
            "order=updated_at",
            "dir=asc",
            "page=1",
            "limit=100");
  }

  @Test
  void a_record_without_updated_at_is_refused_by_name() {
    start(100, ZoeySettings.defaults());
    zoey.sandbox
        .faults()
        .failNext(
            "GET",
            "/api/rest/orders",
            1,
            Faults.Fault.status(
                200, "{\"7\":{\"entity_id\":\"7\",\"increment_id\":\"100000007\"}}"));

    assertThatThrownBy(() -> zoey.client.orders().changedSince(ZoeyWatermark.beginning()))
        .isInstanceOf(PermanentSyncException.class)
        .hasMessageContaining("GET orders")
        .hasMessageContaining("record 7 has no updated_at");
  }

  @Test
  void a_change_time_that_is_not_a_time_is_refused_by_name() {
    start(100, ZoeySettings.defaults());
    zoey.sandbox
        .faults()
        .failNext(
            "GET",
            "/api/rest/orders/7",
            1,
            Faults.Fault.status(200, "{\"entity_id\":\"7\",\"updated_at\":\"yesterday\"}"));

    assertThatThrownBy(() -> zoey.client.orders().get("7"))
        .isInstanceOf(PermanentSyncException.class)
        .hasMessageContaining("record 7 has updated_at \"yesterday\"");
  }

  @Test
  void records_out_of_order_stop_the_scan_instead_of_missing_changes() {
    start(100, ZoeySettings.defaults());
    zoey.sandbox
        .faults()
        .failNext(
            "GET",
            "/api/rest/orders",
            1,
            Faults.Fault.status(
                200,
                """
                [{"entity_id":"2","updated_at":"2026-03-02 10:00:00"},
                 {"entity_id":"1","updated_at":"2026-03-02 09:00:00"}]\
                """));

    assertThatThrownBy(() -> zoey.client.orders().changedSince(ZoeyWatermark.beginning()))
        .isInstanceOf(PermanentSyncException.class)
        .hasMessageContaining("out of updated_at order");
  }

  @Test
  void array_and_keyed_collections_read_alike() {
    start(100, ZoeySettings.defaults().merge(json("{\"keyedCollections\":false}")));
    var ids = createProducts(3);

    assertThat(scan(zoey.client.products(), ZoeyWatermark.beginning()))
        .containsExactlyElementsOf(ids);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    var all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
