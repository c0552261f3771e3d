package dev.syncline.sandbox.netsuite;

import java.time.Duration;
import java.util.List;

/**
 * How the NetSuite sandbox behaves. Where the research leaves a fact unconfirmed, the default is
 * the most likely behaviour and the setting lets a test or a benchmark choose another
 * (docs/sandboxes.md lists them).
 *
 * @param host the address to listen on
 * @param port the port, 0 for any free one
 * @param accounts the accounts served, each under its own base URL
 * @param concurrencyLimit requests in flight per account before NetSuite refuses more
 *     (netsuite-api.md §5.2: 15 for the smallest tier with one SuiteCloud Plus licence)
 * @param overloadAnswer how a request over the limit is refused (netsuite-api.md §5.2: 429, or the
 *     401 INVALID_LOGIN one client saw under overload)
 * @param timestampSkewSeconds how far {@code oauth_timestamp} may be from the sandbox clock
 *     (netsuite-api.md §2.1: unconfirmed, about five minutes)
 * @param tokenLifetimeSeconds OAuth 2.0 access tokens live this long (netsuite-api.md §2.2: one
 *     hour)
 * @param dateFormat the user's date format preference, a {@link java.time.format.DateTimeFormatter}
 *     pattern: for date literals in {@code q} and dates in SuiteQL rows (netsuite-api.md §3.7)
 * @param timeFormat the user's time format preference, for {@code q} literals with a time
 * @param rowCeiling rows a SuiteQL query or a record list can page through (netsuite-api.md §3.7,
 *     §4: 100,000)
 * @param suiteQlTimeoutSeconds a SuiteQL statement is stopped after this long
 * @param advancedShipping false to invoice each fulfilment at once, as NetSuite does without the
 *     Advanced Shipping feature (netsuite-api.md §3.6)
 * @param upsertReturnsLocation whether an upsert's 204 carries a {@code Location} header
 *     (netsuite-api.md §3.4: unconfirmed)
 */
public record NetSuiteSettings(
    String host,
    int port,
    List<AccountSettings> accounts,
    int concurrencyLimit,
    OverloadAnswer overloadAnswer,
    long timestampSkewSeconds,
    long tokenLifetimeSeconds,
    String dateFormat,
    String timeFormat,
    int rowCeiling,
    long suiteQlTimeoutSeconds,
    boolean advancedShipping,
    boolean upsertReturnsLocation) {

  /** How NetSuite refuses a request over the account's concurrency limit. */
  public enum OverloadAnswer {
    TOO_MANY_REQUESTS,
    INVALID_LOGIN
  }

  /** The demo account's id, as in the research's examples. */
  public static final String DEMO_ACCOUNT = "1234567_SB1";

  public NetSuiteSettings {
    accounts = List.copyOf(accounts);
    if (accounts.isEmpty()) {
      throw new IllegalArgumentException("The NetSuite sandbox needs at least one account");
    }
    if (concurrencyLimit < 1) {
      throw new IllegalArgumentException(
          "concurrencyLimit must be at least 1, not " + concurrencyLimit);
    }
    if (rowCeiling < 1) {
      throw new IllegalArgumentException("rowCeiling must be at least 1, not " + rowCeiling);
    }
    java.time.format.DateTimeFormatter.ofPattern(dateFormat);
    java.time.format.DateTimeFormatter.ofPattern(timeFormat);
  }

  /** One demo account on loopback, any free port, NetSuite's defaults. */
  public static NetSuiteSettings defaults() {
    return new NetSuiteSettings(
        "127.0.0.1",
        0,
        List.of(AccountSettings.demo(DEMO_ACCOUNT)),
        15,
        OverloadAnswer.TOO_MANY_REQUESTS,
        300,
        3600,
        "M/d/yyyy",
        "h:mm a",
        100_000,
        30,
        true,
        true);
  }

  public NetSuiteSettings withListen(String host, int port) {
    return new NetSuiteSettings(
        host,
        port,
        accounts,
        concurrencyLimit,
        overloadAnswer,
        timestampSkewSeconds,
        tokenLifetimeSeconds,
        dateFormat,
        timeFormat,
        rowCeiling,
        suiteQlTimeoutSeconds,
        advancedShipping,
        upsertReturnsLocation);
  }

  public NetSuiteSettings withAccounts(List<AccountSettings> accounts) {
    return new NetSuiteSettings(
        host,
        port,
        accounts,
        concurrencyLimit,
        overloadAnswer,
        timestampSkewSeconds,
        tokenLifetimeSeconds,
        dateFormat,
        timeFormat,
        rowCeiling,
        suiteQlTimeoutSeconds,
        advancedShipping,
        upsertReturnsLocation);
  }

  public NetSuiteSettings withConcurrencyLimit(int concurrencyLimit) {
    return new NetSuiteSettings(
        host,
        port,
        accounts,
        concurrencyLimit,
        overloadAnswer,
        timestampSkewSeconds,
        tokenLifetimeSeconds,
        dateFormat,
        timeFormat,
        rowCeiling,
        suiteQlTimeoutSeconds,
        advancedShipping,
        upsertReturnsLocation);
  }

  public NetSuiteSettings withOverloadAnswer(OverloadAnswer overloadAnswer) {
    return new NetSuiteSettings(
        host,
        port,
        accounts,
        concurrencyLimit,
        overloadAnswer,
        timestampSkewSeconds,
        tokenLifetimeSeconds,
        dateFormat,
        timeFormat,
        rowCeiling,
        suiteQlTimeoutSeconds,
        advancedShipping,
        upsertReturnsLocation);
  }

  public NetSuiteSettings withDateFormat(String dateFormat) {
    return new NetSuiteSettings(
        host,
        port,
        accounts,
        concurrencyLimit,
        overloadAnswer,
        timestampSkewSeconds,
        tokenLifetimeSeconds,
        dateFormat,
        timeFormat,
        rowCeiling,
        suiteQlTimeoutSeconds,
        advancedShipping,
        upsertReturnsLocation);
  }

  public NetSuiteSettings withRowCeiling(int rowCeiling) {
    return new NetSuiteSettings(
        host,
        port,
        accounts,
        concurrencyLimit,
        overloadAnswer,
        timestampSkewSeconds,
        tokenLifetimeSeconds,
        dateFormat,
        timeFormat,
        rowCeiling,
        suiteQlTimeoutSeconds,
        advancedShipping,
        upsertReturnsLocation);
  }

  public NetSuiteSettings withAdvancedShipping(boolean advancedShipping) {
    return new NetSuiteSettings(
        host,
        port,
        accounts,
        concurrencyLimit,
        overloadAnswer,
        timestampSkewSeconds,
        tokenLifetimeSeconds,
        dateFormat,
        timeFormat,
        rowCeiling,
        suiteQlTimeoutSeconds,
        advancedShipping,
        upsertReturnsLocation);
  }

  public NetSuiteSettings withUpsertReturnsLocation(boolean upsertReturnsLocation) {
    return new NetSuiteSettings(
        host,
        port,
        accounts,
        concurrencyLimit,
        overloadAnswer,
        timestampSkewSeconds,
        tokenLifetimeSeconds,
        dateFormat,
        timeFormat,
        rowCeiling,
        suiteQlTimeoutSeconds,
        advancedShipping,
        upsertReturnsLocation);
  }

  Duration timestampSkew() {
    return Duration.ofSeconds(timestampSkewSeconds);
  }

  Duration tokenLifetime() {
    return Duration.ofSeconds(tokenLifetimeSeconds);
  }

  Duration suiteQlTimeout() {
    return Duration.ofSeconds(suiteQlTimeoutSeconds);
  }

  /**
   * One account and the integration's credentials in it.
   *
   * @param id the account id, such as {@code 1234567_SB1} (the OAuth 1.0 realm)
   * @param consumerKey the integration record's consumer key (TBA)
   * @param consumerSecret its consumer secret
   * @param tokenId the access token's id (TBA)
   * @param tokenSecret the access token's secret
   * @param clientId the integration's client id, the {@code iss} of OAuth 2.0 client assertions
   */
  public record AccountSettings(
      String id,
      String consumerKey,
      String consumerSecret,
      String tokenId,
      String tokenSecret,
      String clientId) {

    public AccountSettings {
      if (!id.matches("[0-9A-Z]+(_[A-Z0-9]+)?")) {
        throw new IllegalArgumentException(
            "A NetSuite account id is digits or capitals, with an optional _SB1-like suffix, not "
                + id);
      }
    }

    /** Credentials derived from the id, the same on every run, for demos. */
    public static AccountSettings demo(String id) {
      var tag = id.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      return new AccountSettings(
          id,
          "demo-consumer-key-" + tag,
          "demo-consumer-secret-" + tag,
          "demo-token-id-" + tag,
          "demo-token-secret-" + tag,
          "demo-client-id-" + tag);
    }

    /**
     * netsuite-api.md §1: the host label of the account's domain, lower case with hyphens ({@code
     * 1234567-sb1}); on loopback it is the path prefix.
     */
    String label() {
      return id.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }
}
