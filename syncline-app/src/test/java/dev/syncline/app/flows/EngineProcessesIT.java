package dev.syncline.app.flows;

import static dev.syncline.app.flows.CustomerFlowFixture.FLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncline.app.testbed.NodeProcess;
import dev.syncline.sandbox.netsuite.DemoData;
import dev.syncline.store.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engines as separate processes, the packaged jar run with {@code serve} against the sandboxes of
 * this JVM and one PostgreSQL: killed with SIGKILL mid-run and started again, and two at once.
 */
class EngineProcessesIT {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  @TempDir Path dir;

  private CustomerFlowFixture fx;
  private ProcessNodes nodes;

  @BeforeEach
  void nodes() {
    nodes = new ProcessNodes(db, dir);
  }

  @AfterEach
  void stop() {
    nodes.close();
    fx.close();
  }

  private NodeProcess serve(String node) {
    return nodes.serve(node, fx.yaml(), fx.environment());
  }

  /** Waits for a condition, and on time-out tells what the processes logged. */
  private void awaitOrShowLogs(Callable<Boolean> condition) {
    try {
      await().atMost(Duration.ofMinutes(4)).until(condition);
    } catch (ConditionTimeoutException e) {
      var logs = new StringBuilder();
      for (var node : nodes.all()) {
        logs.append("\n--- ").append(node.name()).append('\n').append(node.logTail(40));
      }
      throw new AssertionError(
          "Timed out with "
              + nodes.links()
              + " links and "
              + nodes.activeJobs()
              + " active jobs"
              + logs,
          e);
    }
  }

  @Test
  void an_engine_killed_mid_run_and_started_again_loses_nothing_and_writes_nothing_twice() {
    fx = new CustomerFlowFixture(db, s -> s);
    DemoData.referenceData(fx.account());
    var ids = fx.usCustomers(1_500, "Survivor");
    // Slow enough that the kill lands in the middle of the run: customers are read in bulk with
    // SuiteQL and each one's sync status is written back with a PATCH.
    fx.netsuite.latency().set("POST", ".*/query/v1/suiteql", Duration.ofMillis(100));
    fx.netsuite.latency().set("PATCH", ".*/record/v1/customer/.*", Duration.ofMillis(30));

    var first = serve("first");
    await().atMost(Duration.ofMinutes(2)).until(() -> nodes.links() >= 200);
    first.kill(); // SIGKILL: no shutdown hook runs
    assertThat(first.isAlive()).isFalse();
    var linkedAtKill = nodes.links();
    assertThat(linkedAtKill).as("killed mid-run").isLessThan(ids.size());

    serve("second");
    awaitOrShowLogs(() -> nodes.links() == ids.size() && nodes.activeJobs() == 0);

    assertThat(fx.failedQueue().failed(dev.syncline.core.port.FailedFilter.all())).isEmpty();
    assertThat(fx.joorConnections().keySet()).containsAll(ids);
    assertThat(fx.joorRecordsWritten())
        .as("each customer written to JOOR once")
        .isEqualTo(ids.size());
  }

  @Test
  void two_engines_on_one_database_share_the_work_and_never_pass_the_limits_together() {
    fx = new CustomerFlowFixture(db, s -> s.withConcurrencyLimit(5));
    DemoData.referenceData(fx.account());
    fx.netsuite.latency().set("POST", ".*/query/v1/suiteql", Duration.ofMillis(100));
    fx.netsuite.latency().set("PATCH", ".*/record/v1/customer/.*", Duration.ofMillis(20));
    // Both nodes are up before there is work, so neither can finish it alone before the other
    // starts.
    for (var node : List.of(serve("node-a"), serve("node-b"))) {
      node.awaitRunning(Duration.ofMinutes(2));
    }
    fx.account().resetGovernance();
    var ids = fx.usCustomers(1_000, "Shared");
    awaitOrShowLogs(() -> nodes.links() == ids.size() && nodes.activeJobs() == 0);

    var governance = fx.account().governance();
    assertThat(governance.peak()).as("NetSuite's peak concurrency").isLessThanOrEqualTo(5);
    assertThat(governance.refused()).as("NetSuite refused nothing").isZero();
    assertThat(fx.joor.requestLog().count(r -> r.status() == 429))
        .as("JOOR refused nothing")
        .isZero();
    var writers =
        db.jdbi()
            .withHandle(h ->
                h.createQuery(
                        "SELECT DISTINCT node FROM sync_event WHERE kind = 'written' AND flow = :flow")
                    .bind("flow", FLOW)
                    .mapTo(String.class)
                    .list());
    assertThat(writers).as("both nodes wrote").containsExactlyInAnyOrder("node-a", "node-b");
  }
}
