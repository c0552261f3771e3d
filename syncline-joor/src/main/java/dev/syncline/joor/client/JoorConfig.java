package dev.syncline.joor.client;

import dev.syncline.core.Secret;
import dev.syncline.core.remote.RemoteRetry;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one JOOR account: where, as whom, and how patiently. One client serves one account,
 * as one NetSuite subsidiary maps to one JOOR account (joor.md §3.1).
 *
 * @param account the brand account id, sent as {@code account=} (joor.md §1.2)
 * @param requestTimeout how long one HTTP exchange may take
 */
public record JoorConfig(
    Endpoints endpoints,
    String account,
    Credentials credentials,
    RateLimit rateLimit,
    RemoteRetry retries,
    Bulk bulk,
    Duration requestTimeout) {

  public JoorConfig {
    Objects.requireNonNull(endpoints, "endpoints");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(rateLimit, "rateLimit");
    Objects.requireNonNull(retries, "retries");
    Objects.requireNonNull(bulk, "bulk");
    if (account == null || !account.matches("[0-9]{1,12}")) {
      throw new IllegalArgumentException(
          "The JOOR account id must be a number such as 4001, not \"" + account + "\"");
    }
    if (requestTimeout == null || !requestTimeout.isPositive()) {
      throw new IllegalArgumentException("requestTimeout must be positive");
    }
  }

  /** The defaults for everything but where, which account and as whom. */
  public static JoorConfig of(Endpoints endpoints, String account, Credentials credentials) {
    return new JoorConfig(
        endpoints,
        account,
        credentials,
        RateLimit.joor(),
        RETRY,
        Bulk.defaults(),
        Duration.ofSeconds(60));
  }

  public JoorConfig withRateLimit(RateLimit limit) {
    return new JoorConfig(endpoints, account, credentials, limit, retries, bulk, requestTimeout);
  }

  public JoorConfig withRetries(RemoteRetry newRetries) {
    return new JoorConfig(
        endpoints, account, credentials, rateLimit, newRetries, bulk, requestTimeout);
  }

  public JoorConfig withBulk(Bulk newBulk) {
    return new JoorConfig(
        endpoints, account, credentials, rateLimit, retries, newBulk, requestTimeout);
  }

  /**
   * The v2 and v4 API roots and the v4 token endpoint.
   *
   * @param v2 e.g. {@code https://api.jooraccess.com/v2}
   * @param v4 e.g. {@code https://api.jooraccess.com/v4}
   * @param auth e.g. {@code https://atlas.jooraccess.com/auth/}
   */
  public record Endpoints(URI v2, URI v4, URI auth) {
    public Endpoints {
      Objects.requireNonNull(v2, "v2");
      Objects.requireNonNull(v4, "v4");
      Objects.requireNonNull(auth, "auth");
    }

    /** joor.md §1.2. */
    public static Endpoints production() {
      return new Endpoints(
          URI.create("https://api.jooraccess.com/v2"),
          URI.create("https://api.jooraccess.com/v4"),
          URI.create("https://atlas.jooraccess.com/auth/"));
    }

    /** JOOR's own sandbox (joor.md §1.2). */
    public static Endpoints joorSandbox() {
      return new Endpoints(
          URI.create("https://apisandbox.jooraccess.com/v2"),
          URI.create("https://apisandbox.jooraccess.com/v4"),
          URI.create("https://atlas-sandbox.jooraccess.com/auth/"));
    }
  }

  /**
   * A v2 API token, v4 password-grant credentials, or both (joor.md §1.3). v2 calls use the token
   * when there is one and a v4 bearer token otherwise (JOOR accepts v4 tokens on v2); v4 calls need
   * the password grant.
   */
  public record Credentials(Optional<Secret> v2Token, Optional<PasswordGrant> passwordGrant) {
    public Credentials {
      if (v2Token.isEmpty() && passwordGrant.isEmpty()) {
        throw new IllegalArgumentException(
            "JOOR needs a v2 API token or v4 password-grant credentials (client id and secret,"
                + " username and password); neither is configured");
      }
    }

    public static Credentials v2(Secret token) {
      return new Credentials(Optional.of(token), Optional.empty());
    }

    public static Credentials v4(PasswordGrant grant) {
      return new Credentials(Optional.empty(), Optional.of(grant));
    }

    public static Credentials both(Secret token, PasswordGrant grant) {
      return new Credentials(Optional.of(token), Optional.of(grant));
    }
  }

  /** The client id and secret JOOR issues, and a JOOR login (joor.md §1.3). */
  public record PasswordGrant(
      String clientId, Secret clientSecret, String username, Secret password) {
    public PasswordGrant {
      if (clientId == null || clientId.isBlank() || username == null || username.isBlank()) {
        throw new IllegalArgumentException("The JOOR client id and username cannot be empty");
      }
      Objects.requireNonNull(clientSecret, "clientSecret");
      Objects.requireNonNull(password, "password");
    }
  }

  /**
   * JOOR's credit limit and how to read its headers.
   *
   * @param budget credits per window (joor.md §1.6: 300)
   * @param window the fixed window (joor.md §1.6: 300 seconds)
   * @param guard how much longer than JOOR's window ours is, to cover the time between taking
   *     credits here and JOOR counting the request (see {@code Limiters.slidingWindow})
   * @param remainingHeader the header with the credits left (its name is unconfirmed, joor.md §1.6)
   * @param resetHeader the header with the seconds until the window refills (unconfirmed)
   */
  public record RateLimit(
      int budget, Duration window, Duration guard, String remainingHeader, String resetHeader) {
    public RateLimit {
      if (budget < WRITE_COST) {
        throw new IllegalArgumentException(
            "The credit budget must allow one write (" + WRITE_COST + " credits), not " + budget);
      }
      if (!window.isPositive() || guard.isNegative()) {
        throw new IllegalArgumentException(
            "The window must be positive and the guard not negative");
      }
    }

    static final int WRITE_COST = 5;

    public static RateLimit joor() {
      return new RateLimit(
          300,
          Duration.ofSeconds(300),
          Duration.ofSeconds(2),
          "X-Throttling-Remaining",
          "X-Throttling-Reset");
    }

    /**
     * The span over which our side counts credits: JOOR's window and the guard (see
     * Limiters#slidingWindow).
     */
    public Duration span() {
      return window.plus(guard);
    }

    public RateLimit withBudget(int newBudget, Duration newWindow, Duration newGuard) {
      return new RateLimit(newBudget, newWindow, newGuard, remainingHeader, resetHeader);
    }
  }

  /** Retries inside the client: few and short. A longer wait is the engine's to take, later. */
  public static final RemoteRetry RETRY =
      new RemoteRetry(3, Duration.ofMillis(500), Duration.ofSeconds(30));

  /**
   * Grouping writes into bulk calls.
   *
   * @param maxRecords the most records one bulk call carries (JOOR's own limit is unconfirmed)
   * @param linger how long a call waits for one more write to join it, counted from the last one
   *     that did: writes that keep coming fill one call
   * @param longestLinger the longest a call waits for writes to join, counted from its first
   * @param firstPoll the wait before the first look at a bulk job; later looks back off to {@code
   *     longestPoll}
   * @param jobTimeout how long to wait for a bulk job before giving its records back as retryable
   */
  public record Bulk(
      int maxRecords,
      Duration linger,
      Duration longestLinger,
      Duration firstPoll,
      Duration longestPoll,
      Duration jobTimeout) {
    public Bulk {
      if (maxRecords < 1) {
        throw new IllegalArgumentException("maxRecords must be 1 or more");
      }
      if (linger.isNegative()
          || longestLinger.compareTo(linger) < 0
          || !firstPoll.isPositive()
          || longestPoll.compareTo(firstPoll) < 0) {
        throw new IllegalArgumentException(
            "linger must not be negative, longestLinger at least linger, firstPoll positive and"
                + " longestPoll at least firstPoll");
      }
    }

    public static Bulk defaults() {
      return new Bulk(
          500,
          Duration.ofMillis(500),
          Duration.ofSeconds(2),
          Duration.ofSeconds(2),
          Duration.ofSeconds(30),
          Duration.ofMinutes(30));
    }
  }
}
