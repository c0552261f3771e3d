package dev.syncline.netsuite.client;

import dev.syncline.core.Secret;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The OAuth 1.0a signature on every NetSuite call (one Mac made per signature). It sits in the
 * signer's own package, as a test would, because the signer is no part of the client's public API.
 * The figure decides whether the signer is worth caching anything for: against NetSuite's 150 ms
 * per call, it would have to cost milliseconds to matter.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OAuth1SignerBenchmark {

  private final OAuth1Signer signer =
      new OAuth1Signer(
          "1234567_SB1",
          new NetSuiteAuth.TokenBased(
              "demo-consumer-key-1234567-sb1",
              Secret.of("demo-consumer-secret-1234567-sb1"),
              "demo-token-id-1234567-sb1",
              Secret.of("demo-token-secret-1234567-sb1")));

  private final URI uri =
      URI.create(
          "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer/4711"
              + "?expandSubResources=true");

  private long nonce;

  @Benchmark
  public String authorizationHeader() {
    return signer.authorization("GET", uri, "n" + nonce++, 1_795_000_000L);
  }
}
