package dev.syncline.sandbox.zoey;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * How the Zoey sandbox behaves where the research could not confirm Zoey's behaviour (zoey.md §0:
 * no API reference was found). Each setting picks the most likely behaviour by default and can be
 * changed, by a test or through {@code PUT /_sandbox/zoey/settings}, to the other.
 *
 * @param accessTokenTtl how long an access token lives (zoey.md §1.1: "temporary", lifetime [U])
 * @param rotateRefreshTokens whether a refresh grant also replaces the refresh token [U]
 * @param defaultPageSize the page size when a request names none (zoey.md §5.2: M1 default 10)
 * @param maxPageSize the largest {@code limit} accepted (zoey.md §5.2: M1 maximum 100)
 * @param repeatLastPage whether a page past the end answers the last page again (zoey.md §4.3: M1
 *     clamps the page) instead of an empty collection
 * @param keyedCollections whether collections are JSON objects keyed by id (zoey.md §5.2: M1
 *     customers and orders) rather than arrays; stock items and customer groups are arrays always
 * @param rateLimitRequests requests allowed per client in each {@code rateLimitWindow}, 0 for no
 *     limit (zoey.md §1.3: no published limit)
 * @param rateLimitWindow the fixed window of the rate limit
 * @param contactCreateAllowed whether the API may create contacts (zoey.md §4.4: stock M1 refuses
 *     POST /customers to admins, but Zoey's own NetSuite import creates them, §3.3)
 * @param guestCheckout whether buyers may order without an account (zoey.md §2.1: [U])
 */
public record ZoeySettings(
    Duration accessTokenTtl,
    boolean rotateRefreshTokens,
    int defaultPageSize,
    int maxPageSize,
    boolean repeatLastPage,
    boolean keyedCollections,
    int rateLimitRequests,
    Duration rateLimitWindow,
    boolean contactCreateAllowed,
    boolean guestCheckout) {

  public ZoeySettings {
    if (accessTokenTtl.isNegative() || accessTokenTtl.isZero()) {
      throw new IllegalArgumentException("accessTokenTtlSeconds must be above 0");
    }
    if (defaultPageSize < 1 || maxPageSize < 1 || defaultPageSize > maxPageSize) {
      throw new IllegalArgumentException(
          "defaultPageSize and maxPageSize must be at least 1, and the default at most the maximum");
    }
    if (rateLimitRequests < 0 || rateLimitWindow.isNegative() || rateLimitWindow.isZero()) {
      throw new IllegalArgumentException(
          "rateLimitRequests must be 0 or more and rateLimitWindowSeconds above 0");
    }
  }

  public static ZoeySettings defaults() {
    return new ZoeySettings(
        Duration.ofHours(1), true, 10, 100, true, true, 0, Duration.ofMinutes(1), true, true);
  }

  public ZoeySettings withRateLimit(int requests, Duration window) {
    return new ZoeySettings(
        accessTokenTtl,
        rotateRefreshTokens,
        defaultPageSize,
        maxPageSize,
        repeatLastPage,
        keyedCollections,
        requests,
        window,
        contactCreateAllowed,
        guestCheckout);
  }

  /**
   * These settings with the fields present in {@code json} changed; unknown fields are refused, so
   * that a misspelt setting is not silently ignored.
   */
  public ZoeySettings merge(JsonNode json) {
    if (!json.isObject()) {
      throw new IllegalArgumentException("settings must be a JSON object");
    }
    for (var name : json.propertyNames()) {
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException(
            "unknown setting \"" + name + "\"; known settings are " + NAMES);
      }
    }
    return new ZoeySettings(
        Duration.ofSeconds(json.path("accessTokenTtlSeconds").asLong(accessTokenTtl.toSeconds())),
        json.path("rotateRefreshTokens").asBoolean(rotateRefreshTokens),
        json.path("defaultPageSize").asInt(defaultPageSize),
        json.path("maxPageSize").asInt(maxPageSize),
        json.path("repeatLastPage").asBoolean(repeatLastPage),
        json.path("keyedCollections").asBoolean(keyedCollections),
        json.path("rateLimitRequests").asInt(rateLimitRequests),
        Duration.ofSeconds(json.path("rateLimitWindowSeconds").asLong(rateLimitWindow.toSeconds())),
        json.path("contactCreateAllowed").asBoolean(contactCreateAllowed),
        json.path("guestCheckout").asBoolean(guestCheckout));
  }

  /** The settings as the control API shows them. */
  public Map<String, Object> describe() {
    var map = new LinkedHashMap<String, Object>();
    map.put("accessTokenTtlSeconds", accessTokenTtl.toSeconds());
    map.put("rotateRefreshTokens", rotateRefreshTokens);
    map.put("defaultPageSize", defaultPageSize);
    map.put("maxPageSize", maxPageSize);
    map.put("repeatLastPage", repeatLastPage);
    map.put("keyedCollections", keyedCollections);
    map.put("rateLimitRequests", rateLimitRequests);
    map.put("rateLimitWindowSeconds", rateLimitWindow.toSeconds());
    map.put("contactCreateAllowed", contactCreateAllowed);
    map.put("guestCheckout", guestCheckout);
    return map;
  }

  private static final Set<String> NAMES =
      Set.of(
          "accessTokenTtlSeconds",
          "rotateRefreshTokens",
          "defaultPageSize",
          "maxPageSize",
          "repeatLastPage",
          "keyedCollections",
          "rateLimitRequests",
          "rateLimitWindowSeconds",
          "contactCreateAllowed",
          "guestCheckout");
}
