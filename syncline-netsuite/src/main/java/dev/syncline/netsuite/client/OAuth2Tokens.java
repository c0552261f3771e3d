package dev.syncline.netsuite.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.WireText;
import java.net.URI;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;

/**
 * Bearer tokens from OAuth 2.0 client credentials (netsuite-api.md §2.2): a JWT assertion signed
 * with the certificate's key, exchanged at the token endpoint, kept until shortly before it
 * expires, and shared by every call of the client.
 */
final class OAuth2Tokens {

  /** A token is renewed this long before it expires, so that no call carries a dying one. */
  private static final Duration MARGIN = Duration.ofMinutes(2);

  /** netsuite-api.md §2.2: exp must be less than 60 minutes after iat. */
  private static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(30);

  /** Sends the token request and gives back status and body; the client's HTTP edge. */
  @FunctionalInterface
  interface TokenEndpoint {
    NetSuiteHttp.Answer post(URI uri, String form);
  }

  private record Token(String value, Instant expires) {}

  private final NetSuiteAuth.ClientCredentials credentials;
  private final URI endpoint;
  private final InstantSource clock;
  private final ReentrantLock lock = new ReentrantLock();
  private Token current;

  OAuth2Tokens(NetSuiteAuth.ClientCredentials credentials, URI restRoot, InstantSource clock) {
    this.credentials = credentials;
    this.endpoint = URI.create(restRoot + "/auth/oauth2/v1/token");
    this.clock = clock;
  }

  /** A valid bearer token, fetched through {@code http} when there is none. */
  String bearer(TokenEndpoint http) {
    lock.lock();
    try {
      var now = clock.instant();
      if (current == null || !now.isBefore(current.expires().minus(MARGIN))) {
        current = fetch(http, now);
      }
      return current.value();
    } finally {
      lock.unlock();
    }
  }

  /** Forgets a token NetSuite refused, so that the next call fetches a new one. */
  void refused(String token) {
    lock.lock();
    try {
      if (current != null && current.value().equals(token)) {
        current = null;
      }
    } finally {
      lock.unlock();
    }
  }

  private Token fetch(TokenEndpoint http, Instant now) {
    var fields = new LinkedHashMap<String, String>();
    fields.put("grant_type", "client_credentials");
    fields.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    fields.put("client_assertion", assertion(now));
    var form = WireText.form(fields);
    var answer = http.post(endpoint, form);
    var body = answer.json();
    if (answer.status() != 200) {
      throw new PermanentSyncException.ConfigurationProblem(
          NetSuiteErrors.SYSTEM,
          "NetSuite refused the OAuth 2.0 client assertion ("
              + body.path("error").asString("HTTP " + answer.status())
              + Optional.ofNullable(body.path("error_description").asString(null))
                  .map(d -> ": " + d)
                  .orElse("")
              + "). Check the client id, the certificate id and that the private key is the mapped"
              + " certificate's; a sandbox refresh removes the mappings.",
          Optional.empty(),
          null);
    }
    var token = body.path("access_token").asString("");
    var expiresIn = body.path("expires_in").asLong(0);
    if (token.isBlank() || expiresIn <= 0) {
      throw new PermanentSyncException(
          NetSuiteErrors.SYSTEM,
          "NetSuite's token endpoint answered without an access_token and expires_in: "
              + abbreviate(body));
    }
    return new Token(token, now.plusSeconds(expiresIn));
  }

  /** netsuite-api.md §2.2: typ JWT, alg, kid = certificate id; iss, scope, aud, iat, exp. */
  private String assertion(Instant now) {
    var algorithm = JWSAlgorithm.parse(credentials.algorithm());
    var header =
        new JWSHeader.Builder(algorithm)
            .type(JOSEObjectType.JWT)
            .keyID(credentials.certificateId())
            .build();
    var claims =
        new JWTClaimsSet.Builder()
            .issuer(credentials.clientId())
            .audience(endpoint.toString())
            .claim("scope", String.join(",", credentials.scopes()))
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
            .jwtID(UUID.randomUUID().toString())
            .build();
    try {
      JWSSigner signer =
          credentials.privateKey() instanceof ECPrivateKey ec
              ? new ECDSASigner(ec)
              : new RSASSASigner(credentials.privateKey());
      var jwt = new SignedJWT(header, claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new PermanentSyncException.ConfigurationProblem(
          NetSuiteErrors.SYSTEM,
          "The OAuth 2.0 client assertion cannot be signed with the configured key and "
              + credentials.algorithm()
              + ": "
              + e.getMessage()
              + ". PS algorithms need an RSA key, ES algorithms an EC key of the matching curve.",
          Optional.empty(),
          e);
    }
  }

  private static String abbreviate(JsonNode body) {
    var text = body.toString();
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
