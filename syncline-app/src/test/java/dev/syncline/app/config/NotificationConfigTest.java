package dev.syncline.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotificationConfigTest {

  private static final String FLOWS =
      """
      flows:
        - name: customers-to-joor-us
          recordType: customer
          from: netsuite
          to: joor_us
          every: 60s
        - name: orders-from-joor
          recordType: salesOrder
          from: joor_us
          to: netsuite
          every: 5m
      """;

  private static List<String> problems(String yaml) {
    try {
      new ConfigLoader(Map.of("SMTP_PASSWORD", "hunter2")).parse("syncline.yaml", yaml);
    } catch (ConfigException e) {
      return e.problems().stream().map(ConfigProblem::toString).toList();
    }
    throw new AssertionError("expected the configuration to be refused");
  }

  @Test
  void without_the_section_nothing_is_sent() {
    assertThat(new ConfigLoader(Map.of()).parse("syncline.yaml", FLOWS).notifications()).isEmpty();
  }

  @Test
  void reads_every_key_it_documents() {
    var config =
        new ConfigLoader(Map.of("SMTP_PASSWORD", "hunter2"))
            .parse(
                "syncline.yaml",
                FLOWS
                    + """
                    notifications:
                      smtp:
                        host: smtp.example.com
                        port: 2525
                        security: ssl
                        username: syncline@example.com
                        password: ${SMTP_PASSWORD}
                        timeout: 10s
                      from: Syncline <syncline@example.com>
                      to:
                        - ops@example.com
                        - erp-team@example.com
                      digestEvery: 1h
                      freshness:
                        alertAfter: 45m
                        flows:
                          orders-from-joor: 2h
                      dashboardUrl: https://syncline.example.com/
                    """);

    var n = config.notifications().orElseThrow();
    assertThat(n.smtp().host()).isEqualTo("smtp.example.com");
    assertThat(n.smtp().port()).isEqualTo(2525);
    assertThat(n.smtp().security()).isEqualTo(SynclineConfig.SmtpSecurity.SSL);
    assertThat(n.smtp().username()).contains("syncline@example.com");
    assertThat(n.smtp().password().orElseThrow().reveal()).isEqualTo("hunter2");
    assertThat(n.smtp().password().orElseThrow()).hasToString("******");
    assertThat(n.smtp().timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(n.from()).isEqualTo("Syncline <syncline@example.com>");
    assertThat(n.to()).containsExactly("ops@example.com", "erp-team@example.com");
    assertThat(n.digestEvery()).isEqualTo(Duration.ofHours(1));
    assertThat(n.alertAfter("customers-to-joor-us")).isEqualTo(Duration.ofMinutes(45));
    assertThat(n.alertAfter("orders-from-joor")).isEqualTo(Duration.ofHours(2));
    assertThat(n.dashboardUrl()).contains("https://syncline.example.com");
  }

  @Test
  void a_relay_with_only_a_host_gets_starttls_on_587_and_the_documented_intervals() {
    var config =
        new ConfigLoader(Map.of())
            .parse(
                "syncline.yaml",
                FLOWS
                    + """
                    notifications:
                      smtp:
                        host: smtp.example.com
                      from: syncline@example.com
                      to: [ops@example.com]
                    """);

    var n = config.notifications().orElseThrow();
    assertThat(n.smtp().security()).isEqualTo(SynclineConfig.SmtpSecurity.STARTTLS);
    assertThat(n.smtp().port()).isEqualTo(587);
    assertThat(n.smtp().username()).isEmpty();
    assertThat(n.digestEvery()).isEqualTo(Duration.ofMinutes(15));
    assertThat(n.alertAfter("orders-from-joor")).isEqualTo(Duration.ofMinutes(30));
    assertThat(n.dashboardUrl()).isEqualTo(Optional.empty());
  }

  @Test
  void a_bad_address_names_its_key_and_what_an_address_looks_like() {
    assertThat(
            problems(
                """
                notifications:
                  smtp:
                    host: smtp.example.com
                  from: syncline
                  to:
                    - ops@example.com
                    - erp-team@
                """))
        .containsExactly(
            "syncline.yaml:4:3 notifications.from: expected an email address like"
                + " Syncline <syncline@example.com>, got \"syncline\"",
            "syncline.yaml:7:7 notifications.to[1]: expected an email address like ops@example.com,"
                + " got \"erp-team@\"");
  }

  @Test
  void several_addresses_on_one_line_are_refused_in_favour_of_a_list() {
    assertThat(
            problems(
                """
                notifications:
                  smtp:
                    host: smtp.example.com
                  from: syncline@example.com
                  to: ops@example.com, erp@example.com
                """))
        .containsExactly(
            "syncline.yaml:5:3 notifications.to: expected a list of one or more email addresses, each"
                + " on its own line starting with -, got \"ops@example.com, erp@example.com\"");
  }

  @Test
  void the_relay_and_both_ends_of_the_mail_are_required() {
    assertThat(problems("notifications:\n  to: [ops@example.com]\n"))
        .containsExactlyInAnyOrder(
            "syncline.yaml:1:1 notifications: missing required key \"smtp\"",
            "syncline.yaml:1:1 notifications: missing required key \"from\"");
  }

  @Test
  void a_user_name_needs_its_password_and_a_password_is_never_sent_unencrypted() {
    var base =
        """
        notifications:
          from: syncline@example.com
          to: [ops@example.com]
          smtp:
            host: smtp.example.com
        """;

    assertThat(problems(base + "    username: syncline\n"))
        .containsExactly(
            "syncline.yaml:6:5 notifications.smtp.username: give both username and password for a"
                + " relay that asks Syncline to sign in, or neither");
    assertThat(
            problems(
                base
                    + "    username: syncline\n    password: ${SMTP_PASSWORD}\n    security: none\n"))
        .containsExactly(
            "syncline.yaml:8:5 notifications.smtp.security: none would send the relay password"
                + " unencrypted; use starttls or ssl, or remove username and password");
  }

  @Test
  void a_wrong_password_value_is_never_shown() {
    assertThat(
            problems(
                """
                notifications:
                  from: syncline@example.com
                  to: [ops@example.com]
                  smtp:
                    host: smtp.example.com
                    username: syncline
                    password: 84721963
                """))
        .singleElement()
        .asString()
        .startsWith("syncline.yaml:7:5 notifications.smtp.password: expected the relay password")
        .contains("not shown")
        .doesNotContain("84721963");
  }

  @Test
  void a_threshold_for_a_flow_that_does_not_exist_suggests_the_one_meant() {
    assertThat(
            problems(
                FLOWS
                    + """
                    notifications:
                      smtp:
                        host: smtp.example.com
                      from: syncline@example.com
                      to: [ops@example.com]
                      freshness:
                        flows:
                          orders-from-jor: 2h
                    """))
        .containsExactly(
            "syncline.yaml:19:7 notifications.freshness.flows.orders-from-jor: there is no flow"
                + " \"orders-from-jor\"; did you mean \"orders-from-joor\"?");
  }

  @Test
  void intervals_too_short_to_be_useful_are_refused() {
    assertThat(
            problems(
                FLOWS
                    + """
                    notifications:
                      smtp:
                        host: smtp.example.com
                      from: syncline@example.com
                      to: [ops@example.com]
                      digestEvery: 30s
                      freshness:
                        alertAfter: 5m
                    """))
        .containsExactly(
            "syncline.yaml:17:3 notifications.digestEvery: expected at least 1m, got 30s",
            "syncline.yaml:19:5 notifications.freshness.alertAfter: expected at least 10m for flow"
                + " orders-from-joor, twice its every of 5m (changes wait up to that long for a"
                + " scan), got 5m; set a longer one for it under notifications.freshness.flows");
  }
}
