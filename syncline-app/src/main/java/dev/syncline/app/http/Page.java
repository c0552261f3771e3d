package dev.syncline.app.http;

import dev.syncline.app.access.Principal;
import dev.syncline.app.access.Role;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * What every page's layout needs: its title, which menu entry is current, who is signed in, and the
 * CSRF token its forms and htmx requests send back.
 */
public record Page(String title, String nav, Optional<Principal> user, String csrf) {

  static Page of(Context ctx, String title, String nav) {
    return new Page(title, nav, Guard.maybePrincipal(ctx), Guard.csrf(ctx));
  }

  public boolean may(String role) {
    return user.map(u -> u.may(Role.parse(role))).orElse(false);
  }

  public String htmx() {
    return Assets.HTMX;
  }

  public String chart() {
    return Assets.CHART;
  }
}
