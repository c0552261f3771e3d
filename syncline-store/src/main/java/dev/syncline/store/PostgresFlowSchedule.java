package dev.syncline.store;

import static dev.syncline.store.Sql.instant;
import static dev.syncline.store.Sql.requiredInstant;
import static dev.syncline.store.Sql.ts;

import dev.syncline.core.flow.FlowSettings;
import dev.syncline.core.port.DueScan;
import dev.syncline.core.port.FlowHealth;
import dev.syncline.core.port.FlowSchedule;
import dev.syncline.core.port.FlowState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The flows' switches, schedules, scan leases and health on PostgreSQL ({@code flow_state}). */
public final class PostgresFlowSchedule implements FlowSchedule {

  private final Jdbi jdbi;

  public PostgresFlowSchedule(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void registerFlows(List<FlowSettings> flows, Instant now) {
    jdbi.useTransaction(h -> {
      for (var flow : flows) {
        h.createUpdate(
                """
                INSERT INTO flow_state AS f (flow, record_type, a_instance, b_instance, enabled,
                    every_seconds, config_enabled, config_every_seconds, next_scan_at, updated_at)
                VALUES (:flow, :type, :a, :b, :enabled, :every, :enabled, :every, :now, :now)
                ON CONFLICT (flow) DO UPDATE SET
                    record_type = EXCLUDED.record_type,
                    a_instance = EXCLUDED.a_instance,
                    b_instance = EXCLUDED.b_instance,
                    enabled = CASE WHEN f.config_enabled <> EXCLUDED.config_enabled
                                   THEN EXCLUDED.enabled ELSE f.enabled END,
                    every_seconds = CASE WHEN f.config_every_seconds <> EXCLUDED.config_every_seconds
                                         THEN EXCLUDED.every_seconds ELSE f.every_seconds END,
                    next_scan_at = CASE WHEN f.health_problem IS NOT NULL
                                        THEN EXCLUDED.next_scan_at ELSE f.next_scan_at END,
                    config_enabled = EXCLUDED.config_enabled,
                    config_every_seconds = EXCLUDED.config_every_seconds,
                    updated_at = EXCLUDED.updated_at
                """)
            .bind("flow", flow.name())
            .bind("type", flow.recordType().key())
            .bind("a", flow.from())
            .bind("b", flow.to())
            .bind("enabled", flow.enabled())
            .bind("every", (int) flow.every().toSeconds())
            .bind("now", ts(now))
            .execute();
      }
    });
  }

  @Override
  public Optional<FlowState> flowState(String flow) {
    return jdbi.withHandle(h ->
        h.createQuery("SELECT * FROM flow_state WHERE flow = :flow")
            .bind("flow", flow)
            .map((rs, ctx) -> flowState(rs))
            .findOne());
  }

  private static FlowState flowState(ResultSet rs) throws SQLException {
    return new FlowState(
        rs.getString("flow"),
        rs.getBoolean("enabled"),
        Duration.ofSeconds(rs.getInt("every_seconds")),
        requiredInstant(rs, "next_scan_at"),
        instant(rs, "last_scan_at"),
        health(rs));
  }

  private static Optional<FlowHealth> health(ResultSet rs) throws SQLException {
    var problem = rs.getString("health_problem");
    if (problem == null) {
      return Optional.empty();
    }
    return Optional.of(
        new FlowHealth(
            FlowHealth.Problem.valueOf(problem),
            rs.getString("health_instance"),
            rs.getString("health_reason"),
            rs.getString("health_fix"),
            requiredInstant(rs, "health_since"),
            rs.getInt("health_failures"),
            requiredInstant(rs, "health_last_failure_at")));
  }

  /** What clears a flow's health in an UPDATE of flow_state. */
  private static final String HEALTHY =
      "health_problem = NULL, health_instance = NULL, health_reason = NULL, health_fix = NULL,"
          + " health_since = NULL, health_failures = 0, health_last_failure_at = NULL";

  @Override
  public FlowHealth flowUnhealthy(
      String flow,
      FlowHealth.Problem problem,
      String instance,
      String reason,
      String fix,
      Instant now) {
    return jdbi.withHandle(h ->
        h.createQuery(
                """
                UPDATE flow_state SET health_problem = :problem, health_instance = :instance,
                    health_reason = :reason, health_fix = :fix,
                    health_since = CASE WHEN health_problem = :problem AND health_instance = :instance
                                        THEN health_since ELSE :now END,
                    health_failures = CASE WHEN health_problem = :problem
                                                AND health_instance = :instance
                                           THEN health_failures + 1 ELSE 1 END,
                    health_last_failure_at = :now
                WHERE flow = :flow
                RETURNING *
                """)
            .bind("flow", flow)
            .bind("problem", problem.name())
            .bind("instance", instance)
            .bind("reason", reason)
            .bind("fix", fix)
            .bind("now", ts(now))
            .map((rs, ctx) -> health(rs).orElseThrow())
            .findOne()
            .orElseThrow(() -> new IllegalArgumentException("There is no flow '" + flow + "'")));
  }

  @Override
  public boolean flowHealthy(String flow, Instant now) {
    return jdbi.withHandle(h ->
        h.createUpdate(
                    "UPDATE flow_state SET "
                        + HEALTHY
                        + " WHERE flow = :flow AND health_problem IS NOT NULL")
                .bind("flow", flow)
                .execute()
            > 0);
  }

  @Override
  public List<DueScan> claimDueScans(String node, Instant now, Duration lease) {
    return jdbi.inTransaction(h ->
        h.createQuery(
                """
                UPDATE flow_state f SET scan_owner = :node, scan_lease_until = :until,
                    scan_requested = false, backfill_requested = false
                FROM (SELECT flow, scan_requested, backfill_requested FROM flow_state
                      WHERE enabled AND next_scan_at <= :now
                        AND (scan_lease_until IS NULL OR scan_lease_until < :now)
                      FOR UPDATE SKIP LOCKED) due
                WHERE f.flow = due.flow
                RETURNING f.flow, due.scan_requested, due.backfill_requested
                """)
            .bind("node", node)
            .bind("now", ts(now))
            .bind("until", ts(now.plus(lease)))
            .map((rs, ctx) ->
                new DueScan(
                    rs.getString("flow"),
                    rs.getBoolean("backfill_requested")
                        ? DueScan.BACKFILL
                        : rs.getBoolean("scan_requested") ? "manual" : "schedule"))
            .list());
  }

  @Override
  public void scanFinished(String flow, String node, Instant now, Instant nextScanAt) {
    jdbi.useHandle(h ->
        h.createUpdate(
                """
                UPDATE flow_state SET scan_owner = NULL, scan_lease_until = NULL,
                    next_scan_at = CASE WHEN next_scan_at > :now THEN next_scan_at ELSE :next END,
                    last_scan_at = :now
                WHERE flow = :flow AND scan_owner = :node
                """)
            .bind("flow", flow)
            .bind("node", node)
            .bind("now", ts(now))
            .bind("next", ts(nextScanAt))
            .execute());
  }

  @Override
  public void setEnabled(String flow, boolean enabled, Instant now) {
    // Switching a flow on is a person's restart: it clears the flow's health too.
    jdbi.useHandle(h ->
        h.createUpdate(
                "UPDATE flow_state SET enabled = :enabled,"
                    + " updated_at = :now,"
                    + " next_scan_at = CASE WHEN :enabled THEN :now ELSE next_scan_at END"
                    + (enabled ? ", " + HEALTHY : "")
                    + " WHERE flow = :flow")
            .bind("flow", flow)
            .bind("enabled", enabled)
            .bind("now", ts(now))
            .execute());
  }

  @Override
  public void setSchedule(String flow, Duration every, Instant now) {
    update(
        """
        UPDATE flow_state SET every_seconds = :every, updated_at = :now,
            next_scan_at = LEAST(next_scan_at, :now + make_interval(secs => :every))
        WHERE flow = :flow
        """,
        Map.of("flow", flow, "every", (int) every.toSeconds(), "now", ts(now)),
        Map.of());
  }

  @Override
  public void requestScan(String flow, Instant now) {
    request(flow, "scan_requested", now);
  }

  @Override
  public void requestBackfill(String flow, Instant now) {
    request(flow, "backfill_requested", now);
  }

  /** Makes the flow's next scan due now, with {@code flag} telling claimDueScans its trigger. */
  private void request(String flow, String flag, Instant now) {
    update(
        "UPDATE flow_state SET next_scan_at = :now, "
            + flag
            + " = true, "
            + HEALTHY
            + " WHERE flow = :flow",
        Map.of("flow", flow, "now", ts(now)),
        Map.of());
  }

  @Override
  public boolean deletionCheckDue(String flow, Instant now, Duration every) {
    // The first scan only starts the clock: a node's first scan is not slowed by a full check.
    return jdbi.inTransaction(h ->
        h.createQuery(
                """
                UPDATE flow_state f SET deletions_checked_at = :now
                FROM (SELECT flow, deletions_checked_at AS last FROM flow_state WHERE flow = :flow
                      FOR UPDATE) old
                WHERE f.flow = old.flow AND (old.last IS NULL OR old.last <= :due)
                RETURNING old.last IS NOT NULL AS due
                """)
            .bind("flow", flow)
            .bind("now", ts(now))
            .bind("due", ts(now.minus(every)))
            .mapTo(Boolean.class)
            .findOne()
            .orElse(false));
  }

  private void update(
      String sql, Map<String, Object> values, Map<String, Optional<String>> optional) {
    jdbi.useHandle(h -> {
      var update = h.createUpdate(sql);
      values.forEach(update::bind);
      optional.forEach((k, v) -> update.bind(k, v.orElse(null)));
      update.execute();
    });
  }
}
