package dev.syncline.core.testing;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.RetryableSyncException;
import dev.syncline.core.SyncException;
import dev.syncline.core.flow.StatusFields;
import dev.syncline.core.model.Address;
import dev.syncline.core.model.Customer;
import dev.syncline.core.model.Ref;
import dev.syncline.core.port.Change;
import dev.syncline.core.port.RecordExporter;
import dev.syncline.core.port.RecordImporter;
import dev.syncline.core.port.Reference;
import dev.syncline.core.port.RemoteState;
import dev.syncline.core.port.SourceRecord;
import dev.syncline.core.port.StatusWriter;
import dev.syncline.core.port.SyncStatus;
import dev.syncline.core.port.TargetRecord;
import dev.syncline.core.port.Violation;
import dev.syncline.core.port.Watermark;
import dev.syncline.core.port.WriteRequest;
import dev.syncline.core.port.WriteResult;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A tiny system of customers in memory, for testing the engine alone: it is a source (changes,
 * load, statuses written back) and a target (pending until accepted), with faults to inject. Record
 * ids are numbers, ordered as numbers.
 *
 * <p>As a target it behaves like the real ones, not friendlier: a write answers no version, an
 * update replaces the whole record, and there is no upsert: a create always makes a new record,
 * even with a create key another record has already. A maybe-written create is looked up by its key
 * (once for the batch) and updates what it finds. It can apply a write and then lose the answer.
 * With {@link #twoSteps}, each write is two steps: the record, then a note keyed by the record's
 * code.
 */
public final class FakeSystem {

  /** A stored customer and its modification time. */
  public record Stored(Customer customer, Instant modifiedAt) {}

  private final String name;
  private final InstantSource clock;
  private final Map<String, Stored> records = new ConcurrentHashMap<>();
  private final Map<String, TargetRecord> written = new ConcurrentHashMap<>();
  private final Map<String, String> keyOfTarget = new ConcurrentHashMap<>();
  private final Map<String, String> targetIdBySource = new ConcurrentHashMap<>();
  private final List<String> notes = new CopyOnWriteArrayList<>();
  private final AtomicInteger lookups = new AtomicInteger();
  private volatile java.util.random.RandomGenerator lostAnswers = null;
  private volatile double lostAnswerRate;
  private volatile boolean twoSteps;
  private volatile boolean loseStepTwoAnswerOnce;
  private volatile boolean crashAfterWrites;
  private volatile boolean makesContacts;
  private volatile java.util.function.Function<Customer, List<Reference>> references =
      c -> List.of();
  private volatile java.util.function.Function<Customer, Optional<String>> leftFlow =
      c -> Optional.empty();
  private final Map<String, RemoteState> targetStates = new ConcurrentHashMap<>();
  private final List<String> writeLog = new CopyOnWriteArrayList<>();
  private final Map<String, Map<String, Map<String, String>>> linkedOf = new ConcurrentHashMap<>();
  private final List<SyncStatus> statuses = new CopyOnWriteArrayList<>();
  private final List<Boolean> maybeWrittenFlags = new CopyOnWriteArrayList<>();
  private final AtomicInteger nextTargetId = new AtomicInteger(1000);
  private final AtomicInteger loads = new AtomicInteger();
  private volatile Supplier<Optional<SyncException>> writeFault = Optional::empty;
  private volatile Supplier<Optional<SyncException>> readFault = Optional::empty;
  private final java.util.concurrent.atomic.AtomicInteger probes =
      new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger scans =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean newRecordsPending;
  private volatile boolean statusWritesTouchRecords;
  private volatile Runnable duringChangesAfter = () -> {};
  private final Map<String, String> replaced = new ConcurrentHashMap<>();
  private volatile boolean deactivates;
  private final List<List<String>> leaveCalls = new CopyOnWriteArrayList<>();

  public FakeSystem(String name, InstantSource clock) {
    this.name = name;
    this.clock = clock;
  }

  public String name() {
    return name;
  }

  // Acting as a person in the source system.

  /** Creates or replaces a customer, stamped with the clock's time. */
  public void put(String id, Customer customer) {
    records.put(id, new Stored(customer, clock.instant()));
  }

  /** Creates or replaces a customer with a given modification time. */
  public void put(String id, Customer customer, Instant modifiedAt) {
    records.put(id, new Stored(customer, modifiedAt));
  }

  /**
   * Makes {@code newId} anew from an edit of {@code oldId}, as Zoey's order edit does, and cancels
   * the old one (it stays, made inactive).
   */
  public void replace(String oldId, String newId, Customer customer) {
    var old = records.get(oldId).customer();
    records.put(
        oldId,
        new Stored(
            new Customer(
                old.name(),
                old.email(),
                old.phone(),
                true,
                old.terms(),
                old.priceLevel(),
                old.currency(),
                old.subsidiary(),
                old.salesRep(),
                old.creditLimit(),
                old.channels(),
                old.addresses(),
                old.custom()),
            clock.instant()));
    records.put(newId, new Stored(customer, clock.instant()));
    replaced.put(newId, oldId);
  }

  /** As a target, deactivates the records that leave a flow that propagates leaving. */
  public void deactivatesOnLeave() {
    deactivates = true;
  }

  /** The calls that deactivated records here, each with its target ids. */
  public List<List<String>> leaveCalls() {
    return List.copyOf(leaveCalls);
  }

  public void delete(String id) {
    records.remove(id);
  }

  public Optional<Stored> get(String id) {
    return Optional.ofNullable(records.get(id));
  }

  /** How many records this system holds, its own and those written to it. */
  public int size() {
    return records.size();
  }

  /** A valid customer that passes the usual filter of tests ({@code channels} contains "JOOR"). */
  public static Customer customer(String name) {
    return new Customer(
        name,
        Optional.of(name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@example.com"),
        Optional.empty(),
        false,
        Optional.of(Ref.of("1", "Net 30")),
        Optional.of(Ref.of("2", "Wholesale")),
        Optional.of(Ref.of("1", "USD")),
        Optional.of(Ref.of("1", "Brand US")),
        Optional.empty(),
        Optional.empty(),
        List.of("JOOR"),
        List.of(
            new Address(
                Optional.of("Main"),
                Optional.of(name),
                Optional.empty(),
                Optional.of("1 Main St"),
                Optional.empty(),
                Optional.of("Springfield"),
                Optional.of("IL"),
                Optional.of("62701"),
                Optional.of("US"),
                Optional.empty(),
                true,
                true)),
        Map.of());
  }

  // Faults and behaviours.

  /** Each write of one record asks this for a fault to answer with instead. */
  public void writeFault(Supplier<Optional<SyncException>> fault) {
    this.writeFault = fault;
  }

  /** Each list of changes and each probe of the source asks this for a fault to throw instead. */
  public void readFault(Supplier<Optional<SyncException>> fault) {
    this.readFault = fault;
  }

  /** How many probes (cheap test calls) this system got, as source or target. */
  public int probes() {
    return probes.get();
  }

  /** How many lists of changes this system was asked for. */
  public int scans() {
    return scans.get();
  }

  /**
   * Applies a share of the writes ({@code rate}, drawn from {@code seed}) and then loses their
   * answer, as a reset after the request was handled would: the record is there, and the caller
   * gets a retryable error that says it may have been applied.
   */
  public void loseAnswers(double rate, long seed) {
    this.lostAnswerRate = rate;
    this.lostAnswers = new java.util.Random(seed);
  }

  /**
   * Makes each write two steps, "record" then "note" (a note per record, keyed by its code, with no
   * upsert either); with {@code loseStepTwoAnswer}, the first second step is applied and its answer
   * lost.
   */
  public void twoSteps(boolean loseStepTwoAnswer) {
    this.twoSteps = true;
    this.loseStepTwoAnswerOnce = loseStepTwoAnswer;
  }

  /**
   * Applies the next batch of writes and then dies before answering, as a process killed mid-call
   * would: the caller's thread gets an error no sync code handles, and records nothing.
   */
  public void crashAfterWrites(boolean crash) {
    this.crashAfterWrites = crash;
  }

  /**
   * Each created customer makes its contact on the way, {@code "contact-" + targetId}, which the
   * write reports to be linked to the source's {@code "contact-" + sourceId}.
   */
  public void makesContactsOnTheWay() {
    this.makesContacts = true;
  }

  /**
   * What each customer of this source refers to: references between records, proven with customers
   * (a parent customer) since this system has no other record type.
   */
  public void refersTo(java.util.function.Function<Customer, List<Reference>> rule) {
    this.references = rule;
  }

  /** Which customers this source says have left every flow, and why. */
  public void leavesFlowWhen(java.util.function.Function<Customer, Optional<String>> rule) {
    this.leftFlow = rule;
  }

  /** New records written here wait as pending until {@link #accept} (JOOR's manual match). */
  public void holdNewRecords(boolean pending) {
    this.newRecordsPending = pending;
  }

  public void accept(String targetId) {
    targetStates.put(targetId, RemoteState.SYNCED);
  }

  /** Writing a status back touches the record, as a NetSuite PATCH moves its lastModifiedDate. */
  public void statusWritesTouchRecords(boolean touch) {
    this.statusWritesTouchRecords = touch;
  }

  /** Runs while a scan reads changes: to change records in the middle of a scan. */
  public void duringChangesAfter(Runnable action) {
    this.duringChangesAfter = action;
  }

  // What happened.

  /** The notes made by the second step of two-step writes, by the code of their record. */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  /** How many lookups by create key were made (one per batch that had maybe-written creates). */
  public int lookups() {
    return lookups.get();
  }

  /** How many records this target holds with each create key: a promise kept says 1 for each. */
  public Map<String, Long> recordsPerKey() {
    return keyOfTarget.values().stream()
        .collect(
            java.util.stream.Collectors.groupingBy(
                k -> k, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
  }

  /** Every write of a record, as "sourceId" in order, to count writes per record. */
  /** The target's ids of what each record refers to, as the last write of it was handed them. */
  public Map<String, Map<String, String>> linkedOf(String sourceId) {
    return linkedOf.getOrDefault(sourceId, Map.of());
  }

  public List<String> writeLog() {
    return List.copyOf(writeLog);
  }

  public Map<String, TargetRecord> written() {
    return Map.copyOf(written);
  }

  public Optional<String> targetIdOf(String sourceId) {
    return Optional.ofNullable(targetIdBySource.get(sourceId));
  }

  public List<SyncStatus> statuses() {
    return List.copyOf(statuses);
  }

  /** Whether each write request was maybe-written, in order. */
  public List<Boolean> maybeWrittenFlags() {
    return List.copyOf(maybeWrittenFlags);
  }

  public int loads() {
    return loads.get();
  }

  // The ports.

  public RecordImporter<Customer> importer() {
    return new RecordImporter<>() {
      @Override
      public List<Change> changesAfter(Watermark after, int limit) {
        scans.incrementAndGet();
        readFault
            .get()
            .ifPresent(e -> {
              throw e;
            });
        duringChangesAfter.run();
        Comparator<Change> order =
            Comparator.comparing(Change::modifiedAt).thenComparing(c -> Long.parseLong(c.id()));
        var afterChange = new Change(after.id().isEmpty() ? "-1" : after.id(), after.modifiedAt());
        return records.entrySet().stream()
            .map(e -> new Change(e.getKey(), e.getValue().modifiedAt()))
            .filter(c -> order.compare(c, afterChange) > 0)
            .sorted(order)
            .limit(limit)
            .toList();
      }

      @Override
      public Map<String, SourceRecord<Customer>> load(Collection<String> ids) {
        loads.incrementAndGet();
        var found = new LinkedHashMap<String, SourceRecord<Customer>>();
        for (var id : ids) {
          var stored = records.get(id);
          if (stored != null) {
            found.put(
                id,
                new SourceRecord<>(
                    id,
                    stored.modifiedAt(),
                    stored.customer(),
                    Optional.ofNullable(replaced.get(id))));
          }
        }
        return found;
      }

      @Override
      public String probe() {
        probes.incrementAndGet();
        readFault
            .get()
            .ifPresent(e -> {
              throw e;
            });
        return name + " answered the probe";
      }

      @Override
      public Optional<String> leftFlow(Customer record) {
        return leftFlow.apply(record);
      }

      @Override
      public List<Reference> references(Customer record) {
        return references.apply(record);
      }

      @Override
      public String describe(String id, Optional<Customer> record) {
        var customer = record.or(() -> get(id).map(Stored::customer));
        return "Customer " + id + customer.map(c -> " (" + c.name() + ")").orElse("");
      }

      @Override
      public Optional<String> fixHint(String field) {
        return field.equals("priceLevel")
            ? Optional.of("Set the price level on the customer in " + name)
            : Optional.empty();
      }
    };
  }

  public RecordExporter<Customer> exporter() {
    return new RecordExporter<>() {
      @Override
      public Map<String, String> defaultMapping() {
        var mapping = new LinkedHashMap<String, String>();
        mapping.put("code", "$sourceId");
        mapping.put("name", "name");
        mapping.put("email", "email");
        mapping.put("paymentMethod", "$lookup('paymentMethod', terms.name)");
        mapping.put("addresses", "addresses");
        // Left empty unless a flow maps it: the target's id of a parent customer, by $link.
        mapping.put("parent", "");
        return mapping;
      }

      @Override
      public String probe() {
        probes.incrementAndGet();
        writeFault
            .get()
            .ifPresent(e -> {
              throw e;
            });
        return name + " answered the probe";
      }

      @Override
      public List<Violation> validate(Customer record) {
        var violations = new ArrayList<Violation>();
        if (record.priceLevel().isEmpty()) {
          violations.add(new Violation("priceLevel", "Missing price level"));
        }
        for (var address : record.addresses()) {
          if (address.city().isEmpty()) {
            violations.add(
                new Violation(
                    "addresses",
                    "Incomplete address: no city",
                    "on address " + address.describe()));
          }
        }
        return violations;
      }

      @Override
      public Optional<String> createKeyField() {
        return Optional.of("code");
      }

      @Override
      public List<WriteResult> write(List<WriteRequest> batch) {
        var found = lookUp(batch);
        var results = new ArrayList<WriteResult>();
        for (var request : batch) {
          maybeWrittenFlags.add(request.maybeWritten());
          linkedOf.put(request.sourceId(), request.linked());
          var fault = writeFault.get();
          if (fault.isPresent()) {
            results.add(new WriteResult.NotWritten(request.sourceId(), fault.get()));
            continue;
          }
          var existing =
              request
                  .targetId()
                  .or(() -> request.steps().madeId("record"))
                  .or(() ->
                      request.createKey().filter(k -> request.maybeWritten()).map(found::get));
          String targetId;
          if (request.steps().isDone("record")) {
            targetId = existing.orElseThrow();
          } else {
            targetId = existing.orElseGet(() -> Integer.toString(nextTargetId.incrementAndGet()));
            store(request, targetId, existing.isEmpty());
            if (twoSteps) {
              request.steps().done("record", targetId);
            }
          }
          if (twoSteps && !request.steps().isDone("note")) {
            var key = request.payload().text("code").orElseThrow();
            if (!(request.maybeWritten() && notes.contains(key))) {
              notes.add(key);
            }
            if (loseStepTwoAnswerOnce) {
              loseStepTwoAnswerOnce = false;
              results.add(new WriteResult.NotWritten(request.sourceId(), answerLost()));
              continue;
            }
            request.steps().done("note", key);
          }
          var random = lostAnswers;
          if (random != null && random.nextDouble() < lostAnswerRate) {
            results.add(new WriteResult.NotWritten(request.sourceId(), answerLost()));
            continue;
          }
          var made =
              makesContacts && existing.isEmpty()
                  ? List.of(
                      new dev.syncline.core.port.MadeLink(
                          dev.syncline.core.model.RecordType.CONTACT,
                          "contact-" + request.sourceId(),
                          "contact-" + targetId))
                  : List.<dev.syncline.core.port.MadeLink>of();
          results.add(
              new WriteResult.Written(
                  request.sourceId(),
                  targetId,
                  existing.isEmpty(),
                  targetStates.get(targetId),
                  Optional.empty(),
                  made));
        }
        if (crashAfterWrites) {
          crashAfterWrites = false;
          throw new IllegalStateException("The process died after writing, before the answer");
        }
        return results;
      }

      /** The records holding the create keys of the batch's maybe-written creates, in one call. */
      private Map<String, String> lookUp(List<WriteRequest> batch) {
        var keys =
            batch.stream()
                .filter(r -> r.maybeWritten() && r.creates())
                .flatMap(r -> r.createKey().stream())
                .collect(java.util.stream.Collectors.toSet());
        if (keys.isEmpty()) {
          return Map.of();
        }
        lookups.incrementAndGet();
        var found = new HashMap<String, String>();
        keyOfTarget.forEach((targetId, key) -> {
          if (keys.contains(key)) {
            found.put(key, targetId);
          }
        });
        return found;
      }

      private void store(WriteRequest request, String targetId, boolean created) {
        // The whole record is replaced: what the payload lacks, the target no longer has.
        written.put(targetId, request.payload());
        request.createKey().ifPresent(k -> keyOfTarget.put(targetId, k));
        targetIdBySource.putIfAbsent(request.sourceId(), targetId);
        writeLog.add(request.sourceId());
        if (created) {
          targetStates.put(targetId, newRecordsPending ? RemoteState.PENDING : RemoteState.SYNCED);
        }
        applyToOwnRecord(targetId, request.payload(), clock.instant());
      }

      @Override
      public Map<String, RemoteState> pendingStates(List<String> targetIds) {
        var states = new HashMap<String, RemoteState>();
        targetIds.forEach(
            id -> Optional.ofNullable(targetStates.get(id)).ifPresent(s -> states.put(id, s)));
        return states;
      }

      @Override
      public Optional<TargetRecord> read(String targetId) {
        return Optional.ofNullable(written.get(targetId));
      }

      @Override
      public Optional<String> leaveEffect() {
        return deactivates ? Optional.of("was deactivated on " + name) : Optional.empty();
      }

      @Override
      public void leave(List<String> targetIds) {
        writeFault
            .get()
            .ifPresent(e -> {
              throw e;
            });
        leaveCalls.add(List.copyOf(targetIds));
      }

      @Override
      public String whenUnlinked(String targetId) {
        return "Nothing was deleted on "
            + name
            + "; delete code "
            + targetId
            + " there first if it should go.";
      }
    };
  }

  /**
   * When this system is also a source (two-way), a write shows up as a change of its own record.
   */
  private void applyToOwnRecord(String targetId, TargetRecord payload, Instant version) {
    var own = records.get(targetId);
    var c = own != null ? own.customer() : customer(payload.text("name").orElse("Unnamed"));
    var updated =
        new Customer(
            payload.text("name").orElse(c.name()),
            // An update replaces the whole record: an email the payload lacks is gone.
            payload.text("email"),
            c.phone(),
            c.inactive(),
            c.terms(),
            c.priceLevel(),
            c.currency(),
            c.subsidiary(),
            c.salesRep(),
            c.creditLimit(),
            c.channels(),
            c.addresses(),
            c.custom());
    records.put(targetId, new Stored(updated, version));
  }

  public StatusWriter statusWriter() {
    return (StatusFields fields, List<SyncStatus> batch) -> {
      statuses.addAll(batch);
      if (statusWritesTouchRecords) {
        for (var status : batch) {
          records.computeIfPresent(
              status.sourceId(), (id, s) -> new Stored(s.customer(), clock.instant()));
        }
      }
    };
  }

  /** A retryable fault, as a 503 would be classified. */
  public static SyncException unavailable() {
    return new RetryableSyncException.RemoteUnavailable(
        "fake", "The fake system is down for a moment", Optional.empty(), null);
  }

  /** Credentials refused, as a 401 would be classified. */
  public static SyncException refused() {
    return new PermanentSyncException.CredentialsRefused(
        "fake",
        "The fake system refused the credentials.",
        "Check the fake token in syncline.yaml.",
        Optional.empty(),
        null);
  }

  /** The answer to a write that was applied, lost on the way back. */
  public static SyncException answerLost() {
    return new RetryableSyncException.RemoteUnavailable(
        "fake",
        "The connection was reset before the fake system answered",
        Optional.empty(),
        null,
        true);
  }

  /** A permanent fault, as a 400 would be classified. */
  public static SyncException rejected(String why) {
    return new PermanentSyncException.RemoteRejected("fake", 400, why, Optional.empty());
  }
}
