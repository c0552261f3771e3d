package dev.syncline.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.app.Main;
import dev.syncline.store.testing.TestDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.empty();

  /** For the commands that need the schema; db above must stay unmigrated for its own tests. */
  @RegisterExtension static final TestDatabase migrated = TestDatabase.migrated();

  @TempDir Path dir;

  record Result(int exitCode, String out, String err) {}

  private static Result run(Map<String, String> env, String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var code = Main.run(env, new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  private static Result run(String... args) {
    return run(Map.of(), args);
  }

  private Path write(String name, String text) throws IOException {
    var file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void config_check_prints_ok_and_a_summary_for_a_good_file() throws IOException {
    var file = write("syncline.yaml", "server:\n  port: 9000\n");

    var result = run("config", "check", file.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .startsWith("OK " + file + ": ")
        .contains("embedded database in data/postgres")
        .contains("HTTP on 127.0.0.1:9000");
  }

  @Test
  void config_check_prints_every_problem_and_exits_1() throws IOException {
    var file = write("bad.yaml", "server:\n  port: often\nlogging:\n  levle: info\n");

    var result = run("config", "check", file.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err().lines())
        .containsExactly(
            file
                + ":2:3 server.port: expected a port number from 1 to 65535 (0 picks a free one), got \"often\"",
            file + ":4:3 logging.levle: unknown key; did you mean \"level\"?");
    assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void an_empty_config_file_fails_config_check_and_start_up_saying_what_it_needs()
      throws IOException {
    var file = write("syncline.yaml", "");

    var check = run("config", "check", file.toString());
    var serve =
        run(Map.of("SYNCLINE_DATABASE_URL", db.url()), "--config", file.toString(), "serve");

    var message =
        file + " is empty: it needs at least systems and flows; see docs/configuration.md";
    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.err().lines()).containsExactly(message);
    assertThat(check.out()).isEmpty();
    assertThat(serve.exitCode()).isEqualTo(1);
    assertThat(serve.err().lines()).containsExactly(message);
  }

  @Test
  void config_check_reads_the_file_named_by_the_config_option() throws IOException {
    var file = write("other.yaml", "server:\n  port: 9001\n");

    var result = run("--config", file.toString(), "config", "check");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("HTTP on 127.0.0.1:9001");
  }

  @Test
  void config_check_of_a_missing_file_says_so() {
    var result = run("config", "check", dir.resolve("nope.yaml").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("nope.yaml does not exist");
  }

  @Test
  void an_unknown_command_or_option_exits_1_with_a_hint() {
    var unknownCommand = run("sevre");
    var badOption = run("serve", "--log-format", "xml");

    assertThat(unknownCommand.exitCode()).isEqualTo(1);
    assertThat(unknownCommand.err()).contains("sevre").contains("--help");
    assertThat(badOption.exitCode()).isEqualTo(1);
    assertThat(badOption.err()).contains("--log-format").contains("xml");
  }

  @Test
  void resync_without_ids_or_all_says_what_is_missing_with_commands_that_run_as_printed() {
    var launcher = Map.of("SYNCLINE_LAUNCHER", "./syncline");
    var server = "http://127.0.0.1:1";

    var nothing = run(launcher, "resync", "--server", server);
    var filtersOnly = run(launcher, "resync", "--flow", "customers-to-joor", "--server", server);
    var both = run(launcher, "resync", "12", "--all", "--server", server);
    var badOption = run(launcher, "resync", "--evrything");

    assertThat(nothing.exitCode()).isEqualTo(1);
    assertThat(nothing.err())
        .contains("their ids (as ./syncline failed lists them), or --all")
        .contains("--flow")
        .doesNotContain("not both");
    assertThat(filtersOnly.exitCode()).isEqualTo(1);
    assertThat(filtersOnly.err()).contains("add --all").doesNotContain("not both");
    assertThat(both.exitCode()).isEqualTo(1);
    assertThat(both.err()).contains("not both");
    assertThat(badOption.err()).contains("Run `./syncline resync --help` for usage.");
    assertThat(run("sevre").err())
        .as("without the launcher, through the jar or by name")
        .containsPattern("Run `(java -jar \\S+|syncline) --help` for usage\\.");
  }

  @Test
  void sync_and_failed_offer_no_record_type_but_those_of_the_flows() {
    for (var command : List.of("sync", "failed")) {
      var help = run(command, "--help");

      assertThat(help.out()).as(command).doesNotContain("salesOrder").contains("syncline flows");
    }
  }

  @Test
  void serve_refuses_a_port_out_of_range_before_starting_anything() {
    var result = run(Map.of("SYNCLINE_DATABASE_URL", db.url()), "serve", "--port", "70000");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("--port must be from 1 to 65535");
  }

  @Test
  void db_migrate_applies_the_schema_once_and_then_reports_it_current() {
    var env = Map.of("SYNCLINE_DATABASE_URL", db.url());

    var first = run(env, "db", "migrate");
    var second = run(env, "db", "migrate");

    assertThat(first.exitCode()).isZero();
    assertThat(first.out()).containsPattern("Applied \\d+ migration\\(s\\)");
    assertThat(second.exitCode()).isZero();
    assertThat(second.out()).contains("up to date");
    assertThat(db.database().readiness().ready()).isTrue();
  }

  /** The launcher at the repository's root, one folder above this module. */
  @Test
  void the_launcher_answers_test_help_with_its_own_usage_not_mavens() throws Exception {
    var launcher = Path.of("..", "syncline").toAbsolutePath().normalize();
    for (var option : List.of("--help", "-h")) {
      var process =
          new ProcessBuilder("bash", launcher.toString(), "test", option)
              .redirectErrorStream(true)
              .start();
      var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(process.waitFor()).as(output).isZero();
      assertThat(output)
          .as(option)
          .contains("Usage: " + launcher + " COMMAND")
          .contains("test [ARGS]")
          .doesNotContain("usage: mvn");
    }
  }

  @Test
  void version_and_help_exit_0() {
    var version = run("version");
    var help = run("--help");

    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("syncline ").contains("Java 25");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("serve", "demo", "config", "db", "version");
  }

  @Test
  void a_measured_age_from_the_api_is_shown_as_the_dashboard_shows_it_not_in_milliseconds() {
    var json = tools.jackson.databind.json.JsonMapper.shared();

    assertThat(FlowsCommand.age(json.valueToTree("PT3M12.345S"))).isEqualTo("3m 12s");
    assertThat(FlowsCommand.age(json.valueToTree("PT2H5M0.5S"))).isEqualTo("2h 5m");
    assertThat(FlowsCommand.age(json.valueToTree("PT0.8S"))).isEqualTo("0s");
  }

  /**
   * A command's list shows only the first line of each subcommand's description, and picocli prints
   * each line as given: a sentence split over two lines reads as cut off in both places.
   */
  @Test
  void every_line_of_help_is_a_whole_sentence() {
    var cut = new java.util.ArrayList<String>();
    var commands = new java.util.ArrayDeque<picocli.CommandLine>();
    commands.add(new picocli.CommandLine(new SynclineCommand()));
    while (!commands.isEmpty()) {
      var command = commands.removeFirst();
      commands.addAll(command.getSubcommands().values());
      var spec = command.getCommandSpec();
      var lines = new java.util.ArrayList<String>(List.of(spec.usageMessage().description()));
      spec.options().forEach(o -> lines.addAll(List.of(o.description())));
      spec.positionalParameters().forEach(p -> lines.addAll(List.of(p.description())));
      for (var line : lines) {
        var text = line.replace("%n", "").strip(); // picocli's own help ends lines with %n
        if (!text.startsWith("Example: ") && !text.matches("(?s).*[.?!]\\)?")) {
          cut.add(spec.qualifiedName() + ": " + text);
        }
      }
    }

    assertThat(cut).isEmpty();
  }

  @Test
  void an_unreachable_database_is_a_user_error_of_one_line_without_a_stack_trace() {
    var result =
        run(
            Map.of(
                "SYNCLINE_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/nothing?connectTimeout=2"),
            "db",
            "migrate");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("syncline: ").doesNotContain("\tat ");
  }

  @Test
  void
      user_add_makes_a_user_with_a_generated_password_shown_once_and_refuses_a_second_of_that_name() {
    var env = Map.of("SYNCLINE_DATABASE_URL", migrated.url());

    var added = run(env, "user", "add", "alice", "--role", "admin");
    var again = run(env, "user", "add", "alice");
    var badRole = run(env, "user", "add", "bob", "--role", "boss");
    var listed = run(env, "user", "list");

    assertThat(added.exitCode()).isZero();
    assertThat(added.out())
        .containsPattern("Password of alice \\(shown once\\): \\S{20}")
        .contains("Added alice (admin)");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("already a user named alice");
    assertThat(badRole.exitCode()).isEqualTo(1);
    assertThat(badRole.err()).contains("--role").contains("viewer, operator and admin");
    assertThat(listed.out()).contains("alice").contains("admin").doesNotContain("bob");
  }

  @Test
  void
      the_ops_commands_send_the_token_of_syncline_token_or_the_option_and_say_what_to_do_without_one() {
    var config =
        new dev.syncline.app.config.ConfigLoader(Map.of("SYNCLINE_DATABASE_URL", migrated.url()))
            .parse("test.yaml", "server:\n  port: 0\n");
    try (var node = dev.syncline.app.SynclineNode.start(config)) {
      var server = node.url().toString();
      var token =
          node.access()
              .createToken("cli-" + System.nanoTime(), dev.syncline.app.access.Role.VIEWER, "test")
              .secret();

      var without = run("flows", "--server", server);
      var fromEnv = run(Map.of("SYNCLINE_TOKEN", token), "flows", "--server", server);
      var fromOption = run("failed", "--server", server, "--token", token);
      var wrong = run("flows", "--server", server, "--token", "sl_nothing");

      assertThat(without.exitCode()).isEqualTo(1);
      assertThat(without.err()).contains("--token").contains("SYNCLINE_TOKEN");
      assertThat(fromEnv.exitCode()).isZero();
      assertThat(fromEnv.out()).contains("FLOW");
      assertThat(fromOption.exitCode()).isZero();
      assertThat(fromOption.out()).contains("No failed records");
      assertThat(wrong.exitCode()).isEqualTo(1);
      assertThat(wrong.err()).contains("does not know this API token");
    }
  }

  @Test
  void conflicts_lists_the_open_ones_and_acknowledges_by_id() {
    migrated.jdbi().useHandle(h -> h.execute("TRUNCATE sync_conflict"));
    var id = migrated.conflict("customers", "1001", "C-1001", "name", "\"Zoë ✨\"", "\"Zoe\"");
    var config =
        new dev.syncline.app.config.ConfigLoader(Map.of("SYNCLINE_DATABASE_URL", migrated.url()))
            .parse("test.yaml", "server:\n  port: 0\n");
    try (var node = dev.syncline.app.SynclineNode.start(config)) {
      var server = node.url().toString();
      var token =
          node.access()
              .createToken(
                  "cli-" + System.nanoTime(), dev.syncline.app.access.Role.OPERATOR, "test")
              .secret();

      var open = run("conflicts", "--server", server, "--token", token);
      var acknowledged =
          run("conflicts", "--server", server, "--token", token, "--acknowledge", "" + id);
      var again = run("conflicts", "--server", server, "--token", token, "--acknowledge", "" + id);
      var none = run("conflicts", "--server", server, "--token", token);
      var all = run("conflicts", "--server", server, "--token", token, "--all");
      var bad = run("conflicts", "--server", server, "--token", token, "--acknowledge", "x");

      assertThat(open.exitCode()).isZero();
      assertThat(open.out())
          .contains("1001 / C-1001")
          .contains("\"Zoë ✨\"")
          .contains("open")
          .contains("conflicts --acknowledge ID");
      assertThat(acknowledged.out()).contains("Acknowledged 1 conflict(s).");
      assertThat(again.out()).contains("Acknowledged 0 of 1").contains("acknowledged before");
      assertThat(none.out()).contains("No open conflicts.");
      assertThat(all.out()).contains("1001 / C-1001").doesNotContain(" open");
      assertThat(bad.exitCode()).isEqualTo(1);
      assertThat(bad.err()).contains("--acknowledge");
    }
  }
}
