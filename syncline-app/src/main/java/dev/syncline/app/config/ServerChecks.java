package dev.syncline.app.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the {@code server} section's sessions and sign-in limits must hold together beyond their
 * schema: times long enough to mean something, and each within the one that bounds it.
 */
final class ServerChecks implements ConfigCheck {

  /** A session shorter than this would sign people out while they read a page. */
  static final Duration SHORTEST_SESSION = Duration.ofMinutes(1);

  /** Longer, and a lost or shared browser stays signed in for longer than anyone remembers. */
  static final Duration LONGEST_SESSION = Duration.ofDays(30);

  @Override
  public List<Finding> check(SynclineConfig config) {
    var findings = new ArrayList<Finding>();
    var sessions = config.server().sessions();
    var at = "server.sessions.";
    if (sessions.idleTimeout().compareTo(SHORTEST_SESSION) < 0) {
      findings.add(
          new Finding(at + "idleTimeout", atLeast(SHORTEST_SESSION, sessions.idleTimeout())));
    }
    if (sessions.lifetime().compareTo(LONGEST_SESSION) > 0) {
      findings.add(
          new Finding(
              at + "lifetime",
              "expected at most "
                  + Durations.format(LONGEST_SESSION)
                  + ", got "
                  + Durations.format(sessions.lifetime())));
    } else if (sessions.lifetime().compareTo(sessions.idleTimeout()) < 0) {
      findings.add(
          new Finding(
              at + "lifetime",
              "expected at least idleTimeout ("
                  + Durations.format(sessions.idleTimeout())
                  + "), got "
                  + Durations.format(sessions.lifetime())
                  + "; a session ends at its lifetime however busy it is"));
    }
    var signIn = config.server().signIn();
    at = "server.signIn.";
    if (signIn.window().compareTo(Duration.ofMinutes(1)) < 0) {
      findings.add(new Finding(at + "window", atLeast(Duration.ofMinutes(1), signIn.window())));
    }
    if (signIn.lockout().compareTo(Duration.ofSeconds(1)) < 0) {
      findings.add(new Finding(at + "lockout", atLeast(Duration.ofSeconds(1), signIn.lockout())));
    } else if (signIn.maxLockout().compareTo(signIn.lockout()) < 0) {
      findings.add(
          new Finding(
              at + "maxLockout",
              "expected at least lockout ("
                  + Durations.format(signIn.lockout())
                  + "), got "
                  + Durations.format(signIn.maxLockout())));
    }
    return findings;
  }

  private static String atLeast(Duration least, Duration got) {
    return "expected at least " + Durations.format(least) + ", got " + Durations.format(got);
  }
}
