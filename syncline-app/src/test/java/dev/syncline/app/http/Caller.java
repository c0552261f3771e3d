package dev.syncline.app.http;

import dev.syncline.app.access.Access;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Someone calling a Syncline over real HTTP: nobody, a browser signed in as a user (its session
 * cookie and CSRF token), or a program with an API token.
 */
final class Caller {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  final URI base;
  final Optional<String> session;
  final Optional<String> token;

  private Caller(URI base, Optional<String> session, Optional<String> token) {
    this.base = base;
    this.session = session;
    this.token = token;
  }

  static Caller anonymous(URI base) {
    return new Caller(base, Optional.empty(), Optional.empty());
  }

  static Caller withToken(URI base, String token) {
    return new Caller(base, Optional.empty(), Optional.of(token));
  }

  /** Signs in through the sign-in form, as a browser does. */
  static Caller signedIn(URI base, String name, String password) {
    var response = signIn(base, name, password, Map.of());
    var session =
        cookieValue(response, "syncline_session")
            .orElseThrow(() ->
                new AssertionError("sign-in of " + name + " failed: " + response.statusCode()));
    return new Caller(base, Optional.of(session), Optional.empty());
  }

  /**
   * Fills in and sends the sign-in form as a browser does, with {@code headers} on the form's post,
   * and answers what the server answered.
   */
  static HttpResponse<String> signIn(
      URI base, String name, String password, Map<String, String> headers) {
    var anonymous = anonymous(base);
    var page = anonymous.send("GET", "/sign-in", Optional.empty(), Map.of());
    var cookie = cookieValue(page, "syncline_sign_in").orElseThrow();
    var matcher = FORM_TOKEN.matcher(page.body());
    matcher.find();
    var all = new java.util.HashMap<>(headers);
    all.put("Content-Type", "application/x-www-form-urlencoded");
    all.put("Cookie", "syncline_sign_in=" + cookie);
    return anonymous.send(
        "POST",
        "/sign-in",
        Optional.of(form(Map.of("_csrf", matcher.group(1), "name", name, "password", password))),
        all);
  }

  static Optional<String> cookieValue(HttpResponse<String> response, String name) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(name + "="))
        .map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
        .filter(v -> !v.isEmpty())
        .findFirst();
  }

  static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e ->
            URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  String csrf() {
    return Access.csrfToken(session.orElseThrow());
  }

  HttpResponse<String> get(String path) {
    return send("GET", path, Optional.empty(), Map.of());
  }

  /** A JSON request; a signed-in browser's carries its CSRF token, as the dashboard's do. */
  HttpResponse<String> json(String method, String path, String body) {
    var headers = new java.util.HashMap<String, String>();
    headers.put("Content-Type", "application/json");
    session.ifPresent(s -> headers.put("X-CSRF-Token", csrf()));
    return send(method, path, Optional.of(body), headers);
  }

  /** A form post with the session's CSRF token in its hidden field, as the dashboard's forms do. */
  HttpResponse<String> postForm(String path, Map<String, String> fields) {
    var all = new java.util.HashMap<>(fields);
    session.ifPresent(s -> all.put("_csrf", csrf()));
    return send(
        "POST",
        path,
        Optional.of(form(all)),
        Map.of("Content-Type", "application/x-www-form-urlencoded"));
  }

  HttpResponse<String> send(
      String method, String path, Optional<String> body, Map<String, String> headers) {
    var builder =
        HttpRequest.newBuilder(base.resolve(path))
            .method(
                method,
                body.map(HttpRequest.BodyPublishers::ofString)
                    .orElse(HttpRequest.BodyPublishers.noBody()));
    headers.forEach(builder::header);
    session.ifPresent(s -> builder.header("Cookie", "syncline_session=" + s));
    token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
    try {
      return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
