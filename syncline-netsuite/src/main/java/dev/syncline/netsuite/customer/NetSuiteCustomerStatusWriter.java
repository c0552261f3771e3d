package dev.syncline.netsuite.customer;

import dev.syncline.core.flow.StatusFields;
import dev.syncline.core.port.StatusWriter;
import dev.syncline.core.port.SyncStatus;
import dev.syncline.netsuite.client.NetSuiteClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes sync statuses into custom fields of NetSuite customers, one PATCH each, as many at once as
 * the account's limiter allows (netsuite-api.md §3.1: PATCH changes only the fields sent). A saved
 * search over the channel's customers then shows them, and so does each customer's page.
 */
public final class NetSuiteCustomerStatusWriter implements StatusWriter {

  /** NetSuite's free-form text fields hold 300 characters; a long message is cut there. */
  static final int TEXT_LIMIT = 300;

  private final NetSuiteClient client;

  public NetSuiteCustomerStatusWriter(NetSuiteClient client) {
    this.client = client;
  }

  @Override
  public void write(StatusFields fields, List<SyncStatus> statuses) {
    var futures = new ArrayList<Future<?>>();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (var status : statuses) {
        var body = JsonMapper.shared().createObjectNode();
        body.put(fields.status(), status.state().text());
        body.put(fields.message(), cut(status.message()));
        body.put(fields.syncedAt(), status.at().toString());
        futures.add(
            executor.submit(() -> client.update("customer", status.sourceId(), body, Set.of())));
      }
    }
    RuntimeException first = null;
    var failed = 0;
    for (var future : futures) {
      try {
        future.get();
      } catch (ExecutionException e) {
        failed++;
        if (first == null && e.getCause() instanceof RuntimeException r) {
          first = r;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (first != null) {
      throw new IllegalStateException(
          failed
              + " of "
              + statuses.size()
              + " statuses could not be written; the first: "
              + first.getMessage(),
          first);
    }
  }

  private static String cut(String text) {
    return text.length() <= TEXT_LIMIT ? text : text.substring(0, TEXT_LIMIT - 1) + "…";
  }
}
