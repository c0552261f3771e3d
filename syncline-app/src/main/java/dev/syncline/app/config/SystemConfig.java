package dev.syncline.app.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.syncline.core.Secret;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One system instance under {@code systems}, told apart by its {@code type}. Each system module's
 * wiring turns its own kind into a client and adapters.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = SystemConfig.NetSuite.class, name = "netsuite"),
  @JsonSubTypes.Type(value = SystemConfig.Joor.class, name = "joor"),
  @JsonSubTypes.Type(value = SystemConfig.Zoey.class, name = "zoey")
})
public sealed interface SystemConfig
    permits SystemConfig.NetSuite, SystemConfig.Joor, SystemConfig.Zoey {

  /**
   * A NetSuite account, reached through SuiteTalk REST with TBA or OAuth 2.0 client credentials.
   */
  record NetSuite(
      String account,
      String baseUrl,
      Optional<String> consumerKey,
      Optional<Secret> consumerSecret,
      Optional<String> tokenId,
      Optional<Secret> tokenSecret,
      Optional<String> clientId,
      Optional<String> certificateId,
      Optional<String> privateKeyFile,
      Optional<String> algorithm,
      Optional<Integer> concurrency,
      Optional<String> timeZone,
      Optional<String> channelsField,
      Optional<String> customerReads,
      Optional<Duration> requestTimeout,
      Map<String, Condition> conditions)
      implements SystemConfig {

    public NetSuite {
      conditions = conditions == null ? Map.of() : new java.util.TreeMap<>(conditions);
    }

    /**
     * A named SuiteQL condition over the customer table as {@code c}, with {@code :placeholder}s
     * for its values, which reach SuiteQL only quoted; a record carries its result, true or false,
     * as {@code custom.<name>} for flows' filters.
     */
    public record Condition(String where, Map<String, String> values) {
      public Condition {
        values = values == null ? Map.of() : Map.copyOf(values);
      }
    }
  }

  /** A JOOR account: one per NetSuite subsidiary (research/joor.md §3.1). */
  record Joor(
      String account,
      Optional<String> environment,
      Optional<String> v2Url,
      Optional<String> v4Url,
      Optional<String> authUrl,
      Optional<Secret> token,
      Optional<String> clientId,
      Optional<Secret> clientSecret,
      Optional<String> username,
      Optional<Secret> password,
      Optional<Credits> credits,
      Optional<Integer> bulkSize,
      Optional<Duration> requestTimeout)
      implements SystemConfig {

    /** JOOR's credit budget (joor.md §1.6) and the guard our side adds to its window. */
    public record Credits(Integer budget, Duration window, Duration guard) {}
  }

  /**
   * A Zoey store, reached through its REST API with an OAuth 2 client (zoey.md §1.1).
   *
   * @param refreshToken a refresh token from authorizing Syncline once (Zoey's Postman recipe);
   *     used only while {@code tokenFile} holds none
   * @param tokenFile where the tokens Zoey grants are kept between restarts
   * @param concurrency requests Syncline may have in flight at the store (Zoey publishes no limit)
   */
  record Zoey(
      String baseUrl,
      String authorizeUrl,
      String tokenUrl,
      String clientId,
      Secret clientSecret,
      Optional<String> redirectUri,
      Optional<Secret> refreshToken,
      Optional<String> tokenFile,
      Optional<Integer> concurrency,
      Optional<Integer> pageSize,
      Optional<Duration> requestTimeout)
      implements SystemConfig {}
}
