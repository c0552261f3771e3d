package dev.syncline.zoey.client;

import dev.syncline.core.PermanentSyncException.ConfigurationProblem;
import dev.syncline.core.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach one Zoey store. The URLs and the client's id and secret are what Zoey's admin shows
 * for an OAuth 2 client (zoey.md §1.1: Settings > APIs > "Zoey REST API - oAuth 2": Auth URL, Token
 * URL, Client ID, Client Secret, Allowed Redirect URLs).
 *
 * @param baseUrl the REST API's root, e.g. {@code https://store.example.com/api/rest}
 * @param pageSize records per page, at most 100 (zoey.md §5.2)
 * @param requestTimeout the longest one request may take
 * @param maxAttempts attempts of one call, the first included, before a retryable error goes up
 * @param retryBackoff the pause before the first retry, doubled each time, with jitter
 * @param longestRetryAfter the longest {@code Retry-After} the client waits out itself; a longer
 *     one goes up to the engine, which retries the job later
 */
public record ZoeyConfig(
    URI baseUrl,
    URI authorizeUrl,
    URI tokenUrl,
    String clientId,
    Secret clientSecret,
    URI redirectUri,
    int pageSize,
    Duration requestTimeout,
    int maxAttempts,
    Duration retryBackoff,
    Duration longestRetryAfter) {

  public ZoeyConfig {
    baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", ""));
    if (clientId.isBlank() || clientSecret.isEmpty()) {
      throw problem(
          "Zoey's client id and client secret are required: copy them from the OAuth 2 client in"
              + " Zoey's Settings > APIs > \"Zoey REST API - oAuth 2\".");
    }
    if (pageSize < 1 || pageSize > ZoeyApi.MAX_PAGE_SIZE) {
      throw problem(
          "Zoey's page size must be between 1 and "
              + ZoeyApi.MAX_PAGE_SIZE
              + ", not "
              + pageSize
              + ".");
    }
    if (maxAttempts < 1) {
      throw problem("Zoey's maxAttempts must be at least 1, not " + maxAttempts + ".");
    }
    if (!requestTimeout.isPositive()
        || retryBackoff.isNegative()
        || longestRetryAfter.isNegative()) {
      throw problem("Zoey's requestTimeout must be above zero and its retry pauses not negative.");
    }
  }

  /** A store's connection with the usual page size, timeout and retries. */
  public static ZoeyConfig of(
      URI baseUrl,
      URI authorizeUrl,
      URI tokenUrl,
      String clientId,
      Secret clientSecret,
      URI redirectUri) {
    return new ZoeyConfig(
        baseUrl,
        authorizeUrl,
        tokenUrl,
        clientId,
        clientSecret,
        redirectUri,
        ZoeyApi.MAX_PAGE_SIZE,
        Duration.ofSeconds(30),
        3,
        Duration.ofMillis(500),
        Duration.ofSeconds(30));
  }

  public ZoeyConfig withPageSize(int size) {
    return new ZoeyConfig(
        baseUrl,
        authorizeUrl,
        tokenUrl,
        clientId,
        clientSecret,
        redirectUri,
        size,
        requestTimeout,
        maxAttempts,
        retryBackoff,
        longestRetryAfter);
  }

  public ZoeyConfig withRetries(int attempts, Duration backoff, Duration longestWait) {
    return new ZoeyConfig(
        baseUrl,
        authorizeUrl,
        tokenUrl,
        clientId,
        clientSecret,
        redirectUri,
        pageSize,
        requestTimeout,
        attempts,
        backoff,
        longestWait);
  }

  public ZoeyConfig withRequestTimeout(Duration timeout) {
    return new ZoeyConfig(
        baseUrl,
        authorizeUrl,
        tokenUrl,
        clientId,
        clientSecret,
        redirectUri,
        pageSize,
        timeout,
        maxAttempts,
        retryBackoff,
        longestRetryAfter);
  }

  private static ConfigurationProblem problem(String message) {
    return new ConfigurationProblem(ZoeyApi.SYSTEM, message, Optional.empty(), null);
  }
}
