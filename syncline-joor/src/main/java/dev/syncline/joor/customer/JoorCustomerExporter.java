package dev.syncline.joor.customer;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.SyncException;
import dev.syncline.core.model.Address;
import dev.syncline.core.model.Customer;
import dev.syncline.core.port.RecordExporter;
import dev.syncline.core.port.RemoteState;
import dev.syncline.core.port.Violation;
import dev.syncline.core.port.WriteRequest;
import dev.syncline.core.port.WriteResult;
import dev.syncline.joor.client.Connection;
import dev.syncline.joor.client.ConnectionFilter;
import dev.syncline.joor.client.ConnectionStatus;
import dev.syncline.joor.client.JoorClient;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Writes customers to one JOOR account as connections, keyed by customer code, so that a repeated
 * write updates what the first created and a connection made by hand with the same code is linked,
 * not duplicated. Writes of a batch go to JOOR together, through the client's bulk writer.
 */
public final class JoorCustomerExporter implements RecordExporter<Customer> {

  /**
   * New connections are matched by JOOR within 48 to 72 hours (joor.md §2.1); look at most this
   * often.
   */
  static final Duration PENDING_CHECK_EVERY = Duration.ofMinutes(5);

  /**
   * On the first look, connections changed this far back are read (a match changes the connection).
   */
  static final Duration FIRST_PENDING_LOOK_BACK = Duration.ofDays(7);

  /**
   * JOOR's date filters are written to the second; asking a minute past now keeps a change made
   * within the current second from falling outside the range.
   */
  private static final Duration TIMESTAMP_SLACK = Duration.ofMinutes(1);

  /**
   * Where an address is incomplete without its state or province; elsewhere (most of Europe) there
   * is none to give, so JOOR's "state" is only asked where it exists.
   */
  static final java.util.Set<String> STATE_COUNTRIES =
      java.util.Set.of("US", "CA", "AU", "MX", "BR", "IN");

  private final JoorClient client;
  private final InstantSource clock;
  private volatile Optional<Instant> lastPendingCheck = Optional.empty();

  public JoorCustomerExporter(JoorClient client, InstantSource clock) {
    this.client = client;
    this.clock = clock;
  }

  @Override
  public Map<String, String> defaultMapping() {
    return JoorCustomerMapper.DEFAULT_MAPPING;
  }

  /**
   * joor.md §3.2: payment term, price level, a name and a full address (label, city, state, zip).
   */
  @Override
  public List<Violation> validate(Customer c) {
    var violations = new ArrayList<Violation>();
    if (c.name().isBlank()) {
      violations.add(new Violation("name", "Missing customer name"));
    }
    if (c.terms().isEmpty()) {
      violations.add(new Violation("terms", "Missing payment term"));
    }
    if (c.priceLevel().isEmpty()) {
      violations.add(new Violation("priceLevel", "Missing price level"));
    }
    if (c.currency().isEmpty()) {
      violations.add(new Violation("currency", "Missing currency"));
    }
    if (c.addresses().isEmpty()) {
      violations.add(new Violation("addresses", "Missing address", "(JOOR needs at least one)"));
    }
    for (var address : c.addresses()) {
      if (address.label().filter(l -> !l.isBlank()).isEmpty()) {
        violations.add(new Violation("addresses", "Missing address label", "on " + where(address)));
        continue;
      }
      incomplete(address, "city", Address::city).ifPresent(violations::add);
      if (address.country().filter(STATE_COUNTRIES::contains).isPresent()) {
        incomplete(address, "state", Address::state).ifPresent(violations::add);
      }
      incomplete(address, "zip", Address::zip).ifPresent(violations::add);
      incomplete(address, "country", Address::country).ifPresent(violations::add);
    }
    return violations;
  }

  private static Optional<Violation> incomplete(
      Address address, String part, Function<Address, Optional<String>> value) {
    return value.apply(address).filter(v -> !v.isBlank()).isPresent()
        ? Optional.empty()
        : Optional.of(
            new Violation(
                "addresses", "Incomplete address: no " + part, "on address " + address.describe()));
  }

  private static String where(Address address) {
    var at = address.line1().or(address::city).orElse("");
    return at.isEmpty() ? "an address" : "the address at " + at;
  }

  /** The customer code: JOOR keeps one connection per code (joor.md §3.2). */
  @Override
  public Optional<String> createKeyField() {
    return Optional.of("customerCode");
  }

  @Override
  public List<WriteResult> write(List<WriteRequest> batch) {
    var results = new ArrayList<WriteResult>();
    var held = heldSinceTheirClaims(batch);
    var pending = new ArrayList<Map.Entry<String, Future<WriteResult>>>();
    // Each write waits for its bulk call; written at once, they share as few calls as the batch
    // allows.
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (var request : batch) {
        pending.add(Map.entry(request.sourceId(), executor.submit(() -> writeOne(request, held))));
      }
      for (var entry : pending) {
        try {
          results.add(entry.getValue().get());
        } catch (ExecutionException e) {
          var cause = e.getCause();
          results.add(
              new WriteResult.NotWritten(
                  entry.getKey(),
                  cause instanceof SyncException s
                      ? s
                      : new PermanentSyncException(
                          "joor", "Writing to JOOR failed: " + cause, Optional.empty(), cause)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new dev.syncline.core.RetryableSyncException(
              "joor", "Interrupted while writing to JOOR", e);
        }
      }
    }
    return results;
  }

  /**
   * For the records of a batch that may have been written without an answer (lost, or its worker
   * died): the connections JOOR changed since the earliest of their write intents, by customer
   * code. One connection is read by its code (a credit); several are learnt from the list of
   * changed connections, 500 a credit. Empty when none may have been written.
   */
  private Optional<Map<String, Connection>> heldSinceTheirClaims(List<WriteRequest> batch) {
    var since = batch.stream().flatMap(r -> r.maybeWrittenSince().stream()).min(Instant::compareTo);
    if (since.isEmpty() || batch.stream().filter(WriteRequest::maybeWritten).count() < 2) {
      return Optional.empty();
    }
    var changed = new HashMap<String, Connection>();
    client.connections().stream(
            ConnectionFilter.modifiedBetween(
                since.get().minus(TIMESTAMP_SLACK), clock.instant().plus(TIMESTAMP_SLACK)))
        .forEach(c -> changed.put(c.customerCode(), c));
    return Optional.of(changed);
  }

  private WriteResult writeOne(WriteRequest request, Optional<Map<String, Connection>> changed) {
    try {
      var data = JoorCustomerMapper.toConnection(request.payload());
      if (request.maybeWritten()) {
        // An earlier attempt may have written this: if JOOR holds it as it should be, do not write
        // again. A connection JOOR did not change since the intent was not written by it.
        var held =
            changed.isPresent()
                ? Optional.ofNullable(changed.get().get(data.customerCode()))
                : client.connections().byCustomerCode(data.customerCode());
        if (held.isPresent() && held.get().data().equals(data)) {
          return new WriteResult.Written(
              request.sourceId(),
              data.customerCode(),
              false,
              held.get().status() == ConnectionStatus.PENDING
                  ? RemoteState.PENDING
                  : RemoteState.SYNCED,
              Optional.empty());
        }
      }
      var written = client.connectionWriter().upsert(data);
      return new WriteResult.Written(
          request.sourceId(),
          written.customerCode(),
          written.created(),
          written.status() == ConnectionStatus.PENDING ? RemoteState.PENDING : RemoteState.SYNCED,
          Optional.empty());
    } catch (SyncException e) {
      return new WriteResult.NotWritten(request.sourceId(), e);
    }
  }

  /**
   * JOOR's matches, learnt from the connections changed since the last look (a match changes a
   * connection), a page of 500 for a credit; at most once in {@link #PENDING_CHECK_EVERY}.
   */
  @Override
  public String probe() {
    return client.probe();
  }

  @Override
  public Map<String, RemoteState> pendingStates(List<String> targetIds) {
    var now = clock.instant();
    var last = lastPendingCheck;
    if (last.isPresent() && Duration.between(last.get(), now).compareTo(PENDING_CHECK_EVERY) < 0) {
      return Map.of();
    }
    var from =
        last.map(l -> l.minus(Duration.ofMinutes(1))).orElse(now.minus(FIRST_PENDING_LOOK_BACK));
    var wanted = new HashSet<>(targetIds);
    var states = new HashMap<String, RemoteState>();
    client.connections().stream(ConnectionFilter.modifiedBetween(from, now.plus(TIMESTAMP_SLACK)))
        .filter(c -> wanted.contains(c.customerCode()))
        .forEach(c ->
            states.put(
                c.customerCode(),
                c.status() == ConnectionStatus.CONNECTED
                    ? RemoteState.SYNCED
                    : RemoteState.PENDING));
    lastPendingCheck = Optional.of(now);
    return states;
  }

  // joor.md §2.1: the connection endpoints we have documented are GET and bulk POST/PUT; the list
  // of
  // DELETE endpoints was cut off in our copy, so no call to deactivate a connection is known.
  @Override
  public String whyNoLeave() {
    return "JOOR documents no call that deactivates a connection (customer), so Syncline cannot"
        + " deactivate one there";
  }

  @Override
  public String whenUnlinked(String targetId) {
    return "Nothing was deleted on JOOR, which has no customer status. If the customer should go, delete"
        + " customer code "
        + targetId
        + " on JOOR first, then the customer in NetSuite, so that the code is never taken twice.";
  }

  @Override
  public String whilePending() {
    return "New on JOOR: JOOR's team matches it to a retailer, which takes up to 72 hours.";
  }
}
