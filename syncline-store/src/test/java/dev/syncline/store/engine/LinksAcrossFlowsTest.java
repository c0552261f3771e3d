package dev.syncline.store.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.core.engine.Flow;
import dev.syncline.core.engine.SyncEngine;
import dev.syncline.core.flow.Direction;
import dev.syncline.core.flow.FlowSettings;
import dev.syncline.core.flow.Side;
import dev.syncline.core.model.Customer;
import dev.syncline.core.model.RecordType;
import dev.syncline.core.port.FailedFilter;
import dev.syncline.core.port.LinkState;
import dev.syncline.core.testing.FakeSystem;
import dev.syncline.store.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A link is one record across systems: whichever flow made it, a flow in the other direction, or
 * one from a third system that shares one of its records, finds it.
 */
class LinksAcrossFlowsTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private EngineFixture fx;
  private FakeSystem netsuite;
  private FakeSystem joor;
  private FakeSystem zoey;

  @BeforeEach
  void setUp() {
    fx = new EngineFixture(db);
    netsuite = new FakeSystem("netsuite", fx.clock);
    joor = new FakeSystem("joor", fx.clock);
    zoey = new FakeSystem("zoey", fx.clock);
  }

  private static FlowSettings oneWay(String name, String from, String to) {
    return oneWay(name, from, to, Optional.empty());
  }

  private static FlowSettings oneWay(String name, String from, String to, Optional<String> filter) {
    return new FlowSettings(
        name,
        RecordType.CUSTOMER,
        from,
        to,
        Direction.ONE_WAY,
        true,
        Duration.ofSeconds(60),
        filter,
        Map.of(),
        Map.of("paymentMethod", Map.of("Net 30", "NET30", "Net 60", "NET60")),
        Optional.empty(),
        Side.A,
        Map.of(),
        10);
  }

  private SyncEngine engine(FlowSettings settings, FakeSystem from, FakeSystem to) {
    return new SyncEngine(
        fx.schedule,
        fx.jobQueue,
        fx.runLog,
        fx.links,
        List.of(Flow.oneWay(settings, from.importer(), to.exporter(), Optional.empty())),
        fx.clock,
        EngineFixture.settings("node-1"));
  }

  private void sync(SyncEngine engine, String flow) {
    fx.clock.advance(Duration.ofMinutes(1));
    var run = engine.scan(flow, "schedule");
    engine.drain(flow);
    engine.finishRunIfDone(run);
  }

  /** NetSuite customer 7 synced to JOOR by a NetSuite-to-JOOR flow; returns its JOOR id. */
  private String customerInJoor() {
    netsuite.put("7", FakeSystem.customer("Société Générale 🏢"));
    sync(engine(oneWay("ns-joor", "netsuite", "joor"), netsuite, joor), "ns-joor");
    return joor.targetIdOf("7").orElseThrow();
  }

  @Test
  void a_flow_in_the_other_direction_finds_the_link_and_updates_the_same_record() {
    var inJoor = customerInJoor();

    var link = fx.links.links(RecordType.CUSTOMER, "joor", "netsuite", List.of(inJoor)).get(inJoor);
    assertThat(link.from().instance()).isEqualTo("joor");
    assertThat(link.from().id()).isEqualTo(inJoor);
    assertThat(link.to().id()).isEqualTo("7");
    assertThat(link.from().payload().orElseThrow().text("name")).contains("Société Générale 🏢");

    var back = engine(oneWay("joor-ns", "joor", "netsuite"), joor, netsuite);
    joor.put(
        inJoor,
        EngineFixture.renamed(joor.get(inJoor).orElseThrow().customer(), "Société Générale ✨"));
    sync(back, "joor-ns");

    assertThat(netsuite.written().keySet())
        .as("customer 7 is updated, no second customer is made")
        .containsExactly("7");
    assertThat(netsuite.get("7").orElseThrow().customer().name()).isEqualTo("Société Générale ✨");
    assertThat(
            fx.links
                .links(RecordType.CUSTOMER, "netsuite", "joor", List.of("7"))
                .get("7")
                .to()
                .id())
        .isEqualTo(inJoor);
  }

  @Test
  void a_flow_from_a_third_system_finds_the_record_it_shares() {
    var inJoor = customerInJoor();
    sync(engine(oneWay("joor-zoey", "joor", "zoey"), joor, zoey), "joor-zoey");
    var inZoey = zoey.targetIdOf(inJoor).orElseThrow();

    var link = fx.links.links(RecordType.CUSTOMER, "zoey", "netsuite", List.of(inZoey)).get(inZoey);
    assertThat(link.to().id()).as("Zoey's customer is NetSuite's 7").isEqualTo("7");

    zoey.put(
        inZoey, EngineFixture.renamed(zoey.get(inZoey).orElseThrow().customer(), "Zoë's shop"));
    sync(engine(oneWay("zoey-ns", "zoey", "netsuite"), zoey, netsuite), "zoey-ns");

    assertThat(netsuite.written().keySet()).containsExactly("7");
    assertThat(netsuite.get("7").orElseThrow().customer().name()).isEqualTo("Zoë's shop");
  }

  @Test
  void a_record_is_looked_up_in_bulk_and_an_unlinked_instance_gives_nothing() {
    netsuite.put("7", FakeSystem.customer("Alpha"));
    netsuite.put("8", FakeSystem.customer("Beta"));
    sync(engine(oneWay("ns-joor", "netsuite", "joor"), netsuite, joor), "ns-joor");

    assertThat(fx.links.links(RecordType.CUSTOMER, "netsuite", "joor", List.of("7", "8", "9")))
        .containsOnlyKeys("7", "8");
    assertThat(fx.links.links(RecordType.CUSTOMER, "netsuite", "zoey", List.of("7", "8")))
        .isEmpty();
    assertThat(fx.links.linkedIds(RecordType.CUSTOMER, "netsuite", "joor", "", 10))
        .containsExactly("7", "8");
  }

  @Test
  void a_record_leaving_one_flow_is_unlinked_there_only_and_other_flows_sharing_it_go_on() {
    netsuite.put("7", FakeSystem.customer("Épicerie Fine"));
    var toJoor =
        engine(
            oneWay("ns-joor", "netsuite", "joor", Optional.of("'JOOR' in channels")),
            netsuite,
            joor);
    var toZoey = engine(oneWay("ns-zoey", "netsuite", "zoey"), netsuite, zoey);
    sync(toJoor, "ns-joor");
    sync(toZoey, "ns-zoey");
    assertThat(
            fx.links.links(
                RecordType.CUSTOMER, "joor", "zoey", List.of(joor.targetIdOf("7").orElseThrow())))
        .as("one record across the three systems")
        .hasSize(1);

    netsuite.put(
        "7",
        withChannels(
            EngineFixture.renamed(netsuite.get("7").orElseThrow().customer(), "Épicerie Fine 🧀"),
            List.of("Zoey")));
    sync(toJoor, "ns-joor");
    sync(toZoey, "ns-zoey");

    assertThat(
            fx.links.links(RecordType.CUSTOMER, "netsuite", "joor", List.of("7")).get("7").state())
        .isEqualTo(LinkState.UNLINKED);
    assertThat(
            fx.links.links(RecordType.CUSTOMER, "netsuite", "zoey", List.of("7")).get("7").state())
        .isEqualTo(LinkState.SYNCED);
    assertThat(fx.links.linkedIds(RecordType.CUSTOMER, "netsuite", "joor", "", 10)).isEmpty();
    assertThat(fx.links.linkedIds(RecordType.CUSTOMER, "netsuite", "zoey", "", 10))
        .containsExactly("7");
    assertThat(zoey.get(zoey.targetIdOf("7").orElseThrow()).orElseThrow().customer().name())
        .isEqualTo("Épicerie Fine 🧀");
    assertThat(joor.writeLog()).as("JOOR is no longer written").hasSize(1);
  }

  @Test
  void two_records_of_one_batch_written_to_one_target_record_link_the_first_and_fail_the_second() {
    netsuite.put("1", FakeSystem.customer("Alpha Ölmühle"));
    netsuite.put("2", FakeSystem.customer("Alpha Ölmühle 🌻"));
    // Both share one create key, so their lost creates are both found as the same JOOR record.
    var shared =
        new FlowSettings(
            "ns-joor",
            RecordType.CUSTOMER,
            "netsuite",
            "joor",
            Direction.ONE_WAY,
            true,
            Duration.ofSeconds(60),
            Optional.empty(),
            Map.of("code", "\"ALPHA\""),
            Map.of("paymentMethod", Map.of("Net 30", "NET30", "Net 60", "NET60")),
            Optional.empty(),
            Side.A,
            Map.of(),
            10);
    var engine = engine(shared, netsuite, joor);
    joor.loseAnswers(1.0, 3);
    sync(engine, "ns-joor");
    joor.loseAnswers(0.0, 3);
    for (var round = 0;
        round < 10 && fx.failedQueue.failed(FailedFilter.all()).isEmpty();
        round++) {
      sync(engine, "ns-joor");
    }

    var links = fx.links.links(RecordType.CUSTOMER, "netsuite", "joor", List.of("1", "2"));
    assertThat(links).containsOnlyKeys("1");
    assertThat(fx.failedQueue.failed(FailedFilter.all()))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.sourceId()).isEqualTo("2");
          assertThat(f.message())
              .startsWith("Record " + links.get("1").to().id() + " on joor is already linked");
        });
  }

  @Test
  void a_write_to_a_record_linked_to_another_one_of_the_source_system_is_not_linked_and_fails() {
    // 1001 is the id the fake NetSuite gives the first customer it creates.
    netsuite.put("1001", FakeSystem.customer("Alpha"));
    sync(engine(oneWay("ns-zoey", "netsuite", "zoey"), netsuite, zoey), "ns-zoey");
    var alphaInZoey = zoey.targetIdOf("1001").orElseThrow();
    // A second Zoey customer, which NetSuite's side answers with Alpha's id, as a create key two
    // customers shared would.
    zoey.put("5", FakeSystem.customer("Beta"));
    sync(engine(oneWay("zoey-ns", "zoey", "netsuite"), zoey, netsuite), "zoey-ns");

    assertThat(fx.failedQueue.failed(FailedFilter.all()))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.sourceId()).isEqualTo("5");
          assertThat(f.message())
              .isEqualTo(
                  "Record 1001 on netsuite is already linked to another record, so 5 was written to"
                      + " it but not linked. Look at both records, and dismiss this failure once"
                      + " they are as they should be.");
        });
    assertThat(
            fx.links
                .links(RecordType.CUSTOMER, "netsuite", "zoey", List.of("1001"))
                .get("1001")
                .to()
                .id())
        .isEqualTo(alphaInZoey);
    assertThat(fx.links.links(RecordType.CUSTOMER, "zoey", "netsuite", List.of("5"))).isEmpty();
  }

  private static Customer withChannels(Customer c, List<String> channels) {
    return new Customer(
        c.name(),
        c.email(),
        c.phone(),
        c.inactive(),
        c.terms(),
        c.priceLevel(),
        c.currency(),
        c.subsidiary(),
        c.salesRep(),
        c.creditLimit(),
        channels,
        c.addresses(),
        c.custom());
  }
}
