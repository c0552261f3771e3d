package dev.syncline.netsuite.client;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.RetryableSyncException;
import dev.syncline.core.SyncException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;

/**
 * Turns what NetSuite answered into Syncline's two error roots, once, here at the client's edge.
 * Messages keep NetSuite's {@code o:errorCode} and {@code detail} (netsuite-api.md §5.1) and say
 * what to do.
 */
final class NetSuiteErrors {

  static final String SYSTEM = "netsuite";

  private NetSuiteErrors() {}

  /** An answer that was not 2xx; {@code what} names the call ("update customer 107"). */
  static SyncException fromAnswer(String what, NetSuiteHttp.Answer answer, String accountId) {
    var status = answer.status();
    var details = details(answer);
    var codes =
        details.isEmpty()
            ? ""
            : " [" + String.join(", ", details.stream().map(Detail::code).toList()) + "]";
    var text =
        details.isEmpty()
            ? "HTTP " + status
            : String.join(" ", details.stream().map(Detail::text).toList());
    if (status == 429 || codes.contains("CONCURRENCY_LIMIT_EXCEEDED")) {
      // netsuite-api.md §5.2: NetSuite sends no Retry-After; honour one if it ever does.
      return new RetryableSyncException.RateLimited(
          SYSTEM,
          "NetSuite account "
              + accountId
              + " is at its concurrency limit; "
              + what
              + " was refused for now: "
              + text
              + codes,
          retryAfter(answer),
          Optional.empty());
    }
    if (status >= 500) {
      // NetSuite may have acted before it failed; only a write can have changed anything.
      return new RetryableSyncException.RemoteUnavailable(
          SYSTEM,
          "NetSuite failed to " + what + " (HTTP " + status + "): " + text + codes,
          Optional.empty(),
          null,
          true);
    }
    if (status == 401) {
      return new PermanentSyncException.CredentialsRefused(
          SYSTEM,
          "NetSuite account " + accountId + " refused the credentials: " + text + codes,
          "Check the base URL, the account id (the realm, like 1234567_SB1), the consumer key and"
              + " secret, the token id and secret (or the OAuth 2.0 client and certificate), and"
              + " that the role may use REST web services; NetSuite's Login Audit Trail shows the"
              + " cause.",
          Optional.empty(),
          null);
    }
    if (status == 403) {
      return new PermanentSyncException.ConfigurationProblem(
          SYSTEM,
          "NetSuite's role for Syncline may not " + what + ": " + text + codes,
          "Give the role that permission.",
          Optional.empty(),
          null);
    }
    if (status == 404) {
      return new PermanentSyncException.MissingInRemote(
          SYSTEM, "NetSuite has no such record to " + what + ": " + text + codes, Optional.empty());
    }
    return new PermanentSyncException.RemoteRejected(
        SYSTEM, status, "NetSuite refused to " + what + ": " + text + codes, Optional.empty());
  }

  private record Detail(String code, String detail, Optional<String> path) {
    String text() {
      return detail + path.map(p -> " (at " + p + ")").orElse("");
    }
  }

  private static java.util.List<Detail> details(NetSuiteHttp.Answer answer) {
    var out = new ArrayList<Detail>();
    var body = answer.jsonOrEmpty();
    for (var d : body.path("o:errorDetails")) {
      out.add(
          new Detail(
              d.path("o:errorCode").asString("UNKNOWN"),
              d.path("detail").asString(""),
              Optional.ofNullable(d.path("o:errorPath").asString(null))));
    }
    return out;
  }

  private static Optional<Duration> retryAfter(NetSuiteHttp.Answer answer) {
    return answer
        .header("Retry-After")
        .flatMap(v -> {
          try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v.trim())));
          } catch (NumberFormatException e) {
            // An HTTP date instead of seconds: back off as if none was given.
            return Optional.empty();
          }
        });
  }
}
