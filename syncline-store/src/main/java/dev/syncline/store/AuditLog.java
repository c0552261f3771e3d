package dev.syncline.store;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Who did what and when: the trail a person reads to learn why something changed. Rows are only
 * added.
 */
public final class AuditLog {

  private final Jdbi jdbi;
  private final InstantSource clock;

  /** Entries are timed by {@code clock}, as everything else the store keeps. */
  public AuditLog(Jdbi jdbi, InstantSource clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** One entry: {@code actor} is a user, an API token's name or {@code system}. */
  public record Entry(Instant at, String actor, String action, String subject, String detail) {}

  public void record(String actor, String action, String subject, String detail) {
    jdbi.useHandle(h ->
        h.createUpdate(
                "INSERT INTO audit_log (at, actor, action, subject, detail)"
                    + " VALUES (:at, :actor, :action, :subject, :detail)")
            .bind("at", Sql.ts(clock.instant()))
            .bind("actor", actor)
            .bind("action", action)
            .bind("subject", subject)
            .bind("detail", detail)
            .execute());
  }

  /** The newest entries first. */
  public List<Entry> recent(int limit) {
    return jdbi.withHandle(h ->
        h.createQuery(
                "SELECT at, actor, action, subject, detail FROM audit_log"
                    + " ORDER BY at DESC, id DESC LIMIT :limit")
            .bind("limit", limit)
            .map((rs, ctx) ->
                new Entry(
                    rs.getTimestamp("at").toInstant(),
                    rs.getString("actor"),
                    rs.getString("action"),
                    rs.getString("subject"),
                    rs.getString("detail")))
            .list());
  }
}
