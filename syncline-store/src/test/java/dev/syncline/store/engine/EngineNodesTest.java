package dev.syncline.store.engine;

import static dev.syncline.store.engine.EngineFixture.FLOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.core.port.DueScan;
import dev.syncline.store.testing.TestDatabase;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EngineNodesTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private EngineFixture fx;

  @BeforeEach
  void setUp() {
    fx = new EngineFixture(db);
  }

  @Test
  void two_nodes_on_one_database_share_the_jobs_and_write_each_record_once() throws Exception {
    fx.customers(200);
    var nodeOne = fx.engine(EngineFixture.oneWay(), "node-1");
    var nodeTwo = fx.engine(EngineFixture.oneWay(), "node-2");
    nodeOne.scan(FLOW, "schedule");
    // The first write of each node waits for the other's: both hold a batch at once.
    var bothWorking = new CyclicBarrier(2);
    var calls = new AtomicInteger();
    fx.target.writeFault(() -> {
      if (calls.incrementAndGet() <= 2) {
        try {
          bothWorking.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new AssertionError("the other node never took a batch", e);
        }
      }
      return Optional.empty();
    });

    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var one = executor.submit(() -> nodeOne.drain(FLOW));
      var two = executor.submit(() -> nodeTwo.drain(FLOW));
      assertThat(one.get() + two.get()).isEqualTo(200);
      assertThat(one.get()).isPositive();
      assertThat(two.get()).isPositive();
    }
    assertThat(fx.target.writeLog()).hasSize(200).doesNotHaveDuplicates();
  }

  @Test
  void only_one_node_runs_a_flows_scan_at_a_time() {
    var now = fx.clock.instant();
    fx.engine(EngineFixture.oneWay(), "node-1");

    var first = fx.schedule.claimDueScans("node-1", now, java.time.Duration.ofMinutes(10));
    var second = fx.schedule.claimDueScans("node-2", now, java.time.Duration.ofMinutes(10));

    assertThat(first).containsExactly(new DueScan(FLOW, "schedule"));
    assertThat(second).isEmpty();
    fx.schedule.scanFinished(FLOW, "node-1", now, now.plusSeconds(60));
    assertThat(
            fx.schedule.claimDueScans(
                "node-2", now.plusSeconds(61), java.time.Duration.ofMinutes(10)))
        .containsExactly(new DueScan(FLOW, "schedule"));
  }

  @Test
  void a_run_left_open_by_a_node_that_died_is_finished_by_another_once_its_work_is_done() {
    var now = fx.clock.instant();
    fx.engine(EngineFixture.oneWay(), "node-1");
    var idle = fx.runLog.startRun(FLOW, "schedule", "dead-node", now);
    var busy = fx.runLog.startRun(FLOW, "schedule", "dead-node", now);
    fx.jobQueue.enqueueNow(FLOW, dev.syncline.core.flow.Side.A, "1", busy, now);
    var recent = fx.runLog.startRun(FLOW, "schedule", "node-1", now.plusSeconds(590));

    var finished = fx.runLog.finishIdleRuns(now.plusSeconds(300), now.plusSeconds(600));

    assertThat(finished).isEqualTo(1);
    assertThat(fx.runLog.run(idle).orElseThrow().finishedAt()).isPresent();
    assertThat(fx.runLog.run(busy).orElseThrow().finishedAt()).as("its job waits").isEmpty();
    assertThat(fx.runLog.run(recent).orElseThrow().finishedAt()).isEmpty();
    assertThat(fx.runLog.openRuns(FLOW))
        .extracting(dev.syncline.core.port.Run::id)
        .containsExactly(recent, busy);
  }

  @Test
  void a_scan_a_person_asked_for_is_run_as_manual_and_the_next_as_scheduled() {
    var now = fx.clock.instant();
    fx.engine(EngineFixture.oneWay(), "node-1");
    fx.schedule.claimDueScans("node-1", now, java.time.Duration.ofMinutes(10));
    fx.schedule.scanFinished(FLOW, "node-1", now, now.plusSeconds(60));

    fx.schedule.requestScan(FLOW, now.plusSeconds(5));

    assertThat(
            fx.schedule.claimDueScans(
                "node-1", now.plusSeconds(6), java.time.Duration.ofMinutes(10)))
        .containsExactly(new DueScan(FLOW, "manual"));
    fx.schedule.scanFinished(FLOW, "node-1", now.plusSeconds(6), now.plusSeconds(66));
    assertThat(
            fx.schedule.claimDueScans(
                "node-1", now.plusSeconds(67), java.time.Duration.ofMinutes(10)))
        .containsExactly(new DueScan(FLOW, "schedule"));
  }
}
