package dev.syncline.netsuite.client;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Times as SuiteQL shows them, {@code TO_CHAR(..., 'YYYY-MM-DD HH24:MI:SS')} in the time zone of
 * the account's preference (netsuite-api.md §4), to and from instants; importers read versions and
 * keyset positions this way, so that they compare like with like.
 *
 * @param zone the time zone the account shows SuiteQL times in
 */
public record SuiteQlTime(ZoneId zone) {

  /** The column expression that shows a datetime column as this class reads it. */
  public static String shown(String column) {
    return "TO_CHAR(" + column + ", 'YYYY-MM-DD HH24:MI:SS')";
  }

  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  public String format(Instant instant) {
    return SHOWN.format(instant.atZone(zone));
  }

  public Instant parse(String shown) {
    return LocalDateTime.parse(shown, SHOWN).atZone(zone).toInstant();
  }
}
