package dev.syncline.store.engine;

import static dev.syncline.store.engine.EngineFixture.FLOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.core.SyncException;
import dev.syncline.core.port.FailedFilter;
import dev.syncline.core.port.FlowHealth;
import dev.syncline.core.port.FlowState;
import dev.syncline.core.testing.FakeSystem;
import dev.syncline.store.testing.TestDatabase;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A flow that cannot reach a system is marked unhealthy in the store, stops calling the system but
 * for a probe whose waits double, and resumes by itself once a probe gets through.
 */
class FlowHealthTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private EngineFixture fx;

  @BeforeEach
  void setUp() {
    fx = new EngineFixture(db);
  }

  private Optional<FlowHealth> health() {
    return fx.schedule.flowState(FLOW).flatMap(FlowState::health);
  }

  @Test
  void refused_target_blocks_the_flow_without_failing_its_records_and_a_probe_resumes_it() {
    fx.customers(3);
    fx.target.writeFault(() -> Optional.of(FakeSystem.refused()));
    var engine = fx.engine(EngineFixture.oneWay());

    fx.sync(engine);

    var state = fx.schedule.flowState(FLOW).orElseThrow();
    assertThat(state.enabled()).as("blocked, not switched off").isTrue();
    var health = state.health().orElseThrow();
    assertThat(health.problem()).isEqualTo(FlowHealth.Problem.TARGET_UNWRITABLE);
    assertThat(health.instance()).isEqualTo("target");
    assertThat(health.reason()).isEqualTo("The fake system refused the credentials.");
    assertThat(health.fix()).isEqualTo("Check the fake token in syncline.yaml.");
    assertThat(health.since()).isEqualTo(fx.clock.instant());
    assertThat(fx.failedQueue.failed(FailedFilter.all())).as("no record is to blame").isEmpty();
    assertThat(fx.jobQueue.activeJobs(FLOW, fx.clock.instant().plus(Duration.ofHours(1))))
        .isEqualTo(3);

    var scansBefore = fx.source.scans();
    assertThat(engine.runDueScans()).containsExactly(FLOW);
    assertThat(fx.target.probes()).as("one cheap call, not a scan and writes").isEqualTo(1);
    assertThat(fx.source.scans()).isEqualTo(scansBefore);
    assertThat(health().orElseThrow().failures()).isEqualTo(2);
    assertThat(health().orElseThrow().since()).isEqualTo(health.since());

    fx.clock.advance(Duration.ofSeconds(119));
    assertThat(engine.runDueScans()).as("the wait doubled to twice the schedule").isEmpty();
    fx.clock.advance(Duration.ofSeconds(1));
    assertThat(engine.runDueScans()).containsExactly(FLOW);
    assertThat(fx.target.probes()).isEqualTo(2);

    fx.target.writeFault(Optional::<SyncException>empty);
    fx.clock.advance(Duration.ofSeconds(240));
    assertThat(engine.runDueScans()).containsExactly(FLOW);
    assertThat(health()).as("the probe got through").isEmpty();
    engine.drain(FLOW);
    assertThat(fx.target.writeLog()).containsExactlyInAnyOrder("1", "2", "3");
  }

  @Test
  void refused_source_is_called_with_doubling_waits_up_to_the_longest_and_a_person_clears_it() {
    fx.customers(2);
    fx.source.readFault(() -> Optional.of(FakeSystem.refused()));
    var engine = fx.engine(EngineFixture.oneWay());

    var calls = 0;
    var start = fx.clock.instant();
    while (!fx.clock.instant().isAfter(start.plus(Duration.ofHours(1)))) {
      calls += engine.runDueScans().size();
      fx.clock.advance(Duration.ofSeconds(15));
    }

    // 60 s schedule: calls at 0, 1, 3, 7 and 15 minutes, then every 15 (the longest wait): 30, 45,
    // 60. Without the backoff it would have been 61.
    assertThat(calls).isEqualTo(8);
    assertThat(fx.source.scans() + fx.source.probes()).isEqualTo(8);
    var health = health().orElseThrow();
    assertThat(health.problem()).isEqualTo(FlowHealth.Problem.SOURCE_UNREADABLE);
    assertThat(health.instance()).isEqualTo("source");
    assertThat(health.failures()).isEqualTo(8);
    assertThat(health.since()).isEqualTo(start);
    assertThat(fx.runLog.runs(FLOW, 1).getFirst().error())
        .contains(
            "The fake system refused the credentials. Check the fake token in syncline.yaml.");

    fx.clock.advance(Duration.ofMinutes(1));
    assertThat(engine.runDueScans()).as("the next probe is 15 minutes away").isEmpty();
    var restarted = fx.engine(EngineFixture.oneWay(), "node-2");
    assertThat(restarted.runDueScans())
        .as("a node that starts, its setup perhaps fixed, probes at once")
        .containsExactly(FLOW);
    assertThat(health().orElseThrow().failures()).isEqualTo(9);

    fx.source.readFault(Optional::<SyncException>empty);
    fx.schedule.requestScan(FLOW, fx.clock.instant());
    assertThat(health()).as("Run now is a person's restart").isEmpty();
    assertThat(engine.runDueScans()).containsExactly(FLOW);
    engine.drain(FLOW);
    assertThat(fx.target.writeLog()).hasSize(2);
    assertThat(health()).isEmpty();
  }

  @Test
  void the_store_keeps_when_a_problem_began_counts_its_failures_and_clears_it_on_a_restart() {
    fx.engine(EngineFixture.oneWay());
    var t0 = fx.clock.instant();
    var first =
        fx.schedule.flowUnhealthy(
            FLOW, FlowHealth.Problem.SOURCE_UNREADABLE, "netsuite", "Refusé 🔒", "Réparez", t0);
    var t1 = t0.plusSeconds(30);
    var second =
        fx.schedule.flowUnhealthy(
            FLOW, FlowHealth.Problem.SOURCE_UNREADABLE, "netsuite", "Still refusé", "Réparez", t1);

    assertThat(first.failures()).isEqualTo(1);
    assertThat(second.failures()).isEqualTo(2);
    assertThat(second.since()).isEqualTo(t0);
    assertThat(second.lastFailureAt()).isEqualTo(t1);
    assertThat(health()).contains(second);

    var other =
        fx.schedule.flowUnhealthy(
            FLOW, FlowHealth.Problem.TARGET_UNWRITABLE, "joor_us", "Refused", "Fix it", t1);
    assertThat(other.failures()).as("another problem starts again").isEqualTo(1);
    assertThat(other.since()).isEqualTo(t1);

    fx.schedule.setEnabled(FLOW, false, t1);
    assertThat(health()).as("switching off leaves it").isPresent();
    fx.schedule.setEnabled(FLOW, true, t1);
    assertThat(health()).as("switching on is a restart").isEmpty();
    assertThat(fx.schedule.flowHealthy(FLOW, t1)).isFalse();

    fx.schedule.flowUnhealthy(FLOW, FlowHealth.Problem.SOURCE_UNREADABLE, "netsuite", "x", "y", t1);
    fx.schedule.requestBackfill(FLOW, t1);
    assertThat(health()).isEmpty();
    fx.schedule.flowUnhealthy(FLOW, FlowHealth.Problem.SOURCE_UNREADABLE, "netsuite", "x", "y", t1);
    assertThat(fx.schedule.flowHealthy(FLOW, t1)).isTrue();
    assertThat(health()).isEmpty();
  }
}
