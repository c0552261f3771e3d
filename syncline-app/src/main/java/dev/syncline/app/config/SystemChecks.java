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
            case SystemConfig.NetSuite n -> {
              var tba = List.of(n.consumerKey(), n.consumerSecret(), n.tokenId(), n.tokenSecret());
              var oauth2 = List.of(n.clientId(), n.certificateId(), n.privateKeyFile());
              var tbaGiven = tba.stream().filter(java.util.Optional::isPresent).count();
              var oauth2Given = oauth2.stream().filter(java.util.Optional::isPresent).count();
              if (tbaGiven == 0 && oauth2Given == 0) {
                findings.add(
                    new Finding(
                        at,
                        "NetSuite needs credentials: consumerKey, consumerSecret, tokenId and tokenSecret"
                            + " (TBA), or clientId, certificateId and privateKeyFile (OAuth 2.0)"));
              } else if (tbaGiven > 0 && oauth2Given > 0) {
                findings.add(new Finding(at, "give TBA or OAuth 2.0 credentials, not both"));
              } else if (tbaGiven > 0 && tbaGiven < 4) {
                findings.add(
                    new Finding(
                        at,
                        "TBA needs all of consumerKey, consumerSecret, tokenId and tokenSecret"));
              } else if (oauth2Given > 0 && oauth2Given < 3) {
                findings.add(
                    new Finding(
                        at, "OAuth 2.0 needs all of clientId, certificateId and privateKeyFile"));
              }
              n.timeZone()
                  .ifPresent(zone -> {
                    try {
                      java.time.ZoneId.of(zone);
                    } catch (java.time.DateTimeException e) {
                      findings.add(
                          new Finding(
                              at + ".timeZone",
                              "expected a time zone like America/Los_Angeles or UTC, got \""
                                  + zone
                                  + "\""));
                    }
                  });
              n.conditions()
                  .forEach((condition, c) ->
                      dev.syncline.netsuite.client.SuiteQlCondition.problems(
                              condition, c.where(), c.values())
                          .ifPresent(problem ->
                              findings.add(new Finding(at + ".conditions." + condition, problem))));
            }
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
            // The schema checks the Zoey keys one by one; nothing depends on another.
            case SystemConfig.Zoey z -> {}
          }
        });
    return findings;
  }
}
