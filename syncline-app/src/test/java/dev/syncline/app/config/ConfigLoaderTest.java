package dev.syncline.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  private static List<String> problems(Map<String, String> env, String yaml) {
    try {
      new ConfigLoader(env).parse("syncline.yaml", yaml);
    } catch (ConfigException e) {
      return e.problems().stream().map(ConfigProblem::toString).toList();
    }
    throw new AssertionError("expected the configuration to be refused");
  }

  private static List<String> problems(String yaml) {
    return problems(Map.of(), yaml);
  }

  @Test
  void an_empty_file_is_refused_saying_what_it_needs() {
    for (var text : List.of("", "\n  \n", "# nothing yet\n", "{}\n", "---\n")) {
      assertThat(problems(text))
          .as("%s", text)
          .containsExactly(
              "syncline.yaml is empty: it needs at least systems and flows; see"
                  + " docs/configuration.md");
    }
  }

  @Test
  void no_file_gives_every_default() {
    var config = new ConfigLoader(Map.of()).defaults();

    assertThat(config.server().host()).isEqualTo("127.0.0.1");
    assertThat(config.server().port()).isEqualTo(8080);
    assertThat(config.database().url()).isEmpty();
    assertThat(config.database().embedded().dataDirectory()).isEqualTo("data/postgres");
    assertThat(config.database().migrateOnStart()).isTrue();
    assertThat(config.logging().format()).isEqualTo(SynclineConfig.LogFormat.TEXT);
    assertThat(config.server().clientAddressHeader()).isEmpty();
    assertThat(config.server().sessions())
        .isEqualTo(new SynclineConfig.Sessions(Duration.ofHours(1), Duration.ofHours(12)));
    assertThat(config.server().signIn())
        .isEqualTo(
            new SynclineConfig.SignIn(
                5, 20, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofHours(1)));
  }

  @Test
  void session_times_and_sign_in_limits_that_cannot_work_are_refused_naming_the_key() {
    assertThat(
            problems(
                """
                server:
                  clientAddressHeader: "X-Forwarded-For: 1.2.3.4"
                  signIn:
                    failures: 0
                """))
        .containsExactly(
            "syncline.yaml:2:3 server.clientAddressHeader: expected the name of the header a reverse"
                + " proxy puts the client's address in, like X-Forwarded-For or X-Real-IP, got"
                + " \"X-Forwarded-For: 1.2.3.4\"",
            "syncline.yaml:4:5 server.signIn.failures: expected a number of failed sign-ins from 1"
                + " to 100, got 0");
    assertThat(
            problems(
                """
                server:
                  sessions:
                    idleTimeout: 30s
                    lifetime: 45d
                  signIn:
                    window: 10s
                    lockout: 5m
                    maxLockout: 1m
                """))
        .containsExactly(
            "syncline.yaml:3:5 server.sessions.idleTimeout: expected at least 1m, got 30s",
            "syncline.yaml:4:5 server.sessions.lifetime: expected at most 30d, got 45d",
            "syncline.yaml:6:5 server.signIn.window: expected at least 1m, got 10s",
            "syncline.yaml:8:5 server.signIn.maxLockout: expected at least lockout (5m), got 1m");
    assertThat(problems("server:\n  sessions:\n    idleTimeout: 2h\n    lifetime: 1h\n"))
        .containsExactly(
            "syncline.yaml:4:5 server.sessions.lifetime: expected at least idleTimeout (2h), got 1h;"
                + " a session ends at its lifetime however busy it is");
  }

  @Test
  void reads_every_key_it_documents() {
    var config =
        new ConfigLoader(Map.of())
            .parse(
                "syncline.yaml",
                """
                server:
                  host: 0.0.0.0
                  port: 9090
                  clientAddressHeader: X-Real-IP
                  sessions:
                    idleTimeout: 20m
                    lifetime: 8h
                  signIn:
                    failures: 3
                    addressFailures: 50
                    window: 30m
                    lockout: 30s
                    maxLockout: 2h
                database:
                  url: jdbc:postgresql://db.example.com:5432/syncline
                  user: syncline
                  password: s3cret
                  poolSize: 20
                  migrateOnStart: false
                  embedded:
                    dataDirectory: /var/lib/syncline/pg
                    port: 5433
                logging:
                  format: json
                  level: debug
                """);

    assertThat(config.server())
        .isEqualTo(
            new SynclineConfig.Server(
                "0.0.0.0",
                9090,
                Optional.of("X-Real-IP"),
                new SynclineConfig.Sessions(Duration.ofMinutes(20), Duration.ofHours(8)),
                new SynclineConfig.SignIn(
                    3, 50, Duration.ofMinutes(30), Duration.ofSeconds(30), Duration.ofHours(2))));
    assertThat(config.database().url()).contains("jdbc:postgresql://db.example.com:5432/syncline");
    assertThat(config.database().user()).contains("syncline");
    assertThat(config.database().password().orElseThrow().reveal()).isEqualTo("s3cret");
    assertThat(config.database().poolSize()).isEqualTo(20);
    assertThat(config.database().migrateOnStart()).isFalse();
    assertThat(config.database().embedded())
        .isEqualTo(new SynclineConfig.Embedded("/var/lib/syncline/pg", 5433));
    assertThat(config.logging())
        .isEqualTo(new SynclineConfig.Logging(SynclineConfig.LogFormat.JSON, "debug"));
  }

  @Test
  void a_wrong_value_names_file_line_column_key_and_what_is_expected() {
    assertThat(problems("server:\n  host: 127.0.0.1\n  port: often\n"))
        .containsExactly(
            "syncline.yaml:3:3 server.port: expected a port number from 1 to 65535 (0 picks a free one),"
                + " got \"often\"");
  }

  @Test
  void an_unknown_key_suggests_the_known_one_it_resembles() {
    assertThat(problems("server:\n  prot: 8080\n"))
        .containsExactly("syncline.yaml:2:3 server.prot: unknown key; did you mean \"port\"?");
    assertThat(problems("databse:\n  url: jdbc:postgresql://h/db\n"))
        .containsExactly("syncline.yaml:1:1 databse: unknown key; did you mean \"database\"?");
  }

  @Test
  void an_unknown_system_type_and_a_zoey_store_without_its_oauth_client_are_refused_in_words() {
    assertThat(problems("systems:\n  shop:\n    type: shopify\n"))
        .singleElement()
        .asString()
        .startsWith("syncline.yaml:3:5 systems.shop.type: expected netsuite, joor or zoey");
    assertThat(
            problems(
                "systems:\n  shop:\n    type: zoey\n    baseUrl: https://shop.example.com/api/rest\n"))
        .anySatisfy(p -> assertThat(p).contains("systems.shop").contains("clientId"))
        .anySatisfy(p -> assertThat(p).contains("tokenUrl"));
  }

  @Test
  void reads_how_netsuite_customers_are_read_and_refuses_a_way_it_does_not_know() {
    var system =
        """
        systems:
          netsuite:
            type: netsuite
            account: "1234567"
            baseUrl: https://1234567.suitetalk.api.netsuite.com/services/rest
            consumerKey: ck
            consumerSecret: cs
            tokenId: ti
            tokenSecret: ts
            customerReads: %s
        """;
    var config = new ConfigLoader(Map.of()).parse("syncline.yaml", system.formatted("record"));

    assertThat(((SystemConfig.NetSuite) config.systems().get("netsuite")).customerReads())
        .contains("record");
    assertThat(problems(system.formatted("rest")))
        .containsExactly(
            "syncline.yaml:10:5 systems.netsuite.customerReads: expected suiteql (customers in bulk, the default) or record (one record service read a customer), got \"rest\"");
  }

  @Test
  void reads_named_suiteql_conditions_and_refuses_one_whose_values_do_not_fit() {
    var system =
        """
        systems:
          netsuite:
            type: netsuite
            account: "1234567"
            baseUrl: https://1234567.suitetalk.api.netsuite.com/services/rest
            consumerKey: ck
            consumerSecret: cs
            tokenId: ti
            tokenSecret: ts
            conditions:
              in_zoey_wholesale:
                where: "c.custentity_zoey_wholesale = 'T' AND c.subsidiary = :%s"
                values:
                  subsidiary: "1"
        """;
    var config = new ConfigLoader(Map.of()).parse("syncline.yaml", system.formatted("subsidiary"));

    assertThat(((SystemConfig.NetSuite) config.systems().get("netsuite")).conditions())
        .containsExactly(
            Map.entry(
                "in_zoey_wholesale",
                new SystemConfig.NetSuite.Condition(
                    "c.custentity_zoey_wholesale = 'T' AND c.subsidiary = :subsidiary",
                    Map.of("subsidiary", "1"))));
    assertThat(problems(system.formatted("sub")))
        .containsExactly(
            "syncline.yaml:11:7 systems.netsuite.conditions.in_zoey_wholesale: its where uses :sub but values gives no sub");
  }

  @Test
  void an_unknown_key_far_from_any_lists_the_allowed_keys() {
    assertThat(problems("logging:\n  colour: blue\n"))
        .containsExactly(
            "syncline.yaml:2:3 logging.colour: unknown key; the keys allowed here are format, level");
  }

  @Test
  void a_value_out_of_range_and_a_value_not_in_a_list_are_both_reported_in_file_order() {
    assertThat(problems("logging:\n  format: xml\ndatabase:\n  poolSize: 0\n"))
        .containsExactly(
            "syncline.yaml:2:3 logging.format: expected one of \"text\", \"json\", got \"xml\"",
            "syncline.yaml:4:3 database.poolSize: expected a number of connections from 1 to 200, got 0");
  }

  @Test
  void a_mapping_where_a_value_belongs_is_described_in_words() {
    assertThat(problems("server:\n  host:\n    name: x\n"))
        .containsExactly(
            "syncline.yaml:2:3 server.host: expected an address to listen on, like 127.0.0.1 or 0.0.0.0,"
                + " got a mapping");
  }

  @Test
  void broken_yaml_names_the_line_where_it_breaks() {
    var found = problems("server:\n  port: 8080\n   host: [unclosed\n");

    assertThat(found).hasSize(1);
    assertThat(found.getFirst()).startsWith("syncline.yaml:3:").contains("is not valid YAML");
  }

  @Test
  void a_key_given_twice_is_refused() {
    var found = problems("server:\n  port: 8080\n  port: 9090\n");

    assertThat(found).hasSize(1);
    assertThat(found.getFirst()).startsWith("syncline.yaml:3:").contains("port");
  }

  @Test
  void the_top_of_the_file_must_be_a_mapping() {
    assertThat(problems("- just\n- a list\n"))
        .containsExactly(
            "syncline.yaml:1:1 expected a mapping of keys to values at the top of the file");
  }

  @Test
  void substitutes_environment_variables_and_types_a_whole_value() {
    var config =
        new ConfigLoader(
                Map.of("PORT", "9191", "DB_PASSWORD", "pa$$word", "DB_HOST", "db.internal"))
            .parse(
                "syncline.yaml",
                """
                server:
                  port: ${PORT}
                database:
                  url: jdbc:postgresql://${DB_HOST}:5432/syncline
                  password: ${DB_PASSWORD}
                  user: $${literal}
                """);

    assertThat(config.server().port()).isEqualTo(9191);
    assertThat(config.database().url()).contains("jdbc:postgresql://db.internal:5432/syncline");
    assertThat(config.database().password().orElseThrow().reveal()).isEqualTo("pa$$word");
    assertThat(config.database().user()).contains("${literal}");
  }

  @Test
  void a_missing_environment_variable_is_named() {
    assertThat(problems("database:\n  password: ${SYNCLINE_DB_PASSWORD}\n"))
        .containsExactly(
            "syncline.yaml:2:3 database.password: environment variable SYNCLINE_DB_PASSWORD is not set;"
                + " set it before starting Syncline, or write the value here");
  }

  @Test
  void never_echoes_a_secret_or_a_substituted_value() {
    var fromFile = problems("database:\n  url: mysql://root:topsecret@h/db\n");
    var fromEnv = problems(Map.of("PORT", "hunter2"), "server:\n  port: ${PORT}\n");

    assertThat(fromFile)
        .singleElement()
        .asString()
        .contains("database.url: expected a PostgreSQL URL")
        .doesNotContain("topsecret");
    assertThat(fromEnv)
        .singleElement()
        .asString()
        .contains("server.port: expected a port number")
        .contains("${PORT}")
        .doesNotContain("hunter2");
  }

  @Test
  void the_database_url_from_the_environment_wins_over_the_file() {
    var config =
        new ConfigLoader(Map.of("SYNCLINE_DATABASE_URL", "postgresql://u:p@prod-db/syncline"))
            .parse("syncline.yaml", "database:\n  url: jdbc:postgresql://localhost/dev\n");

    assertThat(config.database().url()).contains("postgresql://u:p@prod-db/syncline");
    assertThat(config.database().settings().isEmbedded()).isFalse();
  }

  @Test
  void a_bad_database_url_in_the_environment_is_refused_without_showing_it() {
    assertThatThrownBy(() ->
            new ConfigLoader(Map.of("SYNCLINE_DATABASE_URL", "mysql://u:secret@h/x")).defaults())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SYNCLINE_DATABASE_URL: expected a PostgreSQL URL")
        .hasMessageNotContaining("secret@");
  }
}
