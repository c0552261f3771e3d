package dev.syncline.zoey.client;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.PermanentSyncException.ConfigurationProblem;
import dev.syncline.core.PermanentSyncException.MissingInRemote;
import dev.syncline.core.PermanentSyncException.RemoteRejected;
import dev.syncline.core.RetryableSyncException.RateLimited;
import dev.syncline.core.RetryableSyncException.RemoteUnavailable;
import dev.syncline.core.SyncException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Turns Zoey's answers other than success into Syncline's two error roots, once, here. */
final class ZoeyErrors {

  private ZoeyErrors() {}

  /**
   * @param call what was asked, for the message: {@code GET orders/12}
   * @param body the response body, parsed when it was JSON
   * @param retryAfter the Retry-After header, when present
   */
  static SyncException classify(
      String call, int status, Optional<JsonNode> body, Optional<String> retryAfter, Instant now) {
    var said = messages(body).map(m -> ": " + m).orElse(".");
    return switch (status) {
      case 400, 409, 422 ->
          new RemoteRejected(
              ZoeyApi.SYSTEM, status, "Zoey refused " + call + said, Optional.empty());
      case 401 ->
          new ConfigurationProblem(
              ZoeyApi.SYSTEM,
              "Zoey refused Syncline's access token for "
                  + call
                  + " even after renewing it"
                  + said
                  + " Check that the OAuth 2 client is enabled in Zoey's Settings > APIs, then"
                  + " authorize Syncline again.",
              Optional.empty(),
              null);
      // zoey.md §4.4: Magento answers 403 when the API role lacks the resource.
      case 403 ->
          new ConfigurationProblem(
              ZoeyApi.SYSTEM,
              "Zoey denied access for "
                  + call
                  + said
                  + " Give the API user's role access to this resource in Zoey, then resync.",
              Optional.empty(),
              null);
      case 404 ->
          new MissingInRemote(
              ZoeyApi.SYSTEM, "Zoey has no record at " + call + said, Optional.empty());
      case 405 ->
          new RemoteRejected(
              ZoeyApi.SYSTEM,
              status,
              "Zoey does not allow " + call + said + " This Zoey store's API does not offer it.",
              Optional.empty());
      case 429 ->
          new RateLimited(
              ZoeyApi.SYSTEM,
              "Zoey asked Syncline to slow down on " + call + said,
              retryAfter.flatMap(value -> parseRetryAfter(value, now)),
              Optional.empty());
      default ->
          status >= 500
              // Zoey may have acted before it failed; only a write can have changed anything.
              ? new RemoteUnavailable(
                  ZoeyApi.SYSTEM,
                  "Zoey failed on " + call + " with HTTP " + status + said,
                  Optional.empty(),
                  null,
                  true)
              : new RemoteRejected(
                  ZoeyApi.SYSTEM,
                  status,
                  "Zoey refused " + call + " with HTTP " + status + said,
                  Optional.empty());
    };
  }

  /** A body that is not what Zoey sends: most likely the base URL points somewhere else. */
  static PermanentSyncException unexpectedBody(String call, String what) {
    return new ConfigurationProblem(
        ZoeyApi.SYSTEM,
        "Zoey answered "
            + call
            + " with "
            + what
            + ". Check that the Zoey base URL is the store's REST API root (ending in /api/rest).",
        Optional.empty(),
        null);
  }

  /** zoey.md §5.2: the messages of a Magento error body, joined. */
  static Optional<String> messages(Optional<JsonNode> body) {
    var messages = new ArrayList<String>();
    body.ifPresent(json ->
        json.path(ZoeyApi.MESSAGES)
            .path(ZoeyApi.MESSAGE_ERRORS)
            .forEach(error -> messages.add(error.path(ZoeyApi.MESSAGE).asString(""))));
    messages.removeIf(String::isBlank);
    return messages.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", messages));
  }

  /** RFC 9110 §10.2.3: seconds, or an HTTP date. */
  static Optional<Duration> parseRetryAfter(String value, Instant now) {
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
    } catch (NumberFormatException notSeconds) {
      try {
        var at =
            ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
      } catch (DateTimeParseException neither) {
        return Optional.empty();
      }
    }
  }
}
