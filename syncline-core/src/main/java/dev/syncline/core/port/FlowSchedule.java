package dev.syncline.core.port;

import dev.syncline.core.flow.FlowSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The flows as the engine keeps them in the store shared by every node: each flow's switch and
 * schedule, when its next scan is due and which node holds it, its check for deleted records, and
 * its health. Implemented on PostgreSQL by the store module.
 *
 * <p>Each method is one transaction. Times come from the caller's clock, never the database's, so
 * that tests drive time. Methods are safe to call from many threads and many nodes at once.
 */
public interface FlowSchedule {

  /**
   * Makes sure each configured flow has its state, and applies the configuration's switch and
   * schedule where they changed since they were last applied (a change in the dashboard stays until
   * the file changes). A blocked flow's probe is made due now: a node that starts may have had its
   * setup fixed.
   */
  void registerFlows(List<FlowSettings> flows, Instant now);

  Optional<FlowState> flowState(String flow);

  /**
   * The flows due for a scan, leased to {@code node} until {@code now + lease}; no other node gets
   * them.
   */
  List<DueScan> claimDueScans(String node, Instant now, Duration lease);

  /** Ends {@code node}'s lease on the flow's scan and sets when the next one is due. */
  void scanFinished(String flow, String node, Instant now, Instant nextScanAt);

  /** Switches the flow on or off; switching it on is a person's restart, and clears its health. */
  void setEnabled(String flow, boolean enabled, Instant now);

  /**
   * Records that the flow cannot read its source or write its target, and returns its health now:
   * the first failure starts it, later ones count on and keep when it began.
   */
  FlowHealth flowUnhealthy(
      String flow,
      FlowHealth.Problem problem,
      String instance,
      String reason,
      String fix,
      Instant now);

  /** Clears the flow's health problem; returns whether it had one. */
  boolean flowHealthy(String flow, Instant now);

  void setSchedule(String flow, Duration every, Instant now);

  /** Makes the flow's next scan due now; a person asking is a restart, and clears its health. */
  void requestScan(String flow, Instant now);

  /**
   * Makes the flow's next scan due now as a backfill: it lists every record from the beginning and
   * queues each again, whatever was synced before (after a change of mapping, say). Clears its
   * health, as {@link #requestScan} does.
   */
  void requestBackfill(String flow, Instant now);

  /**
   * Whether the flow's check for records deleted at their source is due ({@code every} has passed
   * since the last one); when it is, marks it done now, so that one node runs it.
   */
  boolean deletionCheckDue(String flow, Instant now, Duration every);
}
