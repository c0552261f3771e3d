package dev.syncline.netsuite.client;

import dev.syncline.core.Secret;
import java.security.PrivateKey;
import java.util.List;

/** How the client proves who it is to one NetSuite account. */
public sealed interface NetSuiteAuth {

  /**
   * Token-Based Authentication, OAuth 1.0a with HMAC-SHA256 (netsuite-api.md §2.1): an integration
   * record's consumer key and secret, and an access token's id and secret.
   */
  record TokenBased(String consumerKey, Secret consumerSecret, String tokenId, Secret tokenSecret)
      implements NetSuiteAuth {}

  /**
   * OAuth 2.0 client credentials (netsuite-api.md §2.2): the integration's client id, the id
   * NetSuite gave the mapped certificate, and the certificate's private key, which signs the JWT
   * assertions.
   *
   * @param algorithm PS256, PS384, PS512 (RSA keys) or ES256, ES384, ES512 (EC keys)
   * @param scopes usually just {@code rest_webservices}
   */
  record ClientCredentials(
      String clientId,
      String certificateId,
      PrivateKey privateKey,
      String algorithm,
      List<String> scopes)
      implements NetSuiteAuth {

    public ClientCredentials {
      scopes = List.copyOf(scopes);
      if (!List.of("PS256", "PS384", "PS512", "ES256", "ES384", "ES512").contains(algorithm)) {
        throw new IllegalArgumentException(
            "NetSuite accepts client assertions signed with PS256..PS512 or ES256..ES512, not "
                + algorithm);
      }
    }

    @Override
    public String toString() {
      return "ClientCredentials[clientId="
          + clientId
          + ", certificateId="
          + certificateId
          + ", algorithm="
          + algorithm
          + "]";
    }
  }
}
