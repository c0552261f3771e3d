package dev.syncline.netsuite.client;

import dev.syncline.core.Secret;
import dev.syncline.core.WireText;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests for Token-Based Authentication: OAuth 1.0a (RFC 5849) with HMAC-SHA256, the only
 * method NetSuite accepts (netsuite-api.md §2.1). Our own code, because no maintained library signs
 * with HMAC-SHA256.
 */
final class OAuth1Signer {

  private final String realm;
  private final NetSuiteAuth.TokenBased credentials;

  OAuth1Signer(String realm, NetSuiteAuth.TokenBased credentials) {
    this.realm = realm;
    this.credentials = credentials;
  }

  /**
   * The Authorization header for one request. netsuite-api.md §2.1: the query's parameters are
   * signed and a JSON body is not; the realm is sent but not signed.
   */
  String authorization(String method, URI uri, String nonce, long timestamp) {
    var oauth = new LinkedHashMap<String, String>();
    oauth.put("oauth_consumer_key", credentials.consumerKey());
    oauth.put("oauth_token", credentials.tokenId());
    oauth.put("oauth_signature_method", "HMAC-SHA256");
    oauth.put("oauth_timestamp", Long.toString(timestamp));
    oauth.put("oauth_nonce", nonce);
    oauth.put("oauth_version", "1.0");
    var signature = signature(baseString(method, uri, oauth));
    var header = new StringBuilder("OAuth realm=\"").append(realm).append('"');
    oauth.forEach((k, v) ->
        header.append(", ").append(k).append("=\"").append(WireText.percentEncode(v)).append('"'));
    // netsuite-api.md §2.1: the signature's + / = travel percent-encoded.
    header.append(", oauth_signature=\"").append(WireText.percentEncode(signature)).append('"');
    return header.toString();
  }

  /**
   * netsuite-api.md §2.1: the method, the URL without its query (scheme and host in lower case, the
   * path exactly as sent), and the parameters decoded, sorted by name then value, re-encoded.
   */
  static String baseString(String method, URI uri, Map<String, String> oauth) {
    var pairs = new ArrayList<String[]>();
    oauth.forEach((k, v) -> pairs.add(new String[] {k, v}));
    pairs.addAll(queryPairs(uri.getRawQuery()));
    var parameters =
        pairs.stream()
            .map(p -> new String[] {WireText.percentEncode(p[0]), WireText.percentEncode(p[1])})
            .sorted(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]))
            .map(p -> p[0] + "=" + p[1])
            .collect(Collectors.joining("&"));
    var port = uri.getPort();
    var defaultPort =
        port == -1
            || (uri.getScheme().equalsIgnoreCase("https") && port == 443)
            || (uri.getScheme().equalsIgnoreCase("http") && port == 80);
    var url =
        uri.getScheme().toLowerCase(Locale.ROOT)
            + "://"
            + uri.getHost().toLowerCase(Locale.ROOT)
            + (defaultPort ? "" : ":" + port)
            + uri.getRawPath();
    return method.toUpperCase(Locale.ROOT)
        + "&"
        + WireText.percentEncode(url)
        + "&"
        + WireText.percentEncode(parameters);
  }

  String signature(String baseString) {
    return sign(baseString, credentials.consumerSecret(), credentials.tokenSecret());
  }

  static String sign(String baseString, Secret consumerSecret, Secret tokenSecret) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      var key =
          WireText.percentEncode(consumerSecret.reveal())
              + "&"
              + WireText.percentEncode(tokenSecret.reveal());
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every JDK has HmacSHA256", e);
    }
  }

  private static List<String[]> queryPairs(String rawQuery) {
    var pairs = new ArrayList<String[]>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return pairs;
    }
    for (var pair : rawQuery.split("&")) {
      var eq = pair.indexOf('=');
      var name = eq < 0 ? pair : pair.substring(0, eq);
      var value = eq < 0 ? "" : pair.substring(eq + 1);
      pairs.add(new String[] {decode(name), decode(value)});
    }
    return pairs;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
