package dev.syncline.app.config;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the {@code notifications} section must hold together beyond its schema: addresses a mail
 * relay accepts, credentials given whole and never sent unencrypted, intervals that do not flood
 * anyone's inbox, and freshness thresholds for flows that exist.
 */
final class NotificationChecks implements ConfigCheck {

  /** Shorter would be a mail every few scans, which people learn to ignore. */
  static final Duration SHORTEST = Duration.ofMinutes(1);

  @Override
  public List<Finding> check(SynclineConfig config) {
    var findings = new ArrayList<Finding>();
    config.notifications().ifPresent(n -> check(config, n, findings));
    return findings;
  }

  private static void check(
      SynclineConfig config, SynclineConfig.Notifications n, List<Finding> findings) {
    var at = "notifications";
    address(n.from(), false).ifPresent(why -> findings.add(new Finding(at + ".from", why)));
    for (var i = 0; i < n.to().size(); i++) {
      var index = i;
      address(n.to().get(i), true)
          .ifPresent(why -> findings.add(new Finding(at + ".to[" + index + "]", why)));
    }
    var smtp = n.smtp();
    if (smtp.username().isPresent() != smtp.password().isPresent()) {
      findings.add(
          new Finding(
              at + ".smtp." + (smtp.username().isPresent() ? "username" : "password"),
              "give both username and password for a relay that asks Syncline to sign in, or"
                  + " neither"));
    } else if (smtp.username().isPresent() && smtp.security() == SynclineConfig.SmtpSecurity.NONE) {
      findings.add(
          new Finding(
              at + ".smtp.security",
              "none would send the relay password unencrypted; use starttls or ssl, or remove"
                  + " username and password"));
    }
    atLeast(n.digestEvery(), at + ".digestEvery", findings);
    atLeast(n.freshness().alertAfter(), at + ".freshness.alertAfter", findings);
    var flows = new TreeSet<String>();
    config.flows().forEach(f -> flows.add(f.name()));
    n.freshness()
        .flows()
        .forEach((flow, alertAfter) -> {
          var key = at + ".freshness.flows." + flow;
          if (!flows.contains(flow)) {
            findings.add(new Finding(key, unknownFlow(flow, flows)));
          } else {
            atLeast(alertAfter, key, findings);
          }
        });
    for (var flow : config.flows()) {
      var alertAfter = n.alertAfter(flow.name());
      var shortest = flow.every().multipliedBy(2);
      if (alertAfter.compareTo(shortest) < 0 && alertAfter.compareTo(SHORTEST) >= 0) {
        var own = n.freshness().flows().containsKey(flow.name());
        findings.add(
            new Finding(
                own ? at + ".freshness.flows." + flow.name() : at + ".freshness.alertAfter",
                "expected at least "
                    + Durations.format(shortest)
                    + " for flow "
                    + flow.name()
                    + ", twice its every of "
                    + Durations.format(flow.every())
                    + " (changes wait up to that long for a scan), got "
                    + Durations.format(alertAfter)
                    + (own
                        ? ""
                        : "; set a longer one for it under notifications.freshness.flows")));
      }
    }
  }

  /** Why the text is not an address a relay takes, if it is not. */
  static Optional<String> address(String text, boolean recipient) {
    var example = recipient ? "ops@example.com" : "Syncline <syncline@example.com>";
    try {
      new InternetAddress(text, true).validate();
      return Optional.empty();
    } catch (AddressException e) {
      return Optional.of(notAnAddress(text, example));
    }
  }

  private static String notAnAddress(String text, String example) {
    return "expected an email address like " + example + ", got \"" + text + "\"";
  }

  private static void atLeast(Duration d, String key, List<Finding> findings) {
    if (d.compareTo(SHORTEST) < 0) {
      findings.add(
          new Finding(
              key,
              "expected at least " + Durations.format(SHORTEST) + ", got " + Durations.format(d)));
    }
  }

  private static String unknownFlow(String flow, TreeSet<String> flows) {
    if (flows.isEmpty()) {
      return "there is no flow \"" + flow + "\"; there are no flows under flows";
    }
    return DidYouMean.closest(flow, flows)
        .map(s -> "there is no flow \"" + flow + "\"; did you mean \"" + s + "\"?")
        .orElse("there is no flow \"" + flow + "\"; the flows are " + String.join(", ", flows));
  }
}
