package dev.syncline.netsuite.client;

import dev.syncline.core.remote.RemoteRetry;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach one NetSuite account.
 *
 * @param baseUrl what precedes {@code /services/rest}: the account's own domain, from Setup &gt;
 *     Company &gt; Company Information &gt; Company URLs (netsuite-api.md §1: never built by hand)
 * @param accountId the account id, such as {@code 1234567_SB1}, which is also the OAuth realm
 * @param auth the credentials
 * @param concurrency how many calls this process may have in flight at once: part of the account's
 *     limit, which every integration of the account shares (netsuite-api.md §5.2)
 * @param requestTimeout how long one call may take before it counts as failed
 * @param retry the short, in-call retries of transient failures
 */
public record NetSuiteConfig(
    URI baseUrl,
    String accountId,
    NetSuiteAuth auth,
    int concurrency,
    Duration requestTimeout,
    RemoteRetry retry) {

  /** netsuite-api.md §5.2: Oracle's own advice is up to five attempts with a wait. */
  public static final RemoteRetry RETRY =
      new RemoteRetry(5, Duration.ofMillis(500), Duration.ofSeconds(8));

  public NetSuiteConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(auth, "auth");
    if (!accountId.matches("[0-9A-Za-z]+(_[A-Za-z0-9]+)?")) {
      throw new IllegalArgumentException(
          "A NetSuite account id looks like 1234567 or 1234567_SB1, not \"" + accountId + "\"");
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
    }
    var path = baseUrl.getPath() == null ? "" : baseUrl.getPath();
    if (path.endsWith("/services/rest") || path.endsWith("/services/rest/")) {
      throw new IllegalArgumentException(
          "baseUrl is what precedes /services/rest (" + baseUrl + " includes it); drop that part");
    }
  }

  /** A configuration with the usual timeout and retries. */
  public static NetSuiteConfig of(
      URI baseUrl, String accountId, NetSuiteAuth auth, int concurrency) {
    return new NetSuiteConfig(baseUrl, accountId, auth, concurrency, Duration.ofSeconds(60), RETRY);
  }

  public NetSuiteConfig withRetry(RemoteRetry retry) {
    return new NetSuiteConfig(baseUrl, accountId, auth, concurrency, requestTimeout, retry);
  }

  public NetSuiteConfig withRequestTimeout(Duration requestTimeout) {
    return new NetSuiteConfig(baseUrl, accountId, auth, concurrency, requestTimeout, retry);
  }

  /**
   * netsuite-api.md §2.1, §7: the realm is the account id in upper case with its underscore; a
   * lower-case or hyphenated realm fails with INVALID_LOGIN.
   */
  String realm() {
    return accountId.toUpperCase(java.util.Locale.ROOT);
  }

  /** The REST root: {@code {baseUrl}/services/rest}. */
  URI restRoot() {
    var text = baseUrl.toString();
    return URI.create(
        (text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + "/services/rest");
  }
}
