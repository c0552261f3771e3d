package dev.syncline.app.access;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashing with PBKDF2-HMAC-SHA256 from the JDK, at the 600,000 iterations OWASP's password
 * storage cheat sheet asks of it, with a random salt per user. The encoded form names the algorithm
 * and the iterations, so that hashes made with other settings keep verifying if they change.
 */
public final class Passwords {

  static final int ITERATIONS = 600_000;
  static final int MINIMUM_LENGTH = 12;
  private static final String PREFIX = "pbkdf2-sha256";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}, salt and hash in base64. */
  public String hash(String password) {
    var salt = new byte[16];
    RANDOM.nextBytes(salt);
    var encoder = Base64.getEncoder().withoutPadding();
    return PREFIX
        + "$"
        + ITERATIONS
        + "$"
        + encoder.encodeToString(salt)
        + "$"
        + encoder.encodeToString(derive(password, salt, ITERATIONS));
  }

  public boolean verify(String password, String encoded) {
    var parts = encoded.split("\\$");
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      return false;
    }
    var decoder = Base64.getDecoder();
    var expected = decoder.decode(parts[3]);
    var actual = derive(password, decoder.decode(parts[2]), Integer.parseInt(parts[1]));
    return MessageDigest.isEqual(expected, actual);
  }

  /** Why a password will not do, or empty when it will. */
  public static java.util.Optional<String> weakness(String password) {
    if (password == null || password.length() < MINIMUM_LENGTH) {
      return java.util.Optional.of(
          "A password must have at least " + MINIMUM_LENGTH + " characters");
    }
    return java.util.Optional.empty();
  }

  /** A password of 20 random letters and digits, for a user who did not choose one. */
  public static String generate() {
    var alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    var out = new StringBuilder();
    for (var i = 0; i < 20; i++) {
      out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    try {
      var spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
      try {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
            .generateSecret(spec)
            .getEncoded();
      } finally {
        spec.clearPassword();
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JDK lacks PBKDF2WithHmacSHA256", e);
    }
  }
}
