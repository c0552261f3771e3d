package dev.syncline.app.wiring;

import dev.syncline.app.config.SystemConfig;
import dev.syncline.core.model.RecordType;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a person calls each system instance ("NetSuite (brand-us)"), and where they see one of its
 * records. NetSuite's own screens for an account in netsuite.com; for any other base URL (a
 * sandbox, which has no screens) the record as its REST API answers it. JOOR shows a connection to
 * a brand only in its web application, whose addresses are not documented, so the link is the
 * connection as the v2 API answers it.
 */
public final class RecordLinks {

  private final Map<String, SystemConfig> systems;

  public RecordLinks(Map<String, SystemConfig> systems) {
    this.systems = Map.copyOf(systems);
  }

  /** No systems known: instances are shown by their names and without links. */
  public static RecordLinks none() {
    return new RecordLinks(Map.of());
  }

  /** {@code NetSuite (netsuite)}, {@code JOOR (joor_us)}; the bare name when it is not known. */
  public String label(String instance) {
    return switch (systems.get(instance)) {
      case SystemConfig.NetSuite n -> "NetSuite (" + instance + ")";
      case SystemConfig.Joor j -> "JOOR (" + instance + ")";
      case SystemConfig.Zoey z -> "Zoey (" + instance + ")";
      case null -> instance;
    };
  }

  /** Where a person sees the record of this type and id in that instance, when there is a page. */
  public Optional<String> url(String instance, RecordType type, String id) {
    if (type != RecordType.CUSTOMER) {
      return Optional.empty();
    }
    var encoded = URLEncoder.encode(id, StandardCharsets.UTF_8);
    return switch (systems.get(instance)) {
      case SystemConfig.NetSuite n -> Optional.of(netSuiteCustomer(n, encoded));
      // joor.md §2.1: GET /v2/connection/customer_code/{customer_code}/, and the customer code is
      // what the customer's link holds on the JOOR side.
      case SystemConfig.Joor j ->
          Optional.of(
              trimmed(JoorWiring.config(j).endpoints().v2().toString())
                  + "/connection/customer_code/"
                  + encoded
                  + "/");
      // zoey.md §1.4 [D]: the account's record under the REST root; no admin page path is known.
      case SystemConfig.Zoey z -> Optional.of(trimmed(z.baseUrl()) + "/companyAccounts/" + encoded);
      case null -> Optional.<String>empty();
    };
  }

  private static String netSuiteCustomer(SystemConfig.NetSuite n, String id) {
    var host = Optional.ofNullable(URI.create(n.baseUrl()).getHost()).orElse("");
    if (host.endsWith(".netsuite.com")) {
      // netsuite-api.md §2.3 step 1: the account's screens are at
      // https://<accountID>.app.netsuite.com
      // (§1: the "app" domain), its host label lower case with "-" for "_" (§1, sandbox mapping).
      // custjob.nl?id= is NetSuite's customer record page; research/ does not hold that path.
      var account = n.account().toLowerCase(Locale.ROOT).replace('_', '-');
      return "https://" + account + ".app.netsuite.com/app/common/entity/custjob.nl?id=" + id;
    }
    return trimmed(n.baseUrl()) + "/services/rest/record/v1/customer/" + id;
  }

  private static String trimmed(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
