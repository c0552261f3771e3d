package dev.syncline.zoey.client;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.RetryableSyncException;
import dev.syncline.core.RetryableSyncException.RemoteUnavailable;
import dev.syncline.core.WireText;
import dev.syncline.core.limit.Limiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP exchange with Zoey, API or token endpoint alike: under a permit of the store's limiter,
 * timed for metrics, with connectivity failures turned into {@link RemoteUnavailable}. Logs the
 * method, path and status only: never a header, so never a token.
 */
final class ZoeyTransport {

  private static final Logger log = LoggerFactory.getLogger(ZoeyTransport.class);

  private final HttpClient http;
  private final Limiter limiter;
  private final MeterRegistry meters;
  private final Duration timeout;

  ZoeyTransport(HttpClient http, Limiter limiter, MeterRegistry meters, Duration timeout) {
    this.http = http;
    this.limiter = limiter;
    this.meters = meters;
    this.timeout = timeout;
  }

  /** What Zoey answered, its body decoded as text. */
  record Reply(int statusCode, HttpHeaders headers, String body) {}

  /**
   * @param resource what metrics group the request under ({@code orders}, {@code oauth_token})
   */
  Reply send(HttpRequest request, String method, String resource) {
    var sample = Timer.start(meters);
    var outcome = "io_error";
    try (var permit = limiter.acquire(1)) {
      var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      outcome = response.statusCode() / 100 + "xx";
      log.debug("{} {} answered {}", method, request.uri().getPath(), response.statusCode());
      return new Reply(response.statusCode(), response.headers(), text(method, resource, response));
    } catch (HttpTimeoutException e) {
      throw new RemoteUnavailable(
          ZoeyApi.SYSTEM,
          "Zoey did not answer "
              + method
              + " "
              + resource
              + " within "
              + timeout.toSeconds()
              + " s.",
          Optional.empty(),
          e,
          // Zoey may have applied a write it was slow to answer.
          true);
    } catch (IOException e) {
      throw new RemoteUnavailable(
          ZoeyApi.SYSTEM,
          "Syncline could not reach Zoey at "
              + request.uri().getHost()
              + " ("
              + e.getClass().getSimpleName()
              + "). Check the network and the Zoey base URL.",
          Optional.empty(),
          e,
          // A reset after the request went out may follow a write Zoey applied.
          !(e instanceof java.net.ConnectException));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableSyncException(
          ZoeyApi.SYSTEM, "The call to Zoey was interrupted, as Syncline is stopping.", e);
    } finally {
      sample.stop(
          Timer.builder("syncline.remote.requests")
              .description("Requests to a remote system, by resource and outcome")
              .tag("system", ZoeyApi.SYSTEM)
              .tag("method", method)
              .tag("resource", resource)
              .tag("outcome", outcome)
              .register(meters));
    }
  }

  /**
   * The body in the charset Zoey named, UTF-8 when it named none; bytes that are not text in it
   * fail the call rather than reach a record as replacement characters.
   */
  private static String text(String method, String resource, HttpResponse<byte[]> response) {
    try {
      return WireText.decode(response.headers().firstValue("Content-Type"), response.body());
    } catch (WireText.NotText e) {
      throw new PermanentSyncException(
          ZoeyApi.SYSTEM,
          "Zoey's answer to "
              + method
              + " "
              + resource
              + " (HTTP "
              + response.statusCode()
              + ") cannot be read: "
              + e.getMessage()
              + ". Syncline does not guess at text, so that no name is stored garbled. If a proxy"
              + " stands between Syncline and Zoey, check that it passes bodies unchanged.",
          Optional.empty(),
          e);
    }
  }
}
