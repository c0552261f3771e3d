package dev.syncline.app.access;

import com.fasterxml.jackson.annotation.JsonValue;
import io.javalin.security.RouteRole;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a person or token may do; each role may do what the ones before it may. A viewer sees
 * everything but users and tokens; an operator also switches, schedules, runs and resyncs; an admin
 * also manages users and tokens.
 */
public enum Role implements RouteRole {
  VIEWER,
  OPERATOR,
  ADMIN;

  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean allows(Role required) {
    return compareTo(required) >= 0;
  }

  public static Optional<Role> ofKey(String key) {
    return Arrays.stream(values()).filter(r -> r.key().equals(key)).findFirst();
  }

  /** The role of this name, or an error that lists the roles. */
  public static Role parse(String key) {
    return ofKey(key == null ? "" : key.trim().toLowerCase(Locale.ROOT))
        .orElseThrow(() ->
            new IllegalArgumentException(
                "There is no role '" + key + "'; the roles are viewer, operator and admin"));
  }
}
