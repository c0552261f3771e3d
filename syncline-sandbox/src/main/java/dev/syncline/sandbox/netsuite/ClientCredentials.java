package dev.syncline.sandbox.netsuite;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth 2.0 client credentials (machine to machine) for one account, as NetSuite checks them
 * (netsuite-api.md §2.2): a JWT assertion signed with PS256/384/512 or ES256/384/512 by the key of
 * a certificate mapped to the integration ({@code kid} = certificate id), {@code iss} = client id,
 * {@code aud} = the token endpoint, {@code exp} less than an hour after {@code iat}, scope
 * rest_webservices; answered with a bearer token that lives an hour.
 */
final class ClientCredentials {

  /** An OAuth error answer (RFC 6749 section 5.2): the error code and a description. */
  static final class Refused extends RuntimeException {
    private final String error;

    Refused(String error, String description) {
      super(description);
      this.error = error;
    }

    String error() {
      return error;
    }
  }

  private static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512);

  private final String clientId;
  private final Map<String, PublicKey> certificates = new ConcurrentHashMap<>();
  private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  ClientCredentials(String clientId) {
    this.clientId = clientId;
  }

  /** Maps a certificate's public key to the integration, under the certificate id NetSuite gave. */
  void trust(String certificateId, PublicKey key) {
    if (!(key instanceof RSAPublicKey) && !(key instanceof ECPublicKey)) {
      throw new IllegalArgumentException(
          "A certificate key is RSA or EC, not " + key.getAlgorithm());
    }
    certificates.put(certificateId, key);
  }

  /**
   * Issues a token for a client assertion, or refuses it.
   *
   * @param audience the token endpoint's URL as the client reached it
   */
  String issue(String assertion, String audience, Instant now, Duration lifetime) {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(assertion);
    } catch (ParseException e) {
      throw new Refused("invalid_request", "client_assertion is not a signed JWT");
    }
    var header = jwt.getHeader();
    if (!ALGORITHMS.contains(header.getAlgorithm())) {
      throw new Refused(
          "invalid_grant",
          "alg " + header.getAlgorithm() + " is not one of PS256..512, ES256..512");
    }
    var key = Optional.ofNullable(header.getKeyID()).map(certificates::get);
    if (key.isEmpty()) {
      throw new Refused(
          "invalid_grant",
          "kid " + header.getKeyID() + " names no certificate of this integration");
    }
    try {
      JWSVerifier verifier =
          key.get() instanceof RSAPublicKey rsa
              ? new RSASSAVerifier(rsa)
              : new ECDSAVerifier((ECPublicKey) key.get());
      if (!jwt.verify(verifier)) {
        throw new Refused(
            "invalid_grant", "the assertion's signature does not verify with the certificate");
      }
      var claims = jwt.getJWTClaimsSet();
      if (!clientId.equals(claims.getIssuer())) {
        throw new Refused(
            "invalid_grant", "iss " + claims.getIssuer() + " is not the integration's client id");
      }
      if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
        throw new Refused("invalid_grant", "aud " + claims.getAudience() + " is not " + audience);
      }
      if (claims.getIssueTime() == null || claims.getExpirationTime() == null) {
        throw new Refused("invalid_grant", "the assertion needs iat and exp");
      }
      var iat = claims.getIssueTime().toInstant();
      var exp = claims.getExpirationTime().toInstant();
      if (Duration.between(iat, exp).compareTo(Duration.ofHours(1)) > 0) {
        throw new Refused("invalid_grant", "exp is more than 60 minutes after iat");
      }
      if (!exp.isAfter(now)) {
        throw new Refused("invalid_grant", "the assertion expired at " + exp);
      }
      var scope = claims.getClaim("scope");
      var scopes = scope == null ? new String[0] : scope.toString().split("[,\\s]+");
      if (Arrays.stream(scopes).noneMatch("rest_webservices"::equals)) {
        throw new Refused("invalid_scope", "the scope must include rest_webservices");
      }
    } catch (JOSEException | ParseException e) {
      throw new Refused("invalid_grant", "the assertion cannot be checked: " + e.getMessage());
    }
    var bytes = new byte[32];
    random.nextBytes(bytes);
    var token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    tokens.values().removeIf(expiry -> expiry.isBefore(now));
    tokens.put(token, now.plus(lifetime));
    return token;
  }

  /** Whether a bearer token was issued here and has not expired. */
  boolean accepts(String token, Instant now) {
    var expiry = tokens.get(token);
    return expiry != null && now.isBefore(expiry);
  }

  void forgetTokens() {
    tokens.clear();
  }
}
