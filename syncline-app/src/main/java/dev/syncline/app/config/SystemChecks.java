package dev.syncline.app.config;

import java.util.ArrayList;
import java.util.List;

/** What each system's settings must hold together, beyond their schema. */
final class SystemChecks implements ConfigCheck {

  @Override
  public List<Finding> check(SynclineConfig config) {
    var findings = new ArrayList<Finding>();
    config
        .systems()
        .forEach((name, system) -> {
          var at = "systems." + name;
          switch (system) {
            case SystemConfig.Joor j -> {
              var v4 = List.of(j.clientId(), j.clientSecret(), j.username(), j.password());
              var v4Given = v4.stream().filter(java.util.Optional::isPresent).count();
              if (j.token().isEmpty() && v4Given == 0) {
                findings.add(
                    new Finding(
                        at,
                        "JOOR needs credentials: a v2 token, or clientId, clientSecret, username and"
                            + " password for v4"));
              } else if (v4Given > 0 && v4Given < 4) {
                findings.add(
                    new Finding(
                        at,
                        "v4 sign-in needs all of clientId, clientSecret, username and password"));
              }
              var urls = List.of(j.v2Url(), j.v4Url(), j.authUrl());
              var urlsGiven = urls.stream().filter(java.util.Optional::isPresent).count();
              if (urlsGiven > 0 && urlsGiven < 3) {
                findings.add(
                    new Finding(
                        at,
                        "give all of v2Url, v4Url and authUrl, or none (then environment chooses)"));
              }
              if (urlsGiven > 0 && j.environment().isPresent()) {
                findings.add(new Finding(at + ".environment", "remove it: the URLs are given"));
              }
            }
          }
        });
    return findings;
  }
}
