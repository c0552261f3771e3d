package dev.syncline.zoey.client;

import dev.syncline.core.PermanentSyncException.ConfigurationProblem;
import dev.syncline.core.Secret;
import dev.syncline.core.remote.RemoteRetry;
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
 * @param retry the client's own retries of one call; a longer wait goes up to the engine, which
 *     retries the job later
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
    RemoteRetry retry) {

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
    if (!requestTimeout.isPositive()) {
      throw problem("Zoey's requestTimeout must be above zero, not " + requestTimeout + ".");
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
        new RemoteRetry(3, Duration.ofMillis(500), Duration.ofSeconds(30)));
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
        retry);
  }

  public ZoeyConfig withRetries(RemoteRetry newRetry) {
    return new ZoeyConfig(
        baseUrl,
        authorizeUrl,
        tokenUrl,
        clientId,
        clientSecret,
        redirectUri,
        pageSize,
        requestTimeout,
        newRetry);
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
        retry);
  }

  private static ConfigurationProblem problem(String message) {
    return new ConfigurationProblem(ZoeyApi.SYSTEM, message, Optional.empty(), null);
  }
}
