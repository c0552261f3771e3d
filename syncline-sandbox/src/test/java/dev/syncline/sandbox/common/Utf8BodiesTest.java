package dev.syncline.sandbox.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every simulator answers in UTF-8 and says so, whatever the kind of answer, and reads what it is
 * sent in the charset the request names, UTF-8 when it names none.
 */
class Utf8BodiesTest {

  static final String TEXT = "Société — 東京 🧵 Cafe\u0301 שלום";

  private final HttpClient http = HttpClient.newHttpClient();
  private Harness harness;
  private Javalin server;

  @BeforeEach
  void start() {
    harness =
        Harness.create(
            new SandboxClock(InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"))));
    server =
        SandboxHttp.start(
            "127.0.0.1",
            0,
            harness,
            config -> {
              // NetSuite's record media type, which Jetty does not know (netsuite-api.md §3).
              config.routes.get(
                  "/record",
                  ctx ->
                      ctx.contentType("application/vnd.oracle.resource+json; type=singular")
                          .result("{\"companyName\":\"" + TEXT + "\"}"));
              config.routes.get("/json", ctx -> ctx.json(Map.of("companyName", TEXT)));
              config.routes.post("/echo", ctx -> ctx.json(Map.of("got", ctx.body())));
              config.routes.post("/form", ctx -> ctx.json(Map.of("got", ctx.formParam("name"))));
            });
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).build(), bytes());
  }

  private HttpResponse<byte[]> post(String path, String contentType, byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        bytes());
  }

  private static HttpResponse.BodyHandler<byte[]> bytes() {
    return HttpResponse.BodyHandlers.ofByteArray();
  }

  private static String utf8(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void every_kind_of_answer_is_utf8_and_says_so() throws Exception {
    harness
        .faults()
        .failNext("GET", "/failing", 1, Faults.Fault.status(503, "{\"title\":\"" + TEXT + "\"}"));

    var record = get("/record");
    var json = get("/json");
    var fault = get("/failing");
    var unknown = get("/no-such-path");
    var control = get("/_sandbox/clock");

    for (var answer : List.of(record, json, fault, unknown, control)) {
      assertThat(answer.headers().firstValue("Content-Type"))
          .as(answer.uri().getPath())
          .hasValueSatisfying(t -> assertThat(t.toLowerCase()).endsWith("charset=utf-8"));
    }
    assertThat(record.headers().firstValue("Content-Type"))
        .contains("application/vnd.oracle.resource+json; type=singular; charset=utf-8");
    assertThat(utf8(record)).isEqualTo("{\"companyName\":\"" + TEXT + "\"}");
    assertThat(utf8(json)).isEqualTo("{\"companyName\":\"" + TEXT + "\"}");
    assertThat(fault.statusCode()).isEqualTo(503);
    assertThat(utf8(fault)).isEqualTo("{\"title\":\"" + TEXT + "\"}");
  }

  @Test
  void reads_a_body_as_utf8_unless_the_request_names_another_charset() throws Exception {
    var unstated = post("/echo", "application/json", TEXT.getBytes(StandardCharsets.UTF_8));
    var stated =
        post("/echo", "application/json; charset=utf-8", TEXT.getBytes(StandardCharsets.UTF_8));
    var latin1 =
        post(
            "/echo",
            "text/plain; charset=ISO-8859-1",
            "Zürich Société".getBytes(Charset.forName("ISO-8859-1")));
    var form =
        post(
            "/form",
            "application/x-www-form-urlencoded",
            ("name=" + URLEncoder.encode(TEXT, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.US_ASCII));

    assertThat(utf8(unstated)).isEqualTo("{\"got\":\"" + TEXT + "\"}");
    assertThat(utf8(stated)).isEqualTo("{\"got\":\"" + TEXT + "\"}");
    assertThat(utf8(latin1)).isEqualTo("{\"got\":\"Zürich Société\"}");
    assertThat(utf8(form)).isEqualTo("{\"got\":\"" + TEXT + "\"}");
  }
}
