package dev.syncline.store;

import static dev.syncline.store.Sql.instant;
import static dev.syncline.store.Sql.requiredInstant;
import static dev.syncline.store.Sql.ts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * What the notifications of every node share: per flow, when its next digest of new failures is
 * due, which node is mailing about it now, and which alerts are open; and which failed records a
 * digest already reported.
 *
 * <p>A node works on a flow's notifications only while it holds the flow's lease ({@link #claim}),
 * so that the nodes on one database send each mail once. Times come from the caller's clock.
 */
public final class NotificationStore {

  private final Jdbi jdbi;

  public NotificationStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * A flow's notification state, as a node that claimed it sees it.
   *
   * @param digestDueAt when the flow's next digest is due
   * @param lastDigestAt when the last digest went out; empty before the first
   * @param behindAlertedAt when the open freshness alert went out; empty when none is open
   * @param healthAlertedSince the start of the health problem whose alert went out; empty when no
   *     alert is open
   */
  public record FlowNotices(
      String flow,
      Instant digestDueAt,
      Optional<Instant> lastDigestAt,
      Optional<Instant> behindAlertedAt,
      Optional<Instant> healthAlertedSince) {}

  /**
   * A record that entered the failed record queue and no digest reported yet.
   *
   * @param failedAt when it entered the queue; with the job id, what a digest marks as reported
   * @param example its error message, given for the first few of each cause only
   */
  public record NewFailure(
      long jobId, String sourceId, String cause, Instant failedAt, Optional<String> example) {}

  /**
   * Leases to {@code node} until {@code now + lease} those of the flows that no other node holds,
   * creating their state on first sight (a first digest is due at once), and returns their state.
   */
  public List<FlowNotices> claim(List<String> flows, String node, Instant now, Duration lease) {
    var names = flows.toArray(String[]::new);
    return jdbi.inTransaction(h -> {
      h.createUpdate(
              """
              INSERT INTO notification_state (flow, digest_due_at, updated_at)
              SELECT f, :now, :now FROM unnest(CAST(:flows AS text[])) AS f
              ON CONFLICT (flow) DO NOTHING
              """)
          .bind("flows", names)
          .bind("now", ts(now))
          .execute();
      return h.createQuery(
              """
              UPDATE notification_state SET owner = :node, lease_until = :until
              WHERE flow IN (
                  SELECT flow FROM notification_state
                  WHERE flow = ANY(CAST(:flows AS text[]))
                    AND (lease_until IS NULL OR lease_until < :now)
                  ORDER BY flow
                  FOR UPDATE SKIP LOCKED)
              RETURNING flow, digest_due_at, last_digest_at, behind_alerted_at,
                  health_alerted_since
              """)
          .bind("flows", names)
          .bind("node", node)
          .bind("now", ts(now))
          .bind("until", ts(now.plus(lease)))
          .map((rs, ctx) ->
              new FlowNotices(
                  rs.getString("flow"),
                  requiredInstant(rs, "digest_due_at"),
                  instant(rs, "last_digest_at"),
                  instant(rs, "behind_alerted_at"),
                  instant(rs, "health_alerted_since")))
          .list();
    });
  }

  /** Ends {@code node}'s lease on the flow. */
  public void release(String flow, String node) {
    jdbi.useHandle(h ->
        h.createUpdate(
                "UPDATE notification_state SET owner = NULL, lease_until = NULL"
                    + " WHERE flow = :flow AND owner = :node")
            .bind("flow", flow)
            .bind("node", node)
            .execute());
  }

  /**
   * The flow's records that entered the failed record queue since a digest last reported them, in
   * the order they failed, with the error message of the first {@code examplesPerCause} of each
   * cause.
   */
  public List<NewFailure> newFailures(String flow, int examplesPerCause) {
    return jdbi.withHandle(h ->
        h.createQuery(
                """
                SELECT id, source_id, cause, updated_at,
                    CASE WHEN row_number() OVER (PARTITION BY cause ORDER BY updated_at, id) <= :examples
                         THEN last_error END AS example
                FROM (SELECT id, source_id, COALESCE(last_cause, 'Other') AS cause, updated_at, last_error
                      FROM sync_job
                      WHERE flow = :flow AND state = 'failed'
                        AND failure_notified_at IS DISTINCT FROM updated_at) AS new_failures
                ORDER BY updated_at, id
                """)
            .bind("flow", flow)
            .bind("examples", examplesPerCause)
            .map((rs, ctx) ->
                new NewFailure(
                    rs.getLong("id"),
                    rs.getString("source_id"),
                    rs.getString("cause"),
                    requiredInstant(rs, "updated_at"),
                    Sql.text(rs, "example")))
            .list());
  }

  /**
   * Records a digest that went out: the failures it reported are no longer new (a record that
   * failed again since it was read stays new), and the next digest is due at {@code nextDueAt}.
   */
  public void digestSent(String flow, List<NewFailure> reported, Instant now, Instant nextDueAt) {
    var ids = reported.stream().map(NewFailure::jobId).toArray(Long[]::new);
    var times = reported.stream().map(f -> Sql.tsText(f.failedAt())).toArray(String[]::new);
    jdbi.useTransaction(h -> {
      h.createUpdate(
              """
              UPDATE sync_job j SET failure_notified_at = r.failed_at
              FROM unnest(CAST(:ids AS bigint[]), CAST(:times AS timestamptz[])) AS r(id, failed_at)
              WHERE j.id = r.id AND j.state = 'failed' AND j.updated_at = r.failed_at
              """)
          .bind("ids", ids)
          .bind("times", times)
          .execute();
      h.createUpdate(
              """
              UPDATE notification_state SET last_digest_at = :now, digest_due_at = :next,
                  updated_at = :now
              WHERE flow = :flow
              """)
          .bind("flow", flow)
          .bind("now", ts(now))
          .bind("next", ts(nextDueAt))
          .execute();
    });
  }

  /**
   * Moves the flow's next digest to {@code nextDueAt} without reporting anything: there was nothing
   * new, or the mail could not be sent (its failures stay new for the next one).
   */
  public void digestDeferred(String flow, Instant now, Instant nextDueAt) {
    jdbi.useHandle(h ->
        h.createUpdate(
                "UPDATE notification_state SET digest_due_at = :next, updated_at = :now"
                    + " WHERE flow = :flow")
            .bind("flow", flow)
            .bind("now", ts(now))
            .bind("next", ts(nextDueAt))
            .execute());
  }

  /**
   * Opens the flow's freshness alert (it went out at {@code alertedAt}) or, with empty, closes it.
   */
  public void behindAlerted(String flow, Optional<Instant> alertedAt, Instant now) {
    jdbi.useHandle(h ->
        h.createUpdate(
                "UPDATE notification_state SET behind_alerted_at = :at, updated_at = :now"
                    + " WHERE flow = :flow")
            .bind("flow", flow)
            .bind("at", alertedAt.map(Sql::ts).orElse(null))
            .bind("now", ts(now))
            .execute());
  }

  /**
   * Opens the flow's health alert, for the problem that began at {@code since}, or with empty
   * closes it.
   */
  public void healthAlerted(String flow, Optional<Instant> since, Instant now) {
    jdbi.useHandle(h ->
        h.createUpdate(
                "UPDATE notification_state SET health_alerted_since = :since, updated_at = :now"
                    + " WHERE flow = :flow")
            .bind("flow", flow)
            .bind("since", since.map(Sql::ts).orElse(null))
            .bind("now", ts(now))
            .execute());
  }
}
