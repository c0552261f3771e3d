package dev.syncline.netsuite.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.core.Secret;
import java.net.URI;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class OAuth1SignerTest {

  private final NetSuiteAuth.TokenBased credentials =
      new NetSuiteAuth.TokenBased("ck_test", Secret.of("cs_test"), "tk_test", Secret.of("ts_test"));

  /** netsuite-api.md §2.1: the self-computed vector (oauth-1.0a 2.2.6 gives the same). */
  private static final URI VECTOR =
      URI.create(
          "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer"
              + "?limit=5&offset=0&q=lastModifiedDate%20ON_OR_AFTER%20%222024-01-01T00%3A00%3A00Z%22");

  @Test
  void builds_the_research_base_string_with_the_query_parameters_signed() {
    var oauth = new LinkedHashMap<String, String>();
    oauth.put("oauth_consumer_key", "ck_test");
    oauth.put("oauth_token", "tk_test");
    oauth.put("oauth_signature_method", "HMAC-SHA256");
    oauth.put("oauth_timestamp", "1700000000");
    oauth.put("oauth_nonce", "abc123XYZ");
    oauth.put("oauth_version", "1.0");

    assertThat(OAuth1Signer.baseString("GET", VECTOR, oauth))
        .isEqualTo(
            "GET&https%3A%2F%2F1234567-sb1.suitetalk.api.netsuite.com%2Fservices%2Frest%2Frecord%2Fv1%2Fcustomer&limit%3D5%26oauth_consumer_key%3Dck_test%26oauth_nonce%3Dabc123XYZ%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26oauth_token%3Dtk_test%26oauth_version%3D1.0%26offset%3D0%26q%3DlastModifiedDate%2520ON_OR_AFTER%2520%25222024-01-01T00%253A00%253A00Z%2522");
  }

  @Test
  void signs_the_research_vector_and_sends_the_realm_unsigned() {
    var header =
        new OAuth1Signer("1234567_SB1", credentials)
            .authorization("GET", VECTOR, "abc123XYZ", 1_700_000_000L);

    assertThat(header)
        .startsWith("OAuth realm=\"1234567_SB1\", ")
        .contains("oauth_signature_method=\"HMAC-SHA256\"")
        // The vector's signature 2ggxIksr7vMpdvERMWndZBBA4iM7eSp8gK703WAXFPA=, percent-encoded.
        .endsWith("oauth_signature=\"2ggxIksr7vMpdvERMWndZBBA4iM7eSp8gK703WAXFPA%3D\"");
  }

  @Test
  void leaves_a_default_port_out_of_the_base_string_and_keeps_another() {
    var https =
        OAuth1Signer.baseString(
            "get",
            URI.create("HTTPS://Acct.Example.com:443/services/rest/x"),
            new LinkedHashMap<>());
    var loopback =
        OAuth1Signer.baseString(
            "GET", URI.create("http://127.0.0.1:8123/a/services/rest/x"), new LinkedHashMap<>());

    assertThat(https).startsWith("GET&https%3A%2F%2Facct.example.com%2Fservices");
    assertThat(loopback).startsWith("GET&http%3A%2F%2F127.0.0.1%3A8123%2Fa%2Fservices");
  }
}
