package dev.syncline.sandbox.joor;

import dev.syncline.sandbox.joor.Connections.Connection;
import dev.syncline.sandbox.joor.Connections.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One brand account (joor.md §1.2: {@code account=<account_id>}) and everything in it. Every read
 * and write holds its lock, and first lets time do its work: bulk jobs that are due finish, and
 * pending connections whose match is due become connected, in the order they fell due.
 */
final class Account {

  /** JOOR's built-in warehouse for what is available to sell now (joor.md §2.6, §2.1 example). */
  static final String DEFAULT_WAREHOUSE_CODE = "DEF";

  static final String DEFAULT_WAREHOUSE_NAME = "Default";

  final String id;
  final String name;
  final CreditMeter credits;
  final Ids ids;
  final Duration matchDelay;
  final Map<String, String> paymentMethods = new LinkedHashMap<>();
  final Map<String, String> warehouses = new LinkedHashMap<>();

  /** The fields JOOR's order validation checks when it is enabled (joor.md §2.3). */
  final Set<String> validatedOrderFields = new TreeSet<>();

  final Catalog catalog = new Catalog();
  final Connections connections = new Connections();
  final Orders orders = new Orders();
  final Inventory inventory = new Inventory();
  final Map<String, BulkJob> jobs = new LinkedHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();

  Account(String id, String name, CreditMeter credits, Ids ids, Duration matchDelay) {
    this.id = id;
    this.name = name;
    this.credits = credits;
    this.ids = ids;
    this.matchDelay = matchDelay;
    warehouses.put(DEFAULT_WAREHOUSE_CODE, DEFAULT_WAREHOUSE_NAME);
  }

  <T> T locked(Instant now, Supplier<T> action) {
    lock.lock();
    try {
      settle(now);
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  void update(Instant now, Runnable action) {
    locked(
        now,
        () -> {
          action.run();
          return null;
        });
  }

  private void settle(Instant now) {
    while (true) {
      var job =
          jobs.values().stream()
              .filter(j -> j.queued() && !j.due().isAfter(now))
              .min(Comparator.comparing(BulkJob::due));
      var match = connections.nextMatchDue(now);
      if (job.isEmpty() && match.isEmpty()) {
        return;
      }
      if (match.isEmpty() || (job.isPresent() && job.get().due().isBefore(match.get().matchAt()))) {
        job.get().run(this);
      } else {
        match(match.get(), match.get().matchAt());
      }
    }
  }

  /** JOOR's data team matches the connection to a retailer (joor.md §2.1). */
  void match(Connection pending, Instant at) {
    connections.put(
        new Connection(
            pending.id(),
            pending.code(),
            pending.details(),
            Status.CONNECTED,
            ids.retailer(),
            pending.created(),
            at,
            pending.matchAt()));
  }
}
