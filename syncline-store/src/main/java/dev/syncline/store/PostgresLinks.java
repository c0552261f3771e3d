package dev.syncline.store;

import static dev.syncline.store.Sql.instant;
import static dev.syncline.store.Sql.requiredInstant;
import static dev.syncline.store.Sql.ts;

import dev.syncline.core.model.RecordType;
import dev.syncline.core.port.Link;
import dev.syncline.core.port.LinkState;
import dev.syncline.core.port.Links;
import dev.syncline.core.port.Outcome;
import dev.syncline.core.port.RecordMatch;
import dev.syncline.core.port.RemoteState;
import dev.syncline.core.port.TargetRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The links on PostgreSQL: a {@code link} row per record across systems, and a {@code link_member}
 * row per (record type, instance, id) it lives in, holding what Syncline last saw and wrote there.
 * A record belongs to one link at most, and a link holds one record per instance, so a lookup by
 * (type, instance, ids) is one indexed join whichever flow or direction wrote the link.
 *
 * <p>Links are written inside the transaction that records a job's outcome ({@link
 * OutcomeRecorder}), through the package's static methods here.
 */
public final class PostgresLinks implements Links {

  /** One link seen from instance {@code :from} (f) towards instance {@code :to} (t). */
  private static final String PAIR =
      """
      SELECT l.id, l.record_type, l.base,
          f.instance AS f_instance, f.record_id AS f_id, f.version AS f_version,
          f.hash AS f_hash, f.payload AS f_payload,
          t.instance AS t_instance, t.record_id AS t_id, t.version AS t_version,
          t.hash AS t_hash, t.payload AS t_payload,
          t.state, t.detail, greatest(f.updated_at, t.updated_at) AS updated_at
      FROM link_member f
      JOIN link_member t ON t.link_id = f.link_id AND t.instance = :to
      JOIN link l ON l.id = f.link_id
      """;

  private final Jdbi jdbi;

  public PostgresLinks(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Map<String, Link> links(RecordType type, String from, String to, Collection<String> ids) {
    return jdbi.withHandle(h -> {
      var links = new HashMap<String, Link>();
      h.createQuery(
              PAIR
                  + " WHERE f.record_type = :type AND f.instance = :from"
                  + " AND f.record_id = ANY(:ids)")
          .bind("type", type.key())
          .bind("from", from)
          .bind("to", to)
          .bind("ids", ids.toArray(String[]::new))
          .map((rs, ctx) -> link(rs))
          .forEach(l -> links.put(l.from().id(), l));
      return links;
    });
  }

  @Override
  public List<String> linkedIds(
      RecordType type, String from, String to, String afterId, int limit) {
    return jdbi.withHandle(h ->
        h.createQuery(
                """
                SELECT f.record_id FROM link_member f
                JOIN link_member t ON t.link_id = f.link_id AND t.instance = :to
                WHERE f.record_type = :type AND f.instance = :from AND t.state <> 'unlinked'
                  AND f.record_id > :after
                ORDER BY f.record_id LIMIT :limit
                """)
            .bind("type", type.key())
            .bind("from", from)
            .bind("to", to)
            .bind("after", afterId)
            .bind("limit", limit)
            .mapTo(String.class)
            .list());
  }

  @Override
  public List<Link> pendingLinks(RecordType type, String from, String to, int limit) {
    return jdbi.withHandle(h ->
        h.createQuery(
                PAIR
                    + """
                     WHERE t.record_type = :type AND t.state = 'pending' AND f.instance = :from
                    ORDER BY t.updated_at LIMIT :limit
                    """)
            .bind("type", type.key())
            .bind("from", from)
            .bind("to", to)
            .bind("limit", limit)
            .map((rs, ctx) -> link(rs))
            .list());
  }

  @Override
  public void linksAccepted(String instance, List<Long> linkIds, Instant now) {
    jdbi.useHandle(h ->
        h.createUpdate(
                """
                UPDATE link_member SET state = 'synced', updated_at = :now
                WHERE link_id = ANY(:ids) AND instance = :instance AND state = 'pending'
                """)
            .bind("ids", linkIds.toArray(Long[]::new))
            .bind("instance", instance)
            .bind("now", ts(now))
            .execute());
  }

  private static Link link(ResultSet rs) throws SQLException {
    return new Link(
        rs.getLong("id"),
        RecordType.ofKey(rs.getString("record_type")).orElseThrow(),
        member(rs, "f_"),
        member(rs, "t_"),
        LinkState.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
        rs.getString("detail"),
        requiredInstant(rs, "updated_at"),
        Sql.targetRecord(rs, "base").map(TargetRecord::fields));
  }

  private static Link.Member member(ResultSet rs, String prefix) throws SQLException {
    return new Link.Member(
        rs.getString(prefix + "instance"),
        rs.getString(prefix + "id"),
        instant(rs, prefix + "version"),
        Sql.text(rs, prefix + "hash"),
        Sql.targetRecord(rs, prefix + "payload"));
  }

  @Override
  public void agreed(Link.Agreed agreed, Instant now) {
    jdbi.useHandle(h ->
        h.createUpdate(
                "UPDATE link SET base = CAST(:base AS jsonb), updated_at = :now WHERE id = :link")
            .bind("base", Sql.json(new TargetRecord(agreed.base())))
            .bind("now", ts(now))
            .bind("link", agreed.linkId())
            .execute());
  }

  // Writing, inside the transaction of a job's outcome.

  /** A record written by a job of the batch: its id at the source, and what was written. */
  record Write(String sourceId, Outcome.Written written) {}

  /**
   * Links the source records of a batch's writes to the target records they were written to,
   * joining the links either already has, and keeps the version seen at the source and what was
   * written to the target, in a few statements for the whole batch. Returns, by source id, a
   * message for each write whose target record already belongs to another record's link, which must
   * not be written over silently; for those nothing is changed. A source record that {@link
   * Outcome.Written#replaces() replaces} another takes over the replaced one's place in its link.
   *
   * <p>Writes are linked in rounds in which no record appears twice; the first round holds nearly
   * always all of them. Two writes to one target record are linked in the batch's order: the second
   * finds the first's link.
   */
  static Map<String, String> written(
      Handle h, String type, String from, String to, List<Write> writes, Instant now) {
    var refused = new HashMap<String, String>();
    if (writes.isEmpty()) {
      return refused;
    }
    // Two flows writing one record at once (NetSuite to JOOR US and to JOOR EU) would both find it
    // unlinked and both make a link: the records' locks make the second see the first's. A
    // deadlock between two batches is resolved by running the loser's transaction again.
    lock(
        h,
        writes.stream()
            .flatMap(w ->
                Stream.concat(
                    Stream.of(key(type, from, w.sourceId()), key(type, to, w.written().targetId())),
                    w.written().replaces().stream().map(old -> key(type, from, old)))));
    var pending = new java.util.ArrayDeque<>(writes);
    while (!pending.isEmpty()) {
      var round = new ArrayList<Write>();
      var later = new ArrayList<Write>();
      var seen = new HashSet<String>();
      for (var w : pending) {
        var keys =
            Stream.concat(
                    Stream.of("f" + w.sourceId(), "t" + w.written().targetId()),
                    w.written().replaces().stream().map(old -> "f" + old))
                .toList();
        if (keys.stream().anyMatch(seen::contains)) {
          later.add(w);
        } else {
          round.add(w);
        }
        seen.addAll(keys);
      }
      pending.clear();
      pending.addAll(linkRound(h, type, from, to, round, now, refused));
      pending.addAll(later);
    }
    return refused;
  }

  /**
   * Links one round of writes in which no record appears twice. Returns the writes that would join
   * a link another write of the round joins, to be linked in a later round that sees it.
   */
  private static List<Write> linkRound(
      Handle h,
      String type,
      String from,
      String to,
      List<Write> round,
      Instant now,
      Map<String, String> refused) {
    // A record that replaces another (an edited order made anew) takes over its link, unless it has
    // one of its own already.
    var replacing = round.stream().filter(w -> w.written().replaces().isPresent()).toList();
    if (!replacing.isEmpty()) {
      h.createUpdate(
              """
              UPDATE link_member m SET record_id = r.source, updated_at = :now
              FROM unnest(CAST(:olds AS text[]), CAST(:sources AS text[])) AS r(old, source)
              WHERE m.record_type = :type AND m.instance = :from AND m.record_id = r.old
                AND NOT EXISTS (SELECT 1 FROM link_member x WHERE x.record_type = :type
                  AND x.instance = :from AND x.record_id = r.source)
              """)
          .bind(
              "olds",
              replacing.stream().map(w -> w.written().replaces().get()).toArray(String[]::new))
          .bind("sources", replacing.stream().map(Write::sourceId).toArray(String[]::new))
          .bind("now", ts(now))
          .bind("type", type)
          .bind("from", from)
          .execute();
    }
    // Each record's link by its unique key; a target's link tells too whether it holds a record
    // of the source's instance already.
    var sourceLinks = new HashMap<String, Long>();
    var targetLinks = new HashMap<String, Long>();
    var targetsTaken = new HashSet<Long>();
    h.createQuery(
            """
            SELECT 'f' AS side, record_id, link_id, false AS taken FROM link_member
            WHERE record_type = :type AND instance = :from AND record_id = ANY(:sources)
            UNION ALL
            SELECT 't', m.record_id, m.link_id, EXISTS (SELECT 1 FROM link_member x
                WHERE x.link_id = m.link_id AND x.instance = :from)
            FROM link_member m
            WHERE m.record_type = :type AND m.instance = :to AND m.record_id = ANY(:targets)
            """)
        .bind("type", type)
        .bind("from", from)
        .bind("to", to)
        .bind("sources", round.stream().map(Write::sourceId).toArray(String[]::new))
        .bind("targets", round.stream().map(w -> w.written().targetId()).toArray(String[]::new))
        .map((rs, ctx) -> {
          var linkId = rs.getLong("link_id");
          if (rs.getString("side").equals("f")) {
            sourceLinks.put(rs.getString("record_id"), linkId);
          } else {
            targetLinks.put(rs.getString("record_id"), linkId);
            if (rs.getBoolean("taken")) {
              targetsTaken.add(linkId);
            }
          }
          return linkId;
        })
        .list();
    var later = new ArrayList<Write>();
    var linked = new ArrayList<Write>();
    var linkIds = new ArrayList<Long>();
    var used = new HashSet<Long>();
    int fresh = 0;
    for (var write : round) {
      var w = write.written();
      var sourceLink = Optional.ofNullable(sourceLinks.get(write.sourceId()));
      var targetLink = Optional.ofNullable(targetLinks.get(w.targetId()));
      Long linkId;
      if (targetLink.isPresent() && !targetLink.equals(sourceLink)) {
        if (sourceLink.isPresent() || targetsTaken.contains(targetLink.get())) {
          refused.put(
              write.sourceId(),
              "Record "
                  + w.targetId()
                  + " on "
                  + to
                  + " is already linked to another record, so "
                  + write.sourceId()
                  + " was written to it but not linked. Look at both records, and dismiss this"
                  + " failure once they are as they should be.");
          continue;
        }
        linkId = targetLink.get();
      } else {
        linkId = sourceLink.orElse(null);
      }
      if (linkId != null && !used.add(linkId)) {
        later.add(write);
        continue;
      }
      if (linkId == null) {
        fresh++;
      }
      linked.add(write);
      linkIds.add(linkId);
    }
    if (fresh > 0) {
      var made =
          h.createQuery(
                  """
                  INSERT INTO link (record_type, created_at, updated_at)
                  SELECT :type, :now, :now FROM generate_series(1, :n) RETURNING id
                  """)
              .bind("type", type)
              .bind("now", ts(now))
              .bind("n", fresh)
              .mapTo(Long.class)
              .list()
              .iterator();
      linkIds.replaceAll(id -> id == null ? made.next() : id);
    }
    if (linked.isEmpty()) {
      return later;
    }
    var links = linkIds.toArray(Long[]::new);
    // The source's record is synced once more if it had been unlinked (in a two-way flow, writing
    // back to it resumes); the target's is replaced where the target made a new record.
    h.createUpdate(
            """
            INSERT INTO link_member AS m (link_id, record_type, instance, record_id, state, version,
                updated_at)
            SELECT w.link, :type, :from, w.source, 'synced', w.version, :now
            FROM unnest(CAST(:links AS bigint[]), CAST(:sources AS text[]),
                CAST(:versions AS timestamptz[])) AS w(link, source, version)
            ON CONFLICT (link_id, instance) DO UPDATE SET
                version = EXCLUDED.version,
                detail = CASE WHEN m.state = 'unlinked' THEN '' ELSE m.detail END,
                state = CASE WHEN m.state = 'unlinked' THEN 'synced' ELSE m.state END,
                updated_at = EXCLUDED.updated_at
            """)
        .bind("links", links)
        .bind("type", type)
        .bind("from", from)
        .bind("sources", linked.stream().map(Write::sourceId).toArray(String[]::new))
        .bind("versions", times(linked, w -> Optional.of(w.sourceVersion())))
        .bind("now", ts(now))
        .execute();
    h.createUpdate(
            """
            INSERT INTO link_member AS m (link_id, record_type, instance, record_id, state, version,
                hash, payload, updated_at)
            SELECT w.link, :type, :to, w.target, w.state, w.version, w.hash,
                CAST(w.payload AS jsonb), :now
            FROM unnest(CAST(:links AS bigint[]), CAST(:targets AS text[]),
                CAST(:states AS text[]), CAST(:versions AS timestamptz[]), CAST(:hashes AS text[]),
                CAST(:payloads AS text[])) AS w(link, target, state, version, hash, payload)
            ON CONFLICT (link_id, instance) DO UPDATE SET
                record_id = EXCLUDED.record_id, state = EXCLUDED.state, detail = '',
                version = COALESCE(EXCLUDED.version, m.version), hash = EXCLUDED.hash,
                payload = EXCLUDED.payload, updated_at = EXCLUDED.updated_at
            """)
        .bind("links", links)
        .bind("type", type)
        .bind("to", to)
        .bind("targets", linked.stream().map(w -> w.written().targetId()).toArray(String[]::new))
        .bind(
            "states",
            linked.stream()
                .map(w -> w.written().state() == RemoteState.PENDING ? "pending" : "synced")
                .toArray(String[]::new))
        .bind("versions", times(linked, Outcome.Written::targetVersion))
        .bind("hashes", linked.stream().map(w -> w.written().hash()).toArray(String[]::new))
        .bind(
            "payloads",
            linked.stream().map(w -> Sql.json(w.written().payload())).toArray(String[]::new))
        .bind("now", ts(now))
        .execute();
    // The base moves only with a write that brings both sides to it; one-way writes keep none.
    h.createUpdate(
            """
            UPDATE link l SET updated_at = :now, base = COALESCE(CAST(w.base AS jsonb), l.base)
            FROM unnest(CAST(:links AS bigint[]), CAST(:bases AS text[])) AS w(link, base)
            WHERE l.id = w.link
            """)
        .bind("links", links)
        .bind(
            "bases",
            linked.stream()
                .map(w -> w.written().base().map(b -> Sql.json(new TargetRecord(b))).orElse(null))
                .toArray(String[]::new))
        .bind("now", ts(now))
        .execute();
    wake(
        h,
        type,
        from,
        linked.stream().map(Write::sourceId).toList(),
        to,
        linked.stream().map(w -> w.written().targetId()).toList(),
        now);
    return later;
  }

  private static String[] times(
      List<Write> writes, java.util.function.Function<Outcome.Written, Optional<Instant>> time) {
    return writes.stream()
        .map(w -> time.apply(w.written()).map(Sql::tsText).orElse(null))
        .toArray(String[]::new);
  }

  /**
   * Links a record a write made on the way (a contact created with its customer) to its source
   * record, unless either is linked already: no hash or payload is kept, since no flow wrote it as
   * such yet.
   */
  static void made(
      Handle h,
      String type,
      String from,
      String sourceId,
      String to,
      String targetId,
      Instant now) {
    lock(h, Stream.of(key(type, from, sourceId), key(type, to, targetId)));
    var linked =
        h.createQuery(
                """
                SELECT (SELECT count(*) FROM link_member WHERE record_type = :type
                            AND instance = :from AND record_id = :source)
                     + (SELECT count(*) FROM link_member WHERE record_type = :type
                            AND instance = :to AND record_id = :target)
                """)
            .bind("type", type)
            .bind("from", from)
            .bind("source", sourceId)
            .bind("to", to)
            .bind("target", targetId)
            .mapTo(Integer.class)
            .one();
    if (linked > 0) {
      return;
    }
    var linkId =
        h.createQuery(
                """
                INSERT INTO link (record_type, created_at, updated_at) VALUES (:type, :now, :now)
                RETURNING id
                """)
            .bind("type", type)
            .bind("now", ts(now))
            .mapTo(Long.class)
            .one();
    h.createUpdate(
            """
            INSERT INTO link_member (link_id, record_type, instance, record_id, state, updated_at)
            VALUES (:link, :type, :from, :source, 'synced', :now),
                   (:link, :type, :to, :target, 'synced', :now)
            """)
        .bind("link", linkId)
        .bind("type", type)
        .bind("from", from)
        .bind("source", sourceId)
        .bind("to", to)
        .bind("target", targetId)
        .bind("now", ts(now))
        .execute();
    wake(h, type, from, List.of(sourceId), to, List.of(targetId), now);
  }

  /**
   * Makes the jobs that wait for either record of the links just written due now, in the
   * transaction that writes them: a job waiting for a customer in NetSuite to be on Zoey is woken
   * whichever flow or direction linked them. Also called with the records a flow just left out, so
   * that the records following them say so.
   */
  static void wake(
      Handle h,
      String type,
      String from,
      List<String> sourceIds,
      String to,
      List<String> targetIds,
      Instant now) {
    h.createUpdate(
            """
            UPDATE sync_job j SET next_attempt_at = :now, updated_at = :now
            WHERE j.state = 'ready' AND j.last_outcome = 'waiting'
              AND j.id IN (
                  SELECT job_id FROM job_reference WHERE record_type = :type
                    AND instance = :from AND record_id = ANY(:sources) AND target = :to
                  UNION ALL
                  SELECT job_id FROM job_reference WHERE record_type = :type
                    AND instance = :to AND record_id = ANY(:targets) AND target = :from)
            """)
        .bind("type", type)
        .bind("from", from)
        .bind("sources", sourceIds.toArray(String[]::new))
        .bind("to", to)
        .bind("targets", targetIds.toArray(String[]::new))
        .bind("now", ts(now))
        .execute();
  }

  /**
   * Takes the transaction's locks of these records, in one order whoever takes them, so that two
   * transactions on one record see each other's links: one statement, which takes them in the order
   * of the array.
   */
  static void lock(Handle h, Stream<String> keys) {
    h.createQuery(
            """
            SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0)))
            FROM unnest(CAST(:keys AS text[])) AS k
            """)
        .bind("keys", keys.distinct().sorted().toArray(String[]::new))
        .mapTo(Long.class)
        .one();
  }

  /** The lock key of a record, as {@link #lock} takes it. */
  static String key(String type, String instance, String id) {
    return "link " + type + " " + instance + " " + id;
  }

  /**
   * Keeps the versions of source records found unchanged, by source id, where they are linked to a
   * record in {@code to}.
   */
  static void seen(
      Handle h, String type, String from, Map<String, Instant> versions, String to, Instant now) {
    if (versions.isEmpty()) {
      return;
    }
    h.createUpdate(
            """
            UPDATE link_member f SET version = u.version, updated_at = :now
            FROM unnest(CAST(:sources AS text[]), CAST(:versions AS timestamptz[])) AS u(id, version)
            WHERE f.record_type = :type AND f.instance = :from AND f.record_id = u.id
              AND EXISTS (SELECT 1 FROM link_member t WHERE t.link_id = f.link_id AND t.instance = :to)
            """)
        .bind("sources", versions.keySet().toArray(String[]::new))
        .bind("versions", versions.values().stream().map(Sql::tsText).toArray(String[]::new))
        .bind("now", ts(now))
        .bind("type", type)
        .bind("from", from)
        .bind("to", to)
        .execute();
  }

  /** A source record that left the flow: why, and its version when it has one. */
  record Unlinked(String sourceId, String reason, Optional<Instant> version) {}

  /**
   * Marks the records in {@code to} linked to these source records as unlinked, with the reason,
   * and keeps each source's version when it has one (a deleted record has none): one statement for
   * all.
   */
  static void unlinked(
      Handle h, String type, String from, String to, List<Unlinked> records, Instant now) {
    if (records.isEmpty()) {
      return;
    }
    h.createUpdate(
            """
            UPDATE link_member m SET
                state = CASE WHEN m.instance = :to THEN 'unlinked' ELSE m.state END,
                detail = CASE WHEN m.instance = :to THEN u.reason ELSE m.detail END,
                version = CASE WHEN m.instance = :from THEN COALESCE(u.version, m.version)
                               ELSE m.version END,
                updated_at = :now
            FROM unnest(CAST(:sources AS text[]), CAST(:reasons AS text[]),
                        CAST(:versions AS timestamptz[])) AS u(source, reason, version)
            JOIN link_member f
              ON f.record_type = :type AND f.instance = :from AND f.record_id = u.source
            WHERE m.link_id = f.link_id AND m.instance IN (:from, :to)
              AND EXISTS (SELECT 1 FROM link_member t WHERE t.link_id = f.link_id AND t.instance = :to)
            """)
        .bind("sources", records.stream().map(Unlinked::sourceId).toArray(String[]::new))
        .bind("reasons", records.stream().map(Unlinked::reason).toArray(String[]::new))
        .bind(
            "versions",
            records.stream()
                .map(u -> u.version().map(Sql::tsText).orElse(null))
                .toArray(String[]::new))
        .bind("now", ts(now))
        .bind("type", type)
        .bind("from", from)
        .bind("to", to)
        .execute();
  }

  @Override
  public List<RecordMatch> findRecords(String text, int limit) {
    var wanted = text.strip();
    if (wanted.isEmpty()) {
      return List.of();
    }
    // LIKE's wildcards in what a person typed are meant literally: escaped with '!', since Jdbi's
    // parser reads a backslash in a quoted string as escaping the quote.
    // Each linked record's search column holds its id and the text last written to it (V7, V11): a
    // link is found by any of its records. A record never
    // written has only its job, whose last error names it ("Customer 12 (Société Générale): ..."):
    // the part before the first colon is how the source describes the record.
    // Every word typed (the first ten), in any order and any of the record's texts: "chloe rossi"
    // finds a contact whose first and last names were written apart.
    var words = java.util.Arrays.stream(wanted.split("\\s+")).limit(10).toList();
    var linkedWords = new StringBuilder();
    var jobWords = new StringBuilder();
    for (var i = 0; i < words.size(); i++) {
      linkedWords.append(
          " AND m.search LIKE '%' || syncline_fold(:like" + i + ") || '%' ESCAPE '!'");
      jobWords.append(
          " AND syncline_fold(j.last_error) LIKE '%' || syncline_fold(:like"
              + i
              + ") || '%' ESCAPE '!'");
    }
    var query =
        """
        SELECT * FROM (
          SELECT 0 AS rank, f.record_type, f.flow, a.record_id AS source_id,
                 b.record_id AS target_id,
                 coalesce(b.payload ->> 'name', a.payload ->> 'name',
                          b.payload ->> 'companyName', a.payload ->> 'companyName',
                          nullif(trim(concat_ws(' ', b.payload ->> 'firstname',
                                                b.payload ->> 'lastname')), ''),
                          '') AS name,
                 CASE WHEN j.state IN ('failed', 'dismissed') THEN j.state ELSE b.state END
                   AS state,
                 greatest(a.updated_at, b.updated_at) AS updated_at
          FROM flow_state f
          JOIN link_member a ON a.record_type = f.record_type AND a.instance = f.a_instance
          JOIN link_member b ON b.link_id = a.link_id AND b.instance = f.b_instance
          LEFT JOIN sync_job j ON j.flow = f.flow AND j.side = 'A' AND j.source_id = a.record_id
          WHERE a.link_id IN (
              SELECT m.link_id FROM link_member m
              WHERE m.record_id = :text OR (true <linkedWords>))
          UNION ALL
          SELECT 1, f.record_type, j.flow, j.source_id, NULL,
                 split_part(coalesce(j.last_error, ''), ': ', 1),
                 j.state, j.updated_at
          FROM sync_job j JOIN flow_state f ON f.flow = j.flow
          WHERE j.side = 'A'
            AND (j.source_id = :text OR (j.last_error IS NOT NULL <jobWords>))
            AND NOT EXISTS (SELECT 1 FROM link_member a
                            JOIN link_member b ON b.link_id = a.link_id
                                 AND b.instance = f.b_instance
                            WHERE a.record_type = f.record_type
                              AND a.instance = f.a_instance AND a.record_id = j.source_id)
        ) found
        ORDER BY rank, updated_at DESC, source_id LIMIT :limit
        """
            .replace("<linkedWords>", linkedWords)
            .replace("<jobWords>", jobWords);
    return jdbi.withHandle(h -> {
      var q = h.createQuery(query).bind("text", wanted).bind("limit", limit);
      for (var i = 0; i < words.size(); i++) {
        q.bind("like" + i, words.get(i).replace("!", "!!").replace("%", "!%").replace("_", "!_"));
      }
      return q.map((rs, ctx) ->
              new RecordMatch(
                  rs.getString("record_type"),
                  rs.getString("flow"),
                  rs.getString("source_id"),
                  Sql.text(rs, "target_id"),
                  rs.getString("name"),
                  rs.getString("state")))
          .list();
    });
  }
}
