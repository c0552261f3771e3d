package dev.syncline.sandbox.joor;

import java.time.Duration;

/**
 * How the JOOR sandbox behaves where research gives a figure (the credit budget) or leaves a fact
 * open (header names, job and page sizes). docs/sandboxes.md lists each setting with its source.
 *
 * @param creditBudget credits per window and account (joor.md §1.6: 300)
 * @param creditWindow the fixed window's length (joor.md §1.6: 300 seconds)
 * @param headers the names of the rate-limit headers (joor.md §1.6: unconfirmed)
 * @param matchDelay how long a new customer code waits for JOOR's data team (joor.md §2.1: about 72
 *     hours; 48 in §3.2)
 * @param bulkJobDelay how long a bulk-connection job takes to finish (unconfirmed)
 * @param maxPageSize the largest {@code count} (v2) or {@code page_size} (v4) served; larger asks
 *     get this many (unconfirmed)
 * @param maxBulkRecords the most records one bulk call may carry (unconfirmed)
 */
public record JoorSandboxSettings(
    int creditBudget,
    Duration creditWindow,
    RateLimitHeaders headers,
    Duration matchDelay,
    Duration bulkJobDelay,
    int maxPageSize,
    int maxBulkRecords) {

  /**
   * Header names. Only {@code X-Throttling-Account-Id} is confirmed (joor.md §1.6); the others
   * follow its prefix.
   */
  public record RateLimitHeaders(String limit, String remaining, String reset) {
    public static RateLimitHeaders defaults() {
      return new RateLimitHeaders(
          "X-Throttling-Limit", "X-Throttling-Remaining", "X-Throttling-Reset");
    }
  }

  public JoorSandboxSettings {
    if (creditBudget < 5) {
      throw new IllegalArgumentException(
          "creditBudget must be at least 5, the cost of one write, not " + creditBudget);
    }
    if (!creditWindow.isPositive()) {
      throw new IllegalArgumentException("creditWindow must be positive, not " + creditWindow);
    }
    if (matchDelay.isNegative() || bulkJobDelay.isNegative()) {
      throw new IllegalArgumentException("matchDelay and bulkJobDelay cannot be negative");
    }
    if (maxPageSize < 1 || maxBulkRecords < 1) {
      throw new IllegalArgumentException("maxPageSize and maxBulkRecords must be at least 1");
    }
  }

  /** The figures research gives, and our best guesses for the rest. */
  public static JoorSandboxSettings defaults() {
    return new JoorSandboxSettings(
        300,
        Duration.ofSeconds(300),
        RateLimitHeaders.defaults(),
        Duration.ofHours(48),
        Duration.ofSeconds(3),
        500,
        1000);
  }

  /** The demo's: new customers are matched after a minute instead of two days. */
  public static JoorSandboxSettings demo() {
    return defaults().withMatchDelay(Duration.ofMinutes(1));
  }

  public JoorSandboxSettings withCredits(int budget, Duration window) {
    return new JoorSandboxSettings(
        budget, window, headers, matchDelay, bulkJobDelay, maxPageSize, maxBulkRecords);
  }

  public JoorSandboxSettings withMatchDelay(Duration delay) {
    return new JoorSandboxSettings(
        creditBudget, creditWindow, headers, delay, bulkJobDelay, maxPageSize, maxBulkRecords);
  }

  public JoorSandboxSettings withBulkJobDelay(Duration delay) {
    return new JoorSandboxSettings(
        creditBudget, creditWindow, headers, matchDelay, delay, maxPageSize, maxBulkRecords);
  }

  public JoorSandboxSettings withSizes(int pageSize, int bulkRecords) {
    return new JoorSandboxSettings(
        creditBudget, creditWindow, headers, matchDelay, bulkJobDelay, pageSize, bulkRecords);
  }
}
