package dev.syncline.store.engine;

import static dev.syncline.store.engine.EngineFixture.FLOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.SyncException;
import dev.syncline.core.flow.Side;
import dev.syncline.core.model.Customer;
import dev.syncline.core.port.FailedFilter;
import dev.syncline.core.port.LinkState;
import dev.syncline.core.port.SyncStatus;
import dev.syncline.core.testing.FakeSystem;
import dev.syncline.store.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OneWayFlowTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private EngineFixture fx;

  @BeforeEach
  void setUp() {
    fx = new EngineFixture(db);
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

  @Test
  void
      writes_each_customer_of_the_flow_once_and_a_second_scan_with_nothing_changed_writes_nothing() {
    fx.customers(25);
    fx.source.put("26", withChannels(FakeSystem.customer("Not for JOOR"), List.of("Zoey")));
    fx.clock.advance(Duration.ofSeconds(10));
    var engine = fx.engine(EngineFixture.oneWay());

    var first = fx.sync(engine);
    var second = fx.sync(engine);

    assertThat(fx.target.writeLog()).hasSize(25).doesNotHaveDuplicates().doesNotContain("26");
    assertThat(fx.target.written().values())
        .allSatisfy(r -> assertThat(r.get("paymentMethod")).isEqualTo("NET30"));
    var run = fx.runLog.run(first).orElseThrow();
    assertThat(run.seen()).isEqualTo(26);
    assertThat(run.written()).isEqualTo(25);
    assertThat(run.filtered()).isEqualTo(1);
    assertThat(run.finishedAt()).isPresent();
    var again = fx.runLog.run(second).orElseThrow();
    assertThat(again.seen()).as("nothing new to queue").isZero();
    assertThat(again.written()).isZero();
  }

  @Test
  void a_changed_customer_is_written_again_and_an_unchanged_mapping_is_not() {
    fx.customers(3);
    var engine = fx.engine(EngineFixture.oneWay());
    fx.sync(engine);

    fx.source.put("2", EngineFixture.renamed(FakeSystem.customer("Shop 2"), "Shop Two"));
    fx.clock.advance(Duration.ofSeconds(5));
    // A change in a field the mapping does not send: the record is read, but nothing is written.
    var c3 = FakeSystem.customer("Shop 3");
    fx.source.put(
        "3",
        new Customer(
            c3.name(),
            c3.email(),
            Optional.of("+1 555 0100"),
            false,
            c3.terms(),
            c3.priceLevel(),
            c3.currency(),
            c3.subsidiary(),
            c3.salesRep(),
            c3.creditLimit(),
            c3.channels(),
            c3.addresses(),
            c3.custom()));
    var run = fx.sync(engine);

    assertThat(fx.target.writeLog()).containsExactly("1", "2", "3", "2");
    assertThat(fx.target.written().get(fx.target.targetIdOf("2").orElseThrow()).get("name"))
        .isEqualTo("Shop Two");
    assertThat(fx.runLog.run(run).orElseThrow().unchanged()).isEqualTo(1);
  }

  @Test
  void an_edit_in_the_second_a_slow_job_read_its_record_is_read_again_however_long_the_job_took() {
    var engine = fx.engine(EngineFixture.oneWay());
    // Made in the second the scan runs in.
    fx.source.put("1", FakeSystem.customer("Shop 1"));
    var version = fx.clock.instant();
    var once = new java.util.concurrent.atomic.AtomicBoolean();
    // While the job writes what it read, a person edits the record within the second of the
    // version the job read (the source keeps seconds), and the write takes six seconds to answer.
    fx.target.writeFault(() -> {
      if (once.compareAndSet(false, true)) {
        fx.source.put(
            "1", EngineFixture.renamed(FakeSystem.customer("Shop 1"), "Édité ✎"), version);
        fx.clock.advance(Duration.ofSeconds(6));
      }
      return Optional.empty();
    });
    fx.sync(engine);
    assertThat(fx.target.written().values().iterator().next().get("name")).isEqualTo("Shop 1");

    fx.clock.advance(Duration.ofSeconds(1));
    fx.sync(engine);

    assertThat(fx.target.written().values().iterator().next().get("name"))
        .as("the job read the record before the edit of the same second, so it is read again")
        .isEqualTo("Édité ✎");
  }

  @Test
  void picks_up_many_customers_sharing_one_modification_time_across_pages() {
    var sameTime = Instant.parse("2026-03-02T08:00:00Z");
    for (var i = 1; i <= 35; i++) {
      fx.source.put(Integer.toString(i), FakeSystem.customer("Shop " + i), sameTime);
    }
    var engine = fx.engine(EngineFixture.oneWay());

    fx.sync(engine);

    assertThat(fx.target.writeLog()).hasSize(35).doesNotHaveDuplicates();
  }

  @Test
  void picks_up_changes_made_while_a_scan_runs_even_with_an_earlier_timestamp() {
    fx.customers(25);
    var engine = fx.engine(EngineFixture.oneWay());
    var once = new java.util.concurrent.atomic.AtomicBoolean();
    var scanStarted = fx.clock.instant();
    fx.source.duringChangesAfter(() -> {
      if (once.compareAndSet(false, true)) {
        // A record edited now, and one committed late with a time the scan has already passed.
        fx.source.put("3", EngineFixture.renamed(FakeSystem.customer("Shop 3"), "Shop Three"));
        fx.source.put("90", FakeSystem.customer("Late Shop"), scanStarted.minusSeconds(20));
      }
    });

    fx.sync(engine);
    fx.clock.advance(Duration.ofSeconds(30));
    fx.sync(engine);

    assertThat(fx.target.writeLog()).contains("90");
    assertThat(fx.target.written().get(fx.target.targetIdOf("3").orElseThrow()).get("name"))
        .isEqualTo("Shop Three");
    assertThat(fx.target.writeLog().stream().filter("90"::equals)).hasSize(1);
  }

  @Test
  void a_customer_missing_a_required_field_goes_to_the_failed_queue_and_retries_when_fixed() {
    fx.customers(2);
    fx.source.put("3", EngineFixture.withoutPriceLevel(FakeSystem.customer("Acme")));
    var engine = fx.engine(EngineFixture.oneWay());

    var run = fx.sync(engine);

    var failed = fx.failedQueue.failed(FailedFilter.all());
    assertThat(failed)
        .singleElement()
        .satisfies(f -> {
          assertThat(f.sourceId()).isEqualTo("3");
          assertThat(f.message())
              .startsWith(
                  "Customer 3 (Acme): Missing price level. Set the price level on the customer in source")
              .contains("tries again as soon as the record changes");
          assertThat(f.cause()).isEqualTo("Missing price level");
        });
    assertThat(fx.runLog.run(run).orElseThrow().failed()).isEqualTo(1);
    assertThat(fx.source.statuses())
        .filteredOn(s -> s.sourceId().equals("3"))
        .singleElement()
        .satisfies(s -> {
          assertThat(s.state()).isEqualTo(SyncStatus.State.FAILED);
          assertThat(s.message()).contains("Missing price level");
        });
    assertThat(fx.target.writeLog()).doesNotContain("3");

    fx.clock.advance(Duration.ofMinutes(1));
    fx.source.put("3", FakeSystem.customer("Acme"));
    fx.clock.advance(Duration.ofSeconds(1));
    fx.sync(engine);

    assertThat(fx.target.writeLog()).containsOnlyOnce("3");
    assertThat(fx.failedQueue.failed(FailedFilter.all())).isEmpty();
  }

  @Test
  void an_incomplete_address_is_named_in_the_error_and_failures_can_be_filtered_and_resynced() {
    var broken = FakeSystem.customer("Beta");
    var address = broken.addresses().getFirst();
    fx.source.put(
        "7",
        new Customer(
            broken.name(),
            broken.email(),
            broken.phone(),
            false,
            broken.terms(),
            broken.priceLevel(),
            broken.currency(),
            broken.subsidiary(),
            broken.salesRep(),
            broken.creditLimit(),
            broken.channels(),
            List.of(
                new dev.syncline.core.model.Address(
                    Optional.of("Warehouse"),
                    address.addressee(),
                    address.attention(),
                    address.line1(),
                    address.line2(),
                    Optional.empty(),
                    address.state(),
                    address.zip(),
                    address.country(),
                    address.phone(),
                    true,
                    true)),
            broken.custom()));
    var engine = fx.engine(EngineFixture.oneWay());
    fx.sync(engine);

    var byText =
        fx.failedQueue.failed(
            new FailedFilter(
                Optional.empty(),
                Optional.empty(),
                Optional.of("warehouse"),
                Optional.empty(),
                10));
    assertThat(byText)
        .singleElement()
        .satisfies(f -> {
          assertThat(f.message()).contains("Incomplete address: no city on address 'Warehouse'");
          assertThat(f.cause()).isEqualTo("Incomplete address: no city");
        });
    var byOtherType =
        fx.failedQueue.failed(
            new FailedFilter(
                Optional.of(dev.syncline.core.model.RecordType.SALES_ORDER),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                10));
    assertThat(byOtherType).isEmpty();

    fx.clock.advance(Duration.ofMinutes(1));
    assertThat(fx.failedQueue.resync(List.of(byText.getFirst().jobId()), fx.clock.instant()))
        .isEqualTo(1);
    engine.drain(FLOW);
    assertThat(fx.failedQueue.failed(FailedFilter.all()))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.failedAt())
              .as("tried again, and failed again")
              .isEqualTo(fx.clock.instant());
          assertThat(f.attempts()).as("a resync starts counting afresh").isEqualTo(1);
        });
  }

  @Test
  void transient_faults_are_retried_until_every_customer_arrives_exactly_once() {
    fx.customers(100);
    var random = new Random(42);
    fx.target.writeFault(
        () -> random.nextInt(10) < 3 ? Optional.of(FakeSystem.unavailable()) : Optional.empty());
    var engine = fx.engine(EngineFixture.oneWay());

    fx.sync(engine);
    for (var round = 0;
        round < 30
            && fx.jobQueue.activeJobs(FLOW, fx.clock.instant().plus(Duration.ofHours(1))) > 0;
        round++) {
      fx.clock.advance(Duration.ofSeconds(40));
      engine.drain(FLOW);
    }

    assertThat(fx.target.writeLog()).hasSize(100).doesNotHaveDuplicates();
    assertThat(fx.failedQueue.failed(FailedFilter.all())).isEmpty();
  }

  @Test
  void a_rejected_write_goes_to_the_failed_queue_with_the_remote_message() {
    fx.customers(1);
    fx.target.writeFault(() -> Optional.of(FakeSystem.rejected("Unknown price type 'USD-Gold'")));
    var engine = fx.engine(EngineFixture.oneWay());

    fx.sync(engine);

    assertThat(fx.failedQueue.failed(FailedFilter.all()))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.message()).isEqualTo("Customer 1 (Shop 1): Unknown price type 'USD-Gold'");
          assertThat(f.cause()).isEqualTo("RemoteRejected");
        });
  }

  @Test
  void a_customer_leaving_the_flow_or_deleted_is_unlinked_never_deleted_and_the_person_is_told() {
    fx.customers(2);
    var engine = fx.engine(EngineFixture.oneWay());
    fx.sync(engine);

    fx.source.put("1", withChannels(FakeSystem.customer("Shop 1"), List.of()));
    fx.source.delete("2");
    fx.clock.advance(Duration.ofSeconds(5));
    var run = engine.scan(FLOW, "schedule");
    fx.jobQueue.enqueueNow(FLOW, Side.A, "2", run, fx.clock.instant());
    engine.drain(FLOW);

    var links =
        fx.links.links(
            dev.syncline.core.model.RecordType.CUSTOMER, "source", "target", List.of("1", "2"));
    assertThat(links.get("1").state()).isEqualTo(LinkState.UNLINKED);
    assertThat(links.get("1").detail())
        .contains("no longer passes the filter")
        .contains("delete code " + fx.target.targetIdOf("1").orElseThrow() + " there first");
    assertThat(links.get("2").state()).isEqualTo(LinkState.UNLINKED);
    assertThat(links.get("2").detail()).contains("no longer exists in source");
    assertThat(fx.target.written()).hasSize(2);
    assertThat(fx.target.writeLog()).hasSize(2);
    assertThat(fx.source.statuses())
        .anySatisfy(s -> {
          assertThat(s.sourceId()).isEqualTo("1");
          assertThat(s.state()).isEqualTo(SyncStatus.State.UNLINKED);
        });
  }

  @Test
  void a_customer_deleted_at_its_source_is_noticed_by_the_deletion_check_and_unlinked() {
    fx.customers(25);
    var engine = fx.engine(EngineFixture.oneWay());
    fx.sync(engine);
    fx.source.delete("7");
    fx.source.delete("23");
    fx.clock.advance(Duration.ofMinutes(5));

    var early = fx.sync(engine);
    assertThat(link("7").state()).as("the check is not due yet").isEqualTo(LinkState.SYNCED);
    assertThat(fx.runLog.run(early).orElseThrow().seen()).isZero();

    fx.clock.advance(Duration.ofHours(1));
    var checked = fx.runLog.run(fx.sync(engine)).orElseThrow();

    assertThat(checked.seen()).isEqualTo(2);
    assertThat(checked.unlinked()).isEqualTo(2);
    for (var id : List.of("7", "23")) {
      assertThat(link(id).state()).isEqualTo(LinkState.UNLINKED);
      assertThat(link(id).detail())
          .contains("Customer " + id + " no longer exists in source")
          .contains("delete code " + fx.target.targetIdOf(id).orElseThrow() + " there first");
    }
    assertThat(link("8").state()).isEqualTo(LinkState.SYNCED);
    assertThat(fx.target.written()).as("nothing is deleted on the target").hasSize(25);
    assertThat(fx.target.writeLog()).hasSize(25);
    assertThat(fx.source.statuses())
        .as("a deleted record has nowhere to show a status")
        .noneMatch(s -> s.state() == SyncStatus.State.UNLINKED);

    fx.clock.advance(Duration.ofHours(1));
    var next = fx.runLog.run(fx.sync(engine)).orElseThrow();
    assertThat(next.seen()).as("unlinked records are not checked again").isZero();
  }

  @Test
  void a_backfill_queues_every_record_again_and_writes_only_what_a_new_mapping_changes() {
    fx.customers(25);
    fx.sync(fx.engine(EngineFixture.oneWay()));
    var old = EngineFixture.oneWay();
    var capitals =
        new dev.syncline.core.flow.FlowSettings(
            old.name(),
            old.recordType(),
            old.from(),
            old.to(),
            old.direction(),
            old.enabled(),
            old.every(),
            old.filter(),
            java.util.Map.of("name", "$uppercase(name)"),
            old.valueMaps(),
            old.statusFields(),
            old.master(),
            old.fieldMasters(),
            old.batchSize());
    var engine = fx.engine(capitals);
    fx.clock.advance(Duration.ofMinutes(5));

    var scan = fx.runLog.run(fx.sync(engine)).orElseThrow();
    assertThat(scan.seen()).as("a scan alone does not see a new mapping").isZero();

    var now = fx.clock.instant();
    fx.schedule.requestBackfill(FLOW, now);
    var due = fx.schedule.claimDueScans("node-1", now, Duration.ofMinutes(10));
    assertThat(due).containsExactly(new dev.syncline.core.port.DueScan(FLOW, "backfill"));
    var backfill = fx.runLog.run(backfill(engine, due.getFirst().trigger())).orElseThrow();

    assertThat(backfill.trigger()).isEqualTo("backfill");
    assertThat(backfill.seen()).isEqualTo(25);
    assertThat(backfill.written()).isEqualTo(25);
    assertThat(backfill.finishedAt()).isPresent();
    assertThat(fx.target.written().values())
        .allSatisfy(r -> assertThat((String) r.get("name")).startsWith("SHOP "));

    fx.clock.advance(Duration.ofMinutes(5));
    var again = fx.runLog.run(backfill(engine, "backfill")).orElseThrow();
    assertThat(again.seen()).isEqualTo(25);
    assertThat(again.unchanged()).as("nothing differs now").isEqualTo(25);
    assertThat(fx.target.writeLog()).hasSize(50);
  }

  private long backfill(dev.syncline.core.engine.SyncEngine engine, String trigger) {
    var run = engine.scan(FLOW, trigger);
    engine.drain(FLOW);
    engine.finishRunIfDone(run);
    return run;
  }

  private dev.syncline.core.port.Link link(String id) {
    return fx.links
        .links(dev.syncline.core.model.RecordType.CUSTOMER, "source", "target", List.of(id))
        .get(id);
  }

  @Test
  void its_own_status_write_back_does_not_make_a_customer_sync_again() {
    fx.customers(5);
    fx.source.statusWritesTouchRecords(true);
    var engine = fx.engine(EngineFixture.oneWay());

    fx.sync(engine);
    fx.clock.advance(Duration.ofSeconds(5));
    var echo = fx.sync(engine);

    assertThat(fx.target.writeLog()).hasSize(5);
    var run = fx.runLog.run(echo).orElseThrow();
    assertThat(run.seen()).as("the status writes moved the records").isEqualTo(5);
    assertThat(run.unchanged()).isEqualTo(5);
    assertThat(fx.source.statuses()).as("no second round of statuses").hasSize(5);
  }

  @Test
  void a_failure_written_back_once_does_not_come_back_as_a_change_again_and_again() {
    fx.source.put("9", EngineFixture.withoutPriceLevel(FakeSystem.customer("Gamma")));
    fx.source.statusWritesTouchRecords(true);
    fx.clock.advance(Duration.ofSeconds(10));
    var engine = fx.engine(EngineFixture.oneWay());

    fx.sync(engine);
    fx.clock.advance(Duration.ofSeconds(10));
    fx.sync(engine);
    fx.clock.advance(Duration.ofSeconds(10));
    var third = fx.sync(engine);

    assertThat(fx.source.statuses()).as("the failure was written back once").hasSize(1);
    assertThat(fx.runLog.run(third).orElseThrow().seen()).as("nothing left moving").isZero();
    assertThat(fx.failedQueue.failed(FailedFilter.all()))
        .singleElement()
        .satisfies(f -> assertThat(f.sourceId()).isEqualTo("9"));
  }

  @Test
  void a_new_customer_waits_for_the_target_and_is_noticed_when_accepted() {
    fx.customers(1);
    fx.target.holdNewRecords(true);
    var engine = fx.engine(EngineFixture.oneWay());

    fx.sync(engine);

    var link =
        fx.links
            .links(dev.syncline.core.model.RecordType.CUSTOMER, "source", "target", List.of("1"))
            .get("1");
    assertThat(link.state()).isEqualTo(LinkState.PENDING);
    assertThat(fx.source.statuses().getLast().state()).isEqualTo(SyncStatus.State.PENDING);
    assertThat(fx.failedQueue.failed(FailedFilter.all())).as("waiting is not failing").isEmpty();

    fx.target.accept(link.to().id());
    fx.clock.advance(Duration.ofMinutes(1));
    fx.sync(engine);

    var after =
        fx.links
            .links(dev.syncline.core.model.RecordType.CUSTOMER, "source", "target", List.of("1"))
            .get("1");
    assertThat(after.state()).isEqualTo(LinkState.SYNCED);
    assertThat(fx.source.statuses().getLast().state()).isEqualTo(SyncStatus.State.SYNCED);
    assertThat(fx.target.writeLog()).hasSize(1);
  }

  @Test
  void a_dry_run_shows_the_field_changes_and_writes_nothing_and_a_selective_sync_writes_now() {
    fx.customers(1);
    var engine = fx.engine(EngineFixture.oneWay());
    fx.sync(engine);
    fx.source.put("1", EngineFixture.renamed(FakeSystem.customer("Shop 1"), "Shop One"));

    var dry = engine.syncNow(FLOW, Side.A, "1", true);
    assertThat(dry.outcome()).isEqualTo("would-write");
    assertThat(dry.changes())
        .singleElement()
        .satisfies(c -> {
          assertThat(c.field()).isEqualTo("name");
          assertThat(c.before()).contains("Shop 1");
          assertThat(c.after()).contains("Shop One");
        });
    assertThat(fx.target.writeLog()).hasSize(1);

    var now = engine.syncNow(FLOW, Side.A, "1", false);
    assertThat(now.outcome()).isEqualTo("written");
    assertThat(now.message()).startsWith("Customer 1 (Shop One) was updated on target as ");
    assertThat(fx.target.writeLog()).hasSize(2);
    assertThat(engine.syncNow(FLOW, Side.A, "1", false).outcome()).isEqualTo("unchanged");
  }

  @Test
  void a_selective_sync_tells_a_record_the_source_does_not_have_from_one_the_filter_leaves_out() {
    fx.source.put("26", withChannels(FakeSystem.customer("Pas pour JOOR"), List.of("Zoey")));
    var engine = fx.engine(EngineFixture.oneWay());

    var missing = engine.syncNow(FLOW, Side.A, "404", false);
    var missingDry = engine.syncNow(FLOW, Side.A, "404", true);
    var filtered = engine.syncNow(FLOW, Side.A, "26", false);

    for (var report : List.of(missing, missingDry)) {
      assertThat(report.outcome()).isEqualTo("not-found");
      assertThat(report.message()).isEqualTo("Customer 404 does not exist in the source.");
    }
    assertThat(filtered.outcome()).isEqualTo("filtered");
    assertThat(filtered.message())
        .isEqualTo(
            "Customer 26 (Pas pour JOOR) is not part of flow "
                + FLOW
                + ": its filter leaves it out.");
    assertThat(fx.target.writeLog()).isEmpty();
  }

  @Test
  void a_setup_problem_blocks_the_flow_and_keeps_its_records_for_later() {
    fx.customers(3);
    fx.target.writeFault(() ->
        Optional.<SyncException>of(
            new PermanentSyncException.ConfigurationProblem(
                "target",
                "The credentials were refused; check them in syncline.yaml",
                Optional.empty(),
                null)));
    var engine = fx.engine(EngineFixture.oneWay());

    fx.sync(engine);

    var state = fx.schedule.flowState(FLOW).orElseThrow();
    assertThat(state.health().orElseThrow().reason())
        .isEqualTo("The credentials were refused; check them in syncline.yaml");
    assertThat(state.health().orElseThrow().fix())
        .as("a client that gave no fix of its own gets the general one")
        .startsWith("Fix the setup of target as the reason says;");
    assertThat(fx.failedQueue.failed(FailedFilter.all())).isEmpty();
    assertThat(fx.jobQueue.activeJobs(FLOW, fx.clock.instant().plus(Duration.ofHours(1))))
        .isEqualTo(3);
  }

  @Test
  void a_batch_whose_worker_died_before_writing_is_taken_over_after_its_lease_and_written_once() {
    fx.customers(4);
    var engine = fx.engine(EngineFixture.oneWay());
    var run = engine.scan(FLOW, "schedule");
    var lost =
        fx.jobQueue.claim(FLOW, Side.A, "dead-node", 10, fx.clock.instant(), Duration.ofMinutes(5));
    assertThat(lost).hasSize(4);

    assertThat(engine.drain(FLOW)).as("leased to a live node").isZero();
    fx.clock.advance(Duration.ofMinutes(6));
    engine.drain(FLOW);

    assertThat(fx.target.writeLog()).hasSize(4).doesNotHaveDuplicates();
    assertThat(fx.target.maybeWrittenFlags())
        .as("the dead worker committed no write intent, so there is nothing to look up")
        .containsOnly(false);
    assertThat(fx.target.lookups()).isZero();
    fx.jobQueue.record(FLOW, Side.A, "dead-node", List.of(), fx.clock.instant());
    assertThat(engine.finishRunIfDone(run)).isTrue();
  }

  @Test
  void pruning_forgets_old_history_but_keeps_links() {
    fx.customers(3);
    var engine = fx.engine(EngineFixture.oneWay());
    fx.sync(engine);

    var removed = fx.runLog.prune(fx.clock.instant().plus(Duration.ofDays(1)));

    assertThat(removed).isGreaterThanOrEqualTo(3 + 1 + 3);
    assertThat(fx.runLog.runs(FLOW, 10)).isEmpty();
    assertThat(
            fx.links.links(
                dev.syncline.core.model.RecordType.CUSTOMER,
                "source",
                "target",
                List.of("1", "2", "3")))
        .hasSize(3);
  }
}
