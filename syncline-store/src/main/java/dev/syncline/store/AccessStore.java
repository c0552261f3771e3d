package dev.syncline.store;

import static dev.syncline.store.Sql.instant;
import static dev.syncline.store.Sql.requiredInstant;
import static dev.syncline.store.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Users, API tokens and sign-in sessions. The store keeps only hashes: the caller hashes passwords
 * (a slow KDF) and tokens (SHA-256) before they get here. Roles are the words {@code viewer},
 * {@code operator} and {@code admin}.
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

  /** Starts a session; also clears out sessions that have expired, anyone's. */
  public void startSession(String idHash, String userName, Instant now, Instant expiresAt) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM web_session WHERE expires_at < :now")
          .bind("now", ts(now))
          .execute();
      h.createUpdate(
              """
              INSERT INTO web_session (id_hash, user_id, created_at, expires_at)
              SELECT :id, id, :now, :expires FROM app_user WHERE name = :name
              """)
          .bind("id", idHash)
          .bind("name", userName)
          .bind("now", ts(now))
          .bind("expires", ts(expiresAt))
          .execute();
    });
  }

  /** The user of a session that has not expired. */
  public Optional<SessionUser> session(String idHash, Instant now) {
    return jdbi.withHandle(h ->
        h.createQuery(
                """
                SELECT u.name, u.role, s.expires_at FROM web_session s JOIN app_user u ON u.id = s.user_id
                WHERE s.id_hash = :id AND s.expires_at > :now
                """)
            .bind("id", idHash)
            .bind("now", ts(now))
            .map((rs, ctx) ->
                new SessionUser(
                    rs.getString("name"), rs.getString("role"), requiredInstant(rs, "expires_at")))
            .findOne());
  }

  public void endSession(String idHash) {
    jdbi.useHandle(h ->
        h.createUpdate("DELETE FROM web_session WHERE id_hash = :id").bind("id", idHash).execute());
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
