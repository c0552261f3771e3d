package dev.syncline.store;

import static dev.syncline.store.Sql.instant;
import static dev.syncline.store.Sql.requiredInstant;
import static dev.syncline.store.Sql.text;
import static dev.syncline.store.Sql.ts;

import dev.syncline.core.flow.Side;
import dev.syncline.core.model.RecordType;
import dev.syncline.core.port.Conflict;
import dev.syncline.core.port.ConflictFilter;
import dev.syncline.core.port.Conflicts;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The conflict list on PostgreSQL: {@code sync_conflict}, written by {@link OutcomeRecorder}. */
public final class PostgresConflicts implements Conflicts {

  private final Jdbi jdbi;

  public PostgresConflicts(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public List<Conflict> conflicts(ConflictFilter filter) {
    return jdbi.withHandle(h ->
        h.createQuery(
                """
                SELECT id, at, flow, record_type, field, master, a_id, b_id, kept, dropped, message,
                    acknowledged_at, acknowledged_by
                FROM sync_conflict
                WHERE (:acknowledged OR acknowledged_at IS NULL)
                  AND (CAST(:flow AS text) IS NULL OR flow = :flow)
                  AND (CAST(:record AS text) IS NULL OR a_id = :record OR b_id = :record)
                ORDER BY at DESC, id DESC
                LIMIT :limit
                """)
            .bind("acknowledged", filter.acknowledged())
            .bind("flow", filter.flow().orElse(null))
            .bind("record", filter.recordId().orElse(null))
            .bind("limit", filter.limit())
            .map((rs, ctx) ->
                new Conflict(
                    rs.getLong("id"),
                    rs.getString("flow"),
                    RecordType.ofKey(rs.getString("record_type")).orElseThrow(),
                    rs.getString("field"),
                    Side.valueOf(rs.getString("master")),
                    rs.getString("a_id"),
                    rs.getString("b_id"),
                    rs.getString("kept"),
                    rs.getString("dropped"),
                    rs.getString("message"),
                    requiredInstant(rs, "at"),
                    text(rs, "acknowledged_by"),
                    instant(rs, "acknowledged_at")))
            .list());
  }

  @Override
  public int acknowledge(List<Long> ids, String actor, Instant now) {
    if (ids.isEmpty()) {
      return 0;
    }
    return jdbi.withHandle(h ->
        h.createUpdate(
                """
                UPDATE sync_conflict SET acknowledged_at = :now, acknowledged_by = :actor
                WHERE id IN (<ids>) AND acknowledged_at IS NULL
                """)
            .bindList("ids", ids)
            .bind("now", ts(now))
            .bind("actor", actor)
            .execute());
  }

  @Override
  public Map<String, Integer> openByFlow() {
    return jdbi.withHandle(h -> {
      var open = new LinkedHashMap<String, Integer>();
      h.createQuery(
              "SELECT flow, count(*) AS n FROM sync_conflict WHERE acknowledged_at IS NULL"
                  + " GROUP BY flow ORDER BY flow")
          .map((rs, ctx) -> Map.entry(rs.getString("flow"), rs.getInt("n")))
          .forEach(e -> open.put(e.getKey(), e.getValue()));
      return open;
    });
  }
}
