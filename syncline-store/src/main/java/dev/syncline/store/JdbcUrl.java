package dev.syncline.store;

import dev.syncline.core.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A PostgreSQL address split into what the driver needs: the JDBC URL without credentials, and the
 * user and password on their own, so that the URL can be logged and shown while the password
 * cannot.
 */
public record JdbcUrl(String url, Optional<String> user, Optional<Secret> password) {

  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("([?&])password=[^&]*", Pattern.CASE_INSENSITIVE);

  /**
   * Accepts {@code jdbc:postgresql://...} and the libpq form {@code
   * postgres[ql]://user:pass@host/db}.
   */
  public static JdbcUrl parse(String text) {
    if (text.startsWith("jdbc:postgresql:")) {
      return new JdbcUrl(text, Optional.empty(), Optional.empty());
    }
    if (text.startsWith("postgresql://") || text.startsWith("postgres://")) {
      try {
        var uri = new URI(text);
        Optional<String> user = Optional.empty();
        Optional<Secret> password = Optional.empty();
        if (uri.getRawUserInfo() != null) {
          var parts = uri.getRawUserInfo().split(":", 2);
          user = Optional.of(decode(parts[0]));
          if (parts.length == 2) {
            password = Optional.of(Secret.of(decode(parts[1])));
          }
        }
        var port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        var path = uri.getRawPath() == null ? "/" : uri.getRawPath();
        var query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new JdbcUrl(
            "jdbc:postgresql://" + uri.getHost() + port + path + query, user, password);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            "is not a valid PostgreSQL URL (" + e.getReason() + ")", e);
      }
    }
    throw new IllegalArgumentException(
        "must start with jdbc:postgresql:// or postgresql://, like"
            + " jdbc:postgresql://db.example.com:5432/syncline");
  }

  /** The URL with any password parameter masked, for logs and pages. */
  public String redacted() {
    return PASSWORD_PARAMETER.matcher(url).replaceAll("$1password=******");
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
