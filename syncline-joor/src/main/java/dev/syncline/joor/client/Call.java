package dev.syncline.joor.client;

import dev.syncline.core.WireText;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One request to JOOR, before auth and limits.
 *
 * @param endpoint the method and path template, for metrics and messages ({@code GET
 *     /v2/connection/customer_code/{customer_code}})
 * @param path the path below the API root, its segments already encoded
 * @param idempotent whether sending it twice does no harm, so that a lost answer may be retried
 */
record Call(
    Api api,
    String method,
    String endpoint,
    String path,
    Map<String, String> query,
    Optional<String> json,
    boolean idempotent) {

  enum Api {
    V2("/v2"),
    V4("/v4");

    final String root;

    Api(String root) {
      this.root = root;
    }
  }

  /** GET costs 1 credit, POST, PUT and DELETE 5 (joor.md §1.6). */
  int cost() {
    return method.equals("GET") ? 1 : JoorConfig.RateLimit.WRITE_COST;
  }

  static Call get(Api api, String template, String path, Map<String, String> query) {
    return new Call(api, "GET", "GET " + api.root + template, path, query, Optional.empty(), true);
  }

  static Call write(
      Api api,
      String method,
      String template,
      String path,
      Map<String, String> query,
      String json,
      boolean idempotent) {
    return new Call(
        api, method, method + " " + template, path, query, Optional.of(json), idempotent);
  }

  static Call delete(Api api, String template, String path) {
    return new Call(
        api, "DELETE", "DELETE " + api.root + template, path, Map.of(), Optional.empty(), true);
  }

  /**
   * The URL below {@code root}, with {@code account=} added: v4 needs it on every call (joor.md
   * §1.2).
   */
  URI uri(URI root, String account) {
    var params = new LinkedHashMap<String, String>();
    params.put("account", account);
    params.putAll(query);
    var url = new StringBuilder(root.toString().replaceAll("/+$", "")).append(path).append('?');
    params.forEach((name, value) ->
        url.append(name).append('=').append(WireText.percentEncode(value)).append('&'));
    url.setLength(url.length() - 1);
    return URI.create(url.toString());
  }
}
