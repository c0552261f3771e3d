package dev.syncline.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a user runs it: the packaged jar in a fresh folder, stopped with SIGTERM, started
 * again.
 */
class DemoIT {

  private static final Pattern RUNNING_AT =
      Pattern.compile("Syncline demo is running at (http://\\S+)");
  private static final Pattern PASSWORD = Pattern.compile("sign in as admin with password (\\S+)");
  private static final Pattern TOKEN = Pattern.compile("export SYNCLINE_TOKEN=(\\S+)");

  @TempDir Path workDir;

  private final HttpClient http = HttpClient.newHttpClient();

  /** A started demo process; what it prints goes to files, which outlive it. */
  record Demo(Process process, Path out, Path err) {
    String url() {
      return RUNNING_AT.matcher(read(out)).results().map(m -> m.group(1)).findFirst().orElse("");
    }

    String printed(Pattern pattern) {
      return pattern.matcher(read(out)).results().map(m -> m.group(1)).findFirst().orElseThrow();
    }

    String log() {
      return read(err);
    }

    private static String read(Path file) {
      try {
        return Files.exists(file) ? Files.readString(file) : "";
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private Demo start(String name, java.util.Map<String, String> environment) throws IOException {
    var java = ProcessHandle.current().info().command().orElse("java");
    var out = workDir.resolve(name + ".out");
    var err = workDir.resolve(name + ".err");
    var builder =
        new ProcessBuilder(java, "-jar", System.getProperty("syncline.jar"), "demo", "--port", "0")
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().remove("SYNCLINE_LAUNCHER");
    builder.environment().putAll(environment);
    var process = builder.start();
    var demo = new Demo(process, out, err);
    await("the demo prints its URL, or exits")
        .atMost(Duration.ofMinutes(2))
        .until(() -> !demo.url().isEmpty() || !process.isAlive());
    assertThat(demo.url()).as("the demo started; it logged:%n%s", demo.log()).isNotEmpty();
    return demo;
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String url, String token)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Signs in through the form as a browser would; returns the answer's status. */
  private int signIn(String url, String name, String password)
      throws IOException, InterruptedException {
    var page = get(url + "/sign-in");
    var cookie =
        page.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("syncline_sign_in="))
            .map(c -> c.substring(0, c.indexOf(';')))
            .findFirst()
            .orElseThrow();
    var formToken = page.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
    var form =
        "_csrf="
            + formToken
            + "&name="
            + name
            + "&password="
            + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8);
    return http.send(
            HttpRequest.newBuilder(URI.create(url + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private static void stop(Demo demo) throws InterruptedException {
    demo.process().destroy(); // SIGTERM
    assertThat(demo.process().waitFor(60, TimeUnit.SECONDS)).as("stops within a minute").isTrue();
    assertThat(demo.log()).contains("Syncline is stopping").contains("Embedded PostgreSQL stopped");
  }

  /** The audit log's entries, oldest last: the demo keeps it across starts. */
  private java.util.List<String> audit(Demo demo) throws IOException, InterruptedException {
    var entries = new java.util.ArrayList<String>();
    for (var entry :
        tools.jackson.databind.json.JsonMapper.shared()
            .readTree(get(demo.url() + "/api/v1/audit", demo.printed(TOKEN)).body())) {
      entries.add(entry.toString());
    }
    return entries;
  }

  /** Whether the process runs: one that exited but was not reaped yet (a zombie) does not. */
  private static boolean running(long pid) {
    try {
      var stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      var state = stat.substring(stat.lastIndexOf(')') + 1).strip();
      return !state.startsWith("Z") && !state.startsWith("X");
    } catch (IOException e) {
      return false;
    }
  }

  /** What the demo's flows wrote in this process's runs, all told. */
  private int written(Demo demo) throws IOException, InterruptedException {
    var total = 0;
    for (var flow : java.util.List.of("customers-to-joor-us", "customers-to-joor-eu")) {
      var runs =
          tools.jackson.databind.json.JsonMapper.shared()
              .readTree(
                  get(demo.url() + "/api/v1/flows/" + flow + "/runs", demo.printed(TOKEN)).body());
      for (var run : runs) {
        total += run.path("written").asInt();
      }
    }
    return total;
  }

  @Test
  void serves_health_ready_and_metrics_stops_cleanly_on_sigterm_and_starts_again_on_its_data()
      throws Exception {
    var first = start("first", java.util.Map.of());
    try {
      assertThat(first.log())
          .as("the demo adds its admin as it starts")
          .doesNotContain("No user can sign in");
      assertThat(Demo.read(first.out()))
          .as("a command the user can run as printed, without the launcher")
          .contains(
              "java -jar " + System.getProperty("syncline.jar") + " flows --server " + first.url());
      assertThat(get(first.url() + "/health").statusCode()).isEqualTo(200);
      var ready = get(first.url() + "/ready");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).contains("\"ready\":true");
      assertThat(get(first.url() + "/metrics").statusCode())
          .as("not without a token")
          .isEqualTo(401);
      assertThat(get(first.url() + "/metrics", first.printed(TOKEN)).body())
          .contains("jvm_memory_used_bytes");
      assertThat(signIn(first.url(), "admin", first.printed(PASSWORD))).isEqualTo(303);
      await("the demo's customers reach JOOR")
          .atMost(Duration.ofMinutes(2))
          .until(() -> written(first) > 0);
    } finally {
      stop(first);
    }
    var dataDirectory = workDir.resolve("data/postgres");
    assertThat(dataDirectory.resolve("PG_VERSION")).exists();
    assertThat(Files.exists(dataDirectory.resolve("postmaster.pid")))
        .as("PostgreSQL shut down cleanly")
        .isFalse();
    assertThat(first.log()).contains("Embedded PostgreSQL initialised");

    var second = start("second", java.util.Map.of("SYNCLINE_LAUNCHER", "./syncline"));
    try {
      assertThat(Demo.read(second.out()))
          .as("started by the launcher")
          .contains("  flows      ./syncline flows --server " + second.url())
          .contains("  failures   ./syncline failed --server " + second.url());
      assertThat(second.log()).contains("Embedded PostgreSQL started");
      assertThat(get(second.url() + "/ready").statusCode()).isEqualTo(200);
      assertThat(second.printed(PASSWORD))
          .as("a new password at each start")
          .isNotEqualTo(first.printed(PASSWORD));
      assertThat(signIn(second.url(), "admin", first.printed(PASSWORD))).isEqualTo(401);
      assertThat(signIn(second.url(), "admin", second.printed(PASSWORD))).isEqualTo(303);
      await("the fresh sandboxes' customers reach JOOR again")
          .atMost(Duration.ofMinutes(2))
          .until(() -> written(second) > 0);
    } finally {
      stop(second);
    }
  }

  /**
   * kill -9 leaves the embedded PostgreSQL running, holding the data: the next start stops it
   * cleanly and comes up on the same data, instead of waiting a minute for a server that cannot
   * start.
   */
  @Test
  void starts_again_after_kill_9_by_stopping_the_database_the_killed_process_left_running()
      throws Exception {
    var first = start("first", java.util.Map.of());
    java.util.List<String> audit;
    long leftover;
    try {
      var asked =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(first.url() + "/api/v1/flows/customers-to-joor-us/run"))
                  .header("Authorization", "Bearer " + first.printed(TOKEN))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
      audit = audit(first);
      assertThat(audit).anyMatch(e -> e.contains("flow.run"));
      leftover =
          Long.parseLong(
              Files.readAllLines(workDir.resolve("data/postgres/postmaster.pid")).getFirst());
    } catch (Exception | AssertionError e) {
      stop(first);
      throw e;
    }
    first.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
    assertThat(first.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(running(leftover)).as("the embedded PostgreSQL outlives the killed Java").isTrue();
    try {
      var second = start("second", java.util.Map.of());
      try {
        assertThat(second.log())
            .contains("left by a Syncline that did not stop cleanly")
            .contains("Embedded PostgreSQL started");
        assertThat(running(leftover)).as("the leftover PostgreSQL is gone").isFalse();
        assertThat(get(second.url() + "/ready").statusCode()).isEqualTo(200);
        assertThat(audit(second))
            .as("the first process's audit log is still there")
            .containsAll(audit);
      } finally {
        stop(second);
      }
    } finally {
      // Only when the test fails: the server it started must not outlive it.
      ProcessHandle.of(leftover).filter(p -> running(p.pid())).ifPresent(ProcessHandle::destroy);
    }
  }
}
