package dev.syncline.sandbox.netsuite;

import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Token-Based Authentication (OAuth 1.0a) as NetSuite does (netsuite-api.md §2.1): realm is
 * the account id, HMAC-SHA256 only, the signature over method, URL and the OAuth and query
 * parameters (a JSON body is not signed), a nonce used once, a timestamp near the server's clock.
 */
final class TokenAuthentication {

  private static final Pattern PARAMETER =
      Pattern.compile("\\s*([A-Za-z_]+)\\s*=\\s*\"([^\"]*)\"\\s*,?");

  private final NetSuiteSettings.AccountSettings account;
  private final Map<String, Instant> nonces = new ConcurrentHashMap<>();

  TokenAuthentication(NetSuiteSettings.AccountSettings account) {
    this.account = account;
  }

  /** Why the request's OAuth header is refused, or empty when it is good. */
  Optional<String> refusal(Context ctx, Instant now, java.time.Duration skew) {
    var header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "OAuth ", 0, 6)) {
      return Optional.of("no OAuth Authorization header");
    }
    var params = new LinkedHashMap<String, String>();
    var m = PARAMETER.matcher(header.substring(6));
    while (m.lookingAt()) {
      params.put(m.group(1), decode(m.group(2)));
      m.region(m.end(), m.regionEnd());
    }
    if (!account.id().equals(params.get("realm"))) {
      // netsuite-api.md §2.1, §7: the realm is the account id, upper case with an underscore.
      return Optional.of("realm " + params.get("realm") + " is not " + account.id());
    }
    if (!"HMAC-SHA256".equals(params.get("oauth_signature_method"))) {
      return Optional.of(
          "signature method " + params.get("oauth_signature_method") + " is not HMAC-SHA256");
    }
    if (params.containsKey("oauth_version") && !"1.0".equals(params.get("oauth_version"))) {
      return Optional.of("oauth_version must be 1.0");
    }
    if (!account.consumerKey().equals(params.get("oauth_consumer_key"))) {
      return Optional.of("unknown consumer key");
    }
    if (!account.tokenId().equals(params.get("oauth_token"))) {
      return Optional.of("unknown token");
    }
    Instant timestamp;
    try {
      timestamp = Instant.ofEpochSecond(Long.parseLong(params.getOrDefault("oauth_timestamp", "")));
    } catch (NumberFormatException e) {
      return Optional.of("oauth_timestamp is not seconds since the epoch");
    }
    if (timestamp.isBefore(now.minus(skew)) || timestamp.isAfter(now.plus(skew))) {
      return Optional.of("oauth_timestamp " + timestamp + " is too far from " + now);
    }
    var nonce = params.getOrDefault("oauth_nonce", "");
    if (nonce.length() < 6) {
      return Optional.of("oauth_nonce is shorter than six characters");
    }
    var contentType = ctx.contentType();
    var form =
        contentType != null
                && contentType
                    .toLowerCase(Locale.ROOT)
                    .startsWith("application/x-www-form-urlencoded")
            ? ctx.body()
            : "";
    var url =
        ctx.scheme().toLowerCase(Locale.ROOT)
            + "://"
            + ctx.host().toLowerCase(Locale.ROOT)
            + ctx.req().getRequestURI();
    var base = baseString(ctx.method().name(), url, params, ctx.queryString(), form);
    var expected = sign(base, account.consumerSecret(), account.tokenSecret());
    var given = params.getOrDefault("oauth_signature", "");
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII))) {
      return Optional.of("signature does not match the base string " + base);
    }
    nonces.values().removeIf(seen -> seen.isBefore(now.minus(skew.multipliedBy(2))));
    if (nonces.putIfAbsent(params.get("oauth_token") + ":" + nonce, timestamp) != null) {
      return Optional.of("oauth_nonce " + nonce + " was used before");
    }
    return Optional.empty();
  }

  /** netsuite-api.md §2.1: base64(HMAC-SHA256(enc(consumerSecret)&enc(tokenSecret), base)). */
  static String sign(String baseString, String consumerSecret, String tokenSecret) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      var key = encode(consumerSecret) + "&" + encode(tokenSecret);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      var digest = mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
    }
  }

  /**
   * netsuite-api.md §2.1: method, then the URL without query (scheme and host lower case, the path
   * as sent), then the sorted, encoded parameters: OAuth ones without realm and signature, the
   * query's, and a form body's.
   */
  static String baseString(
      String method, String url, Map<String, String> oauth, String rawQuery, String formBody) {
    var pairs = new ArrayList<String[]>();
    oauth.forEach((k, v) -> {
      if (!k.equals("realm") && !k.equals("oauth_signature")) {
        pairs.add(new String[] {k, v});
      }
    });
    pairs.addAll(formPairs(rawQuery));
    pairs.addAll(formPairs(formBody));
    var parameters =
        pairs.stream()
            .map(p -> new String[] {encode(p[0]), encode(p[1])})
            .sorted(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]))
            .map(p -> p[0] + "=" + p[1])
            .collect(Collectors.joining("&"));
    return method + "&" + encode(url) + "&" + encode(parameters);
  }

  private static List<String[]> formPairs(String text) {
    var pairs = new ArrayList<String[]>();
    if (text == null || text.isEmpty()) {
      return pairs;
    }
    for (var pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      var eq = pair.indexOf('=');
      pairs.add(
          eq < 0
              ? new String[] {decode(pair), ""}
              : new String[] {decode(pair.substring(0, eq)), decode(pair.substring(eq + 1))});
    }
    return pairs;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  /** RFC 3986 percent-encoding: everything but letters, digits and {@code -._~}. */
  static String encode(String text) {
    var out = new StringBuilder();
    for (var b : text.getBytes(StandardCharsets.UTF_8)) {
      var c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
