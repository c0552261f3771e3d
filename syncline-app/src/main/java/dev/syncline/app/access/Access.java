package dev.syncline.app.access;

import dev.syncline.app.config.SynclineConfig;
import dev.syncline.store.AccessStore;
import dev.syncline.store.AuditLog;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may do what: local users with passwords, API tokens, and the sessions of signed-in browsers.
 * Every change to users and tokens is written to the audit log with who made it.
 */
public final class Access {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  /** Checked against when the name is unknown, so that answering takes as long as for a user. */
  private static final String DUMMY_HASH = new Passwords().hash(Passwords.generate());

  private final AccessStore store;
  private final AuditLog audit;
  private final Passwords passwords;
  private final InstantSource clock;
  private final SynclineConfig.Sessions sessions;
  private final SignInLimits limits;

  public Access(
      AccessStore store,
      AuditLog audit,
      Passwords passwords,
      InstantSource clock,
      SynclineConfig.Sessions sessions,
      SynclineConfig.SignIn signIn) {
    this.store = store;
    this.audit = audit;
    this.passwords = passwords;
    this.clock = clock;
    this.sessions = sessions;
    this.limits = new SignInLimits(store, audit, signIn, clock);
  }

  /** What became of an attempt to sign in. */
  public sealed interface SignInOutcome {}

  /** The name and password matched: a session started. */
  public record SignedIn(NewSession session) implements SignInOutcome {}

  /**
   * The name and password do not match a user; {@code waitUntil} when this failure makes the next
   * attempts with the name or from the address wait.
   */
  public record Refused(Optional<Instant> waitUntil) implements SignInOutcome {}

  /**
   * Too many failed sign-ins with the name or from the address: the password was not checked, and
   * none will be until {@code until}, {@code left} from now.
   */
  public record Throttled(Instant until, Duration left) implements SignInOutcome {}

  /** A session just started: the secret for the browser's cookie, and its CSRF token. */
  public record NewSession(String secret, String csrfToken, Principal principal) {}

  /** An API token just made: the secret is shown this once and never stored. */
  public record NewToken(String name, Role role, String secret) {}

  /** A user as listed: no hash. */
  public record UserView(String name, Role role, Instant createdAt) {}

  /** A token as listed: no secret, no hash. */
  public record TokenView(
      String name, Role role, String createdBy, Instant createdAt, Optional<Instant> lastUsedAt) {}

  // Signing in.

  /**
   * Starts a session when the name and password match a user and neither the name nor the client's
   * address has failed too often of late.
   */
  public SignInOutcome signIn(String name, String password, String address) {
    var typed = name == null ? "" : name.trim();
    return switch (limits.count(typed, address)) {
      case SignInLimits.Waiting waiting ->
          new Throttled(waiting.until(), Duration.between(clock.instant(), waiting.until()));
      case SignInLimits.Counted counted -> check(typed, password, counted);
    };
  }

  private SignInOutcome check(String name, String password, SignInLimits.Counted attempt) {
    var user = store.user(name);
    if (user.isEmpty()
        || password == null
        || !passwords.verify(password, user.get().passwordHash())) {
      // The same slow work whether or not the user exists, so that timing does not tell names.
      if (user.isEmpty()) {
        passwords.verify(password == null ? "" : password, DUMMY_HASH);
      }
      return new Refused(limits.failed(attempt));
    }
    limits.succeeded(attempt);
    var secret = Tokens.random("");
    var now = clock.instant();
    store.startSession(
        Tokens.sha256(secret),
        user.get().name(),
        now,
        now.plus(sessions.lifetime()),
        now.minus(sessions.idleTimeout()));
    return new SignedIn(
        new NewSession(
            secret,
            csrfToken(secret),
            new Principal(user.get().name(), Role.parse(user.get().role()), false)));
  }

  /**
   * Whose the session is, while it lasts. {@code active} when the request is the person's own
   * doing, which starts its idle time again; a page refreshing a part of itself is not.
   */
  public Optional<Principal> session(String secret, boolean active) {
    var now = clock.instant();
    return store
        .session(Tokens.sha256(secret), now, now.minus(sessions.idleTimeout()), active)
        .map(s -> new Principal(s.name(), Role.parse(s.role()), false));
  }

  /** How long a session lasts at most, however busy. */
  public Duration sessionLifetime() {
    return sessions.lifetime();
  }

  public void signOut(String secret) {
    store.endSession(Tokens.sha256(secret));
  }

  /**
   * The CSRF token of a session: derived from its secret, so nothing more is stored, and telling
   * nothing of the secret itself.
   */
  public static String csrfToken(String sessionSecret) {
    return Tokens.sha256("csrf:" + sessionSecret);
  }

  public Optional<Principal> token(String secret) {
    return store
        .useToken(Tokens.sha256(secret), clock.instant())
        .map(t -> new Principal("token:" + t.name(), Role.parse(t.role()), true));
  }

  // Users.

  public boolean hasUsers() {
    return store.userCount() > 0;
  }

  public List<UserView> users() {
    return store.users().stream()
        .map(u -> new UserView(u.name(), Role.parse(u.role()), u.createdAt()))
        .toList();
  }

  /** Adds a user; refuses a taken or malformed name and a short password. */
  public void addUser(String name, Role role, String password, String actor) {
    checkName("name", name, "user");
    checkPassword(password);
    if (!store.addUser(name, role.key(), passwords.hash(password), clock.instant())) {
      throw new AccessException("name", "There is already a user named " + name);
    }
    audit.record(actor, "user.add", name, "role " + role.key());
  }

  public void setPassword(String name, String password, String actor) {
    checkPassword(password);
    if (!store.setPassword(name, passwords.hash(password), clock.instant())) {
      throw noUser(name);
    }
    audit.record(actor, "user.password", name, "");
  }

  public void setRole(String name, Role role, String actor) {
    var user = store.user(name).orElseThrow(() -> noUser(name));
    if (user.role().equals("admin") && role != Role.ADMIN) {
      keepAnAdmin(name);
    }
    store.setRole(name, role.key(), clock.instant());
    audit.record(actor, "user.role", name, user.role() + " -> " + role.key());
  }

  public void removeUser(String name, String actor) {
    var user = store.user(name).orElseThrow(() -> noUser(name));
    if (user.role().equals("admin")) {
      keepAnAdmin(name);
    }
    store.removeUser(name);
    audit.record(actor, "user.remove", name, "");
  }

  private void keepAnAdmin(String name) {
    if (store.adminCount() <= 1) {
      throw new AccessException(
          "role",
          name
              + " is the only admin; make another user admin first, so that someone can still"
              + " manage users and tokens");
    }
  }

  // API tokens.

  public List<TokenView> tokens() {
    return store.tokens().stream()
        .map(t ->
            new TokenView(
                t.name(), Role.parse(t.role()), t.createdBy(), t.createdAt(), t.lastUsedAt()))
        .toList();
  }

  public NewToken createToken(String name, Role role, String actor) {
    checkName("name", name, "token");
    var secret = Tokens.random("sl_");
    if (!store.addToken(name, role.key(), Tokens.sha256(secret), actor, clock.instant())) {
      throw new AccessException(
          "name",
          "There is already a token named " + name + "; revoke it first or pick another name");
    }
    audit.record(actor, "token.create", name, "role " + role.key());
    return new NewToken(name, role, secret);
  }

  public void revokeToken(String name, String actor) {
    if (!store.removeToken(name)) {
      throw new NoSuchElementException("There is no token named " + name);
    }
    audit.record(actor, "token.revoke", name, "");
  }

  private static void checkName(String field, String name, String what) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new AccessException(
          field,
          "A "
              + what
              + " name is 1 to 64 letters, digits, dots, dashes, underscores or @, starting with a"
              + " letter or digit; \""
              + (name == null ? "" : name)
              + "\" is not");
    }
  }

  private static void checkPassword(String password) {
    Passwords.weakness(password)
        .ifPresent(w -> {
          throw new AccessException("password", w);
        });
  }

  private static NoSuchElementException noUser(String name) {
    return new NoSuchElementException("There is no user named " + name);
  }
}
