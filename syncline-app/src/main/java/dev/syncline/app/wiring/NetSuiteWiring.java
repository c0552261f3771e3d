package dev.syncline.app.wiring;

import dev.syncline.app.UserError;
import dev.syncline.app.config.SystemConfig;
import dev.syncline.core.limit.LimiterFactory;
import dev.syncline.core.port.SystemAdapters;
import dev.syncline.netsuite.NetSuiteModule;
import dev.syncline.netsuite.client.NetSuiteAuth;
import dev.syncline.netsuite.client.NetSuiteClient;
import dev.syncline.netsuite.client.NetSuiteConfig;
import dev.syncline.netsuite.client.SuiteQlCondition;
import dev.syncline.netsuite.customer.NetSuiteCustomerImporter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;

/**
 * A NetSuite account from its configuration: client, concurrency shared through the limiter
 * factory, adapters.
 */
final class NetSuiteWiring {

  /**
   * netsuite-api.md §5.2: an account with one SuiteCloud Plus licence allows 15 requests at once.
   */
  static final int DEFAULT_CONCURRENCY = 15;

  static final String DEFAULT_CHANNELS_FIELD = "custentity_syncline_channels";

  private NetSuiteWiring() {}

  static SystemAdapters open(
      String name,
      SystemConfig.NetSuite c,
      LimiterFactory limiters,
      MeterRegistry metrics,
      InstantSource clock) {
    var concurrency = c.concurrency().orElse(DEFAULT_CONCURRENCY);
    var config = NetSuiteConfig.of(URI.create(c.baseUrl()), c.account(), auth(c), concurrency);
    if (c.requestTimeout().isPresent()) {
      config = config.withRequestTimeout(c.requestTimeout().get());
    }
    var limiter =
        limiters.concurrency("netsuite:" + c.account(), concurrency, config.requestTimeout());
    return new NetSuiteModule(
        name,
        NetSuiteClient.create(config, limiter, metrics, clock),
        c.channelsField().orElse(DEFAULT_CHANNELS_FIELD),
        ZoneId.of(c.timeZone().orElse("UTC")),
        c.customerReads()
            .map(r -> NetSuiteCustomerImporter.Reads.valueOf(r.toUpperCase(java.util.Locale.ROOT)))
            .orElse(NetSuiteCustomerImporter.Reads.SUITEQL),
        c.conditions().entrySet().stream()
            .map(e -> new SuiteQlCondition(e.getKey(), e.getValue().where(), e.getValue().values()))
            .toList());
  }

  private static NetSuiteAuth auth(SystemConfig.NetSuite c) {
    if (c.consumerKey().isPresent()) {
      return new NetSuiteAuth.TokenBased(
          c.consumerKey().get(),
          c.consumerSecret().orElseThrow(),
          c.tokenId().orElseThrow(),
          c.tokenSecret().orElseThrow());
    }
    var algorithm = c.algorithm().orElse("PS256");
    return new NetSuiteAuth.ClientCredentials(
        c.clientId().orElseThrow(),
        c.certificateId().orElseThrow(),
        privateKey(Path.of(c.privateKeyFile().orElseThrow()), algorithm),
        algorithm,
        List.of("rest_webservices"));
  }

  /** A PKCS#8 PEM private key: RSA for the PS algorithms, EC for the ES ones. */
  private static PrivateKey privateKey(Path file, String algorithm) {
    try {
      var pem = Files.readString(file);
      var base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      var spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
      return KeyFactory.getInstance(algorithm.startsWith("ES") ? "EC" : "RSA")
          .generatePrivate(spec);
    } catch (IOException e) {
      throw new UserError(
          "Cannot read the NetSuite private key file " + file + ": " + e.getMessage());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new UserError(
          "The NetSuite private key in "
              + file
              + " is not a PKCS#8 PEM "
              + (algorithm.startsWith("ES") ? "EC" : "RSA")
              + " key (convert it with openssl pkcs8 -topk8 -nocrypt)");
    }
  }
}
