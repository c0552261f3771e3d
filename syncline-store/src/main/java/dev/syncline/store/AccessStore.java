package dev.syncline.store;

import static dev.syncline.store.Sql.instant;
import static dev.syncline.store.Sql.requiredInstant;
import static dev.syncline.store.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * Users, API tokens, sign-in sessions and failed sign-ins. The store keeps only hashes: the caller
 * hashes passwords (a slow KDF) and tokens (SHA-256) before they get here. Roles are the words
 * {@code viewer}, {@code operator} and {@code admin}.
 */
public final class AccessStore {

  private final Jdbi jdbi;

  public AccessStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** A local user; {@code passwordHash} is the KDF's encoded output, never a password. */
  public record User(long id, String name, String role, String passwordHash, Instant createdAt) {}

  /** An API token as listed: never the token itself, which only its creator saw once. */
  public record Token(
      long id,
      String name,
      String role,
      String createdBy,
      Instant createdAt,
      Optional<Instant> lastUsedAt) {}

  /** Whose a session is, as of now. */
  public record SessionUser(String name, String role, Instant expiresAt) {}

  // Users.

  public int userCount() {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT count(*) FROM app_user").mapTo(Integer.class).one());
  }

  public int adminCount() {
    return jdbi.withHandle(h ->
        h.createQuery("SELECT count(*) FROM app_user WHERE role = 'admin'")
            .mapTo(Integer.class)
            .one());
  }

  /** Adds a user; false when one of that name exists already (nothing changes then). */
  public boolean addUser(String name, String role, String passwordHash, Instant now) {
    return jdbi.withHandle(h ->
        h.createUpdate(
                    """
                    INSERT INTO app_user (name, role, password_hash, created_at, updated_at)
                    VALUES (:name, :role, :hash, :now, :now) ON CONFLICT (name) DO NOTHING
                    """)
                .bind("name", name)
                .bind("role", role)
                .bind("hash", passwordHash)
                .bind("now", ts(now))
                .execute()
            == 1);
  }

  public Optional<User> user(String name) {
    return jdbi.withHandle(h ->
        h.createQuery("SELECT * FROM app_user WHERE name = :name")
            .bind("name", name)
            .map((rs, ctx) -> user(rs))
            .findOne());
  }

  public List<User> users() {
    return jdbi.withHandle(h ->
        h.createQuery("SELECT * FROM app_user ORDER BY name").map((rs, ctx) -> user(rs)).list());
  }

  private static User user(ResultSet rs) throws SQLException {
    return new User(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("role"),
        rs.getString("password_hash"),
        requiredInstant(rs, "created_at"));
  }

  /** Sets a user's password and ends their sessions; false when there is no such user. */
  public boolean setPassword(String name, String passwordHash, Instant now) {
    return jdbi.inTransaction(h -> {
      var changed =
          h.createUpdate(
                  "UPDATE app_user SET password_hash = :hash, updated_at = :now WHERE name = :name")
              .bind("name", name)
              .bind("hash", passwordHash)
              .bind("now", ts(now))
              .execute();
      h.createUpdate(
              "DELETE FROM web_session WHERE user_id = (SELECT id FROM app_user WHERE name = :name)")
          .bind("name", name)
          .execute();
      return changed == 1;
    });
  }

  public boolean setRole(String name, String role, Instant now) {
    return jdbi.withHandle(h ->
        h.createUpdate("UPDATE app_user SET role = :role, updated_at = :now WHERE name = :name")
                .bind("name", name)
                .bind("role", role)
                .bind("now", ts(now))
                .execute()
            == 1);
  }

  /** Removes a user and their sessions; false when there is no such user. */
  public boolean removeUser(String name) {
    return jdbi.withHandle(h ->
        h.createUpdate("DELETE FROM app_user WHERE name = :name").bind("name", name).execute()
            == 1);
  }

  // Sessions.

  /**
   * Starts a session; also clears out sessions that have expired or been idle since {@code
   * idleSince}, anyone's.
   */
  public void startSession(
      String idHash, String userName, Instant now, Instant expiresAt, Instant idleSince) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM web_session WHERE expires_at < :now OR last_seen_at < :idle")
          .bind("now", ts(now))
          .bind("idle", ts(idleSince))
          .execute();
      h.createUpdate(
              """
              INSERT INTO web_session (id_hash, user_id, created_at, expires_at, last_seen_at)
              SELECT :id, id, :now, :expires, :now FROM app_user WHERE name = :name
              """)
          .bind("id", idHash)
          .bind("name", userName)
          .bind("now", ts(now))
          .bind("expires", ts(expiresAt))
          .execute();
    });
  }

  /**
   * The user of a session that has not expired and has been used since {@code idleSince}. When
   * {@code active}, this request is the person's own doing, and the session's idle time starts
   * again from {@code now}.
   */
  public Optional<SessionUser> session(
      String idHash, Instant now, Instant idleSince, boolean active) {
    var live = "s.id_hash = :id AND s.expires_at > :now AND s.last_seen_at >= :idle";
    var sql =
        active
            ? """
            WITH s AS (
              UPDATE web_session s SET last_seen_at = greatest(s.last_seen_at, :now)
              WHERE %s RETURNING s.user_id, s.expires_at)
            SELECT u.name, u.role, s.expires_at FROM s JOIN app_user u ON u.id = s.user_id
            """
                .formatted(live)
            : """
            SELECT u.name, u.role, s.expires_at FROM web_session s JOIN app_user u ON u.id = s.user_id
            WHERE %s
            """
                .formatted(live);
    return jdbi.withHandle(h ->
        h.createQuery(sql)
            .bind("id", idHash)
            .bind("now", ts(now))
            .bind("idle", ts(idleSince))
            .map((rs, ctx) ->
                new SessionUser(
                    rs.getString("name"), rs.getString("role"), requiredInstant(rs, "expires_at")))
            .findOne());
  }

  public void endSession(String idHash) {
    jdbi.useHandle(h ->
        h.createUpdate("DELETE FROM web_session WHERE id_hash = :id").bind("id", idHash).execute());
  }

  // Failed sign-ins.

  /** The failed sign-ins counted under one key (a user name's, or a client address's). */
  public record SignInCount(String key, int failures, Instant lastFailureAt) {}

  /**
   * What to answer a sign-in attempt, and the counts to keep for its keys; keys not among them stay
   * as they were.
   */
  public record SignInDecision<T>(T answer, List<SignInCount> counts) {}

  /**
   * Counts a sign-in attempt under its keys before its password is checked, so that attempts made
   * at the same time, on any of the nodes sharing this database, cannot slip past a limit together.
   * Within one transaction that holds the keys' rows against every other attempt, {@code decide}
   * gets the keys that have failures counted and decides. Counts last changed before {@code
   * forgetBefore} are forgotten first.
   */
  public <T> T countSignIn(
      List<String> keys,
      Instant forgetBefore,
      Function<Map<String, SignInCount>, SignInDecision<T>> decide) {
    jdbi.useHandle(h ->
        h.createUpdate("DELETE FROM sign_in_failure WHERE last_failure_at < :before")
            .bind("before", ts(forgetBefore))
            .execute());
    // Always in the same order, so that two attempts sharing keys wait for each other, never both.
    var sorted = keys.stream().distinct().sorted().toList();
    return jdbi.inTransaction(h -> {
      var counts = new HashMap<String, SignInCount>();
      for (var key : sorted) {
        // A row to hold even for a key with no failures yet, so that two first attempts queue.
        h.createUpdate(
                """
                INSERT INTO sign_in_failure (key, failures, last_failure_at) VALUES (:key, 0, :at)
                ON CONFLICT (key) DO NOTHING
                """)
            .bind("key", key)
            .bind("at", ts(forgetBefore))
            .execute();
        h.createQuery(
                "SELECT failures, last_failure_at FROM sign_in_failure WHERE key = :key FOR UPDATE")
            .bind("key", key)
            .map((rs, ctx) ->
                new SignInCount(key, rs.getInt("failures"), requiredInstant(rs, "last_failure_at")))
            .findOne()
            .filter(c -> c.failures() > 0)
            .ifPresent(c -> counts.put(key, c));
      }
      var decision = decide.apply(Map.copyOf(counts));
      for (var count : decision.counts()) {
        h.createUpdate(
                """
                INSERT INTO sign_in_failure (key, failures, last_failure_at)
                VALUES (:key, :failures, :at)
                ON CONFLICT (key) DO UPDATE SET failures = :failures, last_failure_at = :at
                """)
            .bind("key", count.key())
            .bind("failures", count.failures())
            .bind("at", ts(count.lastFailureAt()))
            .execute();
      }
      h.createUpdate("DELETE FROM sign_in_failure WHERE key IN (<keys>) AND failures <= 0")
          .bindList("keys", sorted)
          .execute();
      return decision.answer();
    });
  }

  /**
   * Takes back an attempt that {@link #countSignIn} counted under the key at {@code countedAt}, now
   * that it succeeded; the time of the failure before it comes back, unless another was counted
   * since.
   */
  public void uncountSignIn(String key, Instant countedAt, Optional<Instant> failedBefore) {
    jdbi.useTransaction(h -> {
      h.createUpdate(
              """
              UPDATE sign_in_failure SET failures = failures - 1,
                last_failure_at = CASE WHEN last_failure_at = :counted
                  THEN coalesce(CAST(:before AS timestamptz), last_failure_at)
                  ELSE last_failure_at END
              WHERE key = :key
              """)
          .bind("key", key)
          .bind("counted", ts(countedAt))
          .bind("before", failedBefore.map(Sql::ts).orElse(null))
          .execute();
      h.createUpdate("DELETE FROM sign_in_failure WHERE key = :key AND failures <= 0")
          .bind("key", key)
          .execute();
    });
  }

  /** Forgets every failure counted under the key. */
  public void clearSignIn(String key) {
    jdbi.useHandle(h ->
        h.createUpdate("DELETE FROM sign_in_failure WHERE key = :key").bind("key", key).execute());
  }

  // API tokens.

  /** Adds a token; false when one of that name exists already. */
  public boolean addToken(
      String name, String role, String tokenHash, String createdBy, Instant now) {
    return jdbi.withHandle(h ->
        h.createUpdate(
                    """
                    INSERT INTO api_token (name, role, token_hash, created_by, created_at)
                    VALUES (:name, :role, :hash, :by, :now) ON CONFLICT (name) DO NOTHING
                    """)
                .bind("name", name)
                .bind("role", role)
                .bind("hash", tokenHash)
                .bind("by", createdBy)
                .bind("now", ts(now))
                .execute()
            == 1);
  }

  public List<Token> tokens() {
    return jdbi.withHandle(h ->
        h.createQuery("SELECT * FROM api_token ORDER BY name").map((rs, ctx) -> token(rs)).list());
  }

  /** The token of this hash, its last use set to {@code now}. */
  public Optional<Token> useToken(String tokenHash, Instant now) {
    return jdbi.withHandle(h ->
        h.createQuery(
                "UPDATE api_token SET last_used_at = :now WHERE token_hash = :hash RETURNING *")
            .bind("hash", tokenHash)
            .bind("now", ts(now))
            .map((rs, ctx) -> token(rs))
            .findOne());
  }

  /** Revokes a token by name; false when there is none of that name. */
  public boolean removeToken(String name) {
    return jdbi.withHandle(h ->
        h.createUpdate("DELETE FROM api_token WHERE name = :name").bind("name", name).execute()
            == 1);
  }

  private static Token token(ResultSet rs) throws SQLException {
    return new Token(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("role"),
        rs.getString("created_by"),
        requiredInstant(rs, "created_at"),
        instant(rs, "last_used_at"));
  }
}
