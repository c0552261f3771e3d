package dev.syncline.sandbox.netsuite;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Signed requests for the sandbox's own tests, built on its verifier's base string. */
final class TbaRequests {

  private final HttpClient http = HttpClient.newHttpClient();
  private final NetSuiteSandbox sandbox;
  private final NetSuiteSettings.AccountSettings account;
  private final InstantSource clock;
  private final AtomicLong nonce = new AtomicLong(100_000);

  TbaRequests(NetSuiteSandbox sandbox, String accountId) {
    this.sandbox = sandbox;
    this.account = sandbox.account(accountId).settings();
    this.clock = sandbox.clock();
  }

  HttpResponse<String> send(String method, String pathAndQuery, String body, String... headers)
      throws Exception {
    var uri = URI.create(sandbox.accountUrl(account.id()) + "/services/rest" + pathAndQuery);
    var builder =
        HttpRequest.newBuilder(uri)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header(
                "Authorization",
                authorization(method, uri, String.valueOf(nonce.incrementAndGet())));
    if (body != null) {
      builder.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> suiteQl(String q, int limit, int offset) throws Exception {
    var body = "{\"q\":" + NetSuiteSandboxTestJson.quote(q) + "}";
    return send(
        "POST",
        "/query/v1/suiteql?limit=" + limit + "&offset=" + offset,
        body,
        "Prefer",
        "transient");
  }

  String authorization(String method, URI uri, String nonce) {
    var oauth = new LinkedHashMap<String, String>();
    oauth.put("oauth_consumer_key", account.consumerKey());
    oauth.put("oauth_token", account.tokenId());
    oauth.put("oauth_signature_method", "HMAC-SHA256");
    oauth.put("oauth_timestamp", String.valueOf(clock.instant().getEpochSecond()));
    oauth.put("oauth_nonce", nonce);
    oauth.put("oauth_version", "1.0");
    var url = uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
    var base = TokenAuthentication.baseString(method, url, oauth, uri.getRawQuery(), "");
    oauth.put(
        "oauth_signature",
        TokenAuthentication.sign(base, account.consumerSecret(), account.tokenSecret()));
    var header = new StringBuilder("OAuth realm=\"" + account.id() + "\"");
    oauth.forEach((k, v) ->
        header
            .append(", ")
            .append(k)
            .append("=\"")
            .append(TokenAuthentication.encode(v))
            .append('"'));
    return header.toString();
  }
}
