package dev.syncline.app.access;

/**
 * Who makes a request: a signed-in user or an API token, and its role.
 *
 * @param name the user's name, or {@code token:NAME} for an API token; the audit log shows it
 */
public record Principal(String name, Role role, boolean viaToken) {

  public boolean may(Role required) {
    return role.allows(required);
  }
}
