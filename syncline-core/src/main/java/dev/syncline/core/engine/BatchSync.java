package dev.syncline.core.engine;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.RetryableSyncException;
import dev.syncline.core.SyncException;
import dev.syncline.core.flow.Direction;
import dev.syncline.core.flow.OnLeave;
import dev.syncline.core.mapping.Expression;
import dev.syncline.core.mapping.Json;
import dev.syncline.core.mapping.Mapping;
import dev.syncline.core.port.Conflict;
import dev.syncline.core.port.FlowHealth;
import dev.syncline.core.port.Job;
import dev.syncline.core.port.JobQueue;
import dev.syncline.core.port.JobResult;
import dev.syncline.core.port.Link;
import dev.syncline.core.port.LinkState;
import dev.syncline.core.port.Links;
import dev.syncline.core.port.Outcome;
import dev.syncline.core.port.RecordImporter;
import dev.syncline.core.port.RemoteState;
import dev.syncline.core.port.SourceRecord;
import dev.syncline.core.port.Steps;
import dev.syncline.core.port.SyncStatus;
import dev.syncline.core.port.TargetRecord;
import dev.syncline.core.port.Violation;
import dev.syncline.core.port.WriteRequest;
import dev.syncline.core.port.WriteResult;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries a batch of claimed jobs of one route through the path of DESIGN.md section 3: load the
 * records in bulk, filter, validate, map, hash, skip what is unchanged, write the rest in one call
 * to the exporter, and write statuses back. Returns one outcome per job; recording them is the
 * caller's transaction.
 */
final class BatchSync {

  private static final Logger log = LoggerFactory.getLogger(BatchSync.class);

  private final JobQueue store;
  private final Links links;
  private final InstantSource clock;
  private final RetryPolicy retry;
  private final RandomGenerator random;
  private final String node;
  private final java.util.Collection<Flow<?>> flows;
  private final java.time.Duration referenceDeadline;

  BatchSync(
      JobQueue store,
      Links links,
      InstantSource clock,
      RetryPolicy retry,
      RandomGenerator random,
      String node,
      java.util.Collection<Flow<?>> flows,
      java.time.Duration referenceDeadline) {
    this.store = store;
    this.flows = flows;
    this.referenceDeadline = referenceDeadline;
    this.links = links;
    this.node = node;
    this.clock = clock;
    this.retry = retry;
    this.random = random;
  }

  /** What to do with one record: an outcome already, or a write to make. */
  sealed interface Decision {
    /**
     * @param agreed a base both sides now hold although no write of this job brought them to it
     *     (two jobs, one each way, that wrote the same merge at once): the link's base moves to it
     */
    record Done(Outcome outcome, Optional<Link.Agreed> agreed) implements Decision {
      Done(Outcome outcome) {
        this(outcome, Optional.empty());
      }
    }

    /**
     * @param replaces the source id whose link this record takes over
     */
    record Write(
        WriteRequest request,
        String hash,
        Instant sourceVersion,
        List<Merge.Conflict> conflicts,
        Optional<String> replaces,
        Optional<Map<String, Object>> base)
        implements Decision {}

    /**
     * The record left a flow that propagates leaving: its target record is to be cancelled or
     * deactivated, then the link marked with this outcome.
     */
    record Leave(String targetId, Outcome.Unlinked outcome) implements Decision {}
  }

  /** The result of a batch, and the setup problem that blocks the flow, when it met one. */
  record BatchResult(List<JobResult> results, Optional<Blocked> blocked) {}

  /** A setup problem no record gets past, and which side of the flow it is on. */
  record Blocked(FlowHealth.Problem problem, SyncException error) {}

  <T> BatchResult process(Flow<T> flow, Route<T> route, List<Job> jobs) {
    var ids = jobs.stream().map(Job::sourceId).toList();
    Map<String, SourceRecord<T>> records;
    try {
      records = route.importer().load(ids);
    } catch (SyncException e) {
      var results = new ArrayList<JobResult>();
      for (var job : jobs) {
        results.add(new JobResult(job, failure(route, job, Optional.empty(), e)));
      }
      return new BatchResult(results, blocked(FlowHealth.Problem.SOURCE_UNREADABLE, e));
    }
    Prepared prepared;
    try {
      prepared = prepare(flow, route, ids, records);
    } catch (SyncException e) {
      var results = new ArrayList<JobResult>();
      for (var job : jobs) {
        results.add(new JobResult(job, failure(route, job, Optional.empty(), e)));
      }
      return new BatchResult(results, blocked(FlowHealth.Problem.TARGET_UNWRITABLE, e));
    }

    var results = new ArrayList<JobResult>();
    var writes = new LinkedHashMap<String, Decision.Write>();
    var leaving = new LinkedHashMap<String, Decision.Leave>();
    var jobsById = new HashMap<String, Job>();
    // A record replaced by one of this batch hands its link over; it neither leaves nor unlinks.
    var replacedHere =
        records.values().stream()
            .flatMap(r -> r.replaces().stream())
            .filter(records::containsKey)
            .collect(Collectors.toSet());
    for (var job : jobs) {
      jobsById.put(job.sourceId(), job);
      var record = Optional.ofNullable(records.get(job.sourceId()));
      if (replacedHere.contains(job.sourceId())) {
        results.add(
            new JobResult(
                job, new Outcome.Filtered(record.map(SourceRecord::modifiedAt), Optional.empty())));
        continue;
      }
      var choice = prepared.choices().get(job.sourceId());
      if (choice != null) {
        results.add(
            new JobResult(
                job,
                new Outcome.Failed(
                    choice, "Needs a choice", record.map(SourceRecord::modifiedAt))));
        continue;
      }
      var decision = decide(flow, route, job, record, prepared);
      switch (decision) {
        case Decision.Done done -> {
          done.agreed().ifPresent(a -> links.agreed(a, clock.instant()));
          results.add(new JobResult(job, done.outcome()));
          if (done.outcome() instanceof Outcome.Waiting w && job.waitingUntil().isEmpty()) {
            queueReferenced(flow, route, job, w);
          }
        }
        case Decision.Write write -> writes.put(job.sourceId(), write);
        case Decision.Leave leave -> leaving.put(job.sourceId(), leave);
      }
    }
    Optional<Blocked> stop = Optional.empty();
    if (!leaving.isEmpty()) {
      stop = leave(route, leaving, jobsById, results);
    }
    if (!writes.isEmpty()) {
      stop = stop.or(() -> write(flow, route, writes, jobsById, results));
    }
    writeStatuses(route, results);
    keepCounterparts(flow, route, records, results);
    return new BatchResult(results, stop);
  }

  /**
   * What a batch's decisions need besides its records, read in bulk: the target ids of what they
   * refer to, their links (and the counterparts found for records not linked yet), in a two-way
   * flow what the other side holds for them now, and the records that need a person's choice.
   *
   * @param choices for a record whose counterpart another record claims too, why it needs a choice
   * @param leftOut the records the batch refers to and {@link
   *     dev.syncline.core.port.Reference#follows follows}, not linked, that the flow carrying them
   *     leaves out: by record type key, then id, the name of that flow
   */
  record Prepared(
      Map<String, Map<String, String>> referenced,
      Map<String, Link> linked,
      Map<String, Map<String, Object>> others,
      Map<String, String> choices,
      Map<String, Map<String, String>> leftOut) {}

  /**
   * Reads what the decisions on these records need, writing nothing.
   *
   * @param ids the records' ids, with those the source no longer has
   * @throws SyncException when the other side of a two-way flow cannot be read
   */
  <T> Prepared prepare(
      Flow<T> flow, Route<T> route, List<String> ids, Map<String, SourceRecord<T>> records) {
    var referenced = resolve(flow, route, records.values());
    var choices = new HashMap<String, String>();
    var linked =
        withCounterparts(
            flow,
            route,
            records,
            withReplaced(flow, route, records, links(flow, route, ids)),
            referenced,
            choices);
    var s = flow.settings();
    var others =
        s.direction() != Direction.TWO_WAY
            ? Map.<String, Map<String, Object>>of()
            : ReferenceIds.translated(
                links,
                flow.referenceFields(),
                s.instance(route.from()),
                s.instance(route.to()),
                otherSides(flow, route, linked),
                referenced);
    return new Prepared(
        referenced, linked, others, choices, leftOut(flow, route, records.values(), referenced));
  }

  /**
   * The references these records follow that are not linked and that a flow of this engine carrying
   * them from the same source to the same target leaves out, in one query per such flow.
   */
  private <T> Map<String, Map<String, String>> leftOut(
      Flow<T> flow,
      Route<T> route,
      java.util.Collection<SourceRecord<T>> records,
      Map<String, Map<String, String>> referenced) {
    var wanted = new LinkedHashMap<dev.syncline.core.model.RecordType, Set<String>>();
    for (var record : records) {
      for (var reference : route.importer().references(record.record())) {
        if (reference.follows()
            && !referenced
                .getOrDefault(reference.type().key(), Map.of())
                .containsKey(reference.id())) {
          wanted
              .computeIfAbsent(reference.type(), t -> new java.util.TreeSet<>())
              .add(reference.id());
        }
      }
    }
    if (wanted.isEmpty()) {
      return Map.of();
    }
    var from = flow.settings().instance(route.from());
    var to = flow.settings().instance(route.to());
    var out = new HashMap<String, Map<String, String>>();
    wanted.forEach((type, ids) -> {
      for (var carrier : flows) {
        var c = carrier.settings();
        if (c.recordType() != type) {
          continue;
        }
        for (var r : carrier.routes()) {
          if (c.instance(r.from()).equals(from) && c.instance(r.to()).equals(to)) {
            for (var id : store.leftOut(c.name(), r.from(), ids)) {
              out.computeIfAbsent(type.key(), k -> new HashMap<>()).putIfAbsent(id, c.name());
            }
          }
        }
      }
    });
    return out;
  }

  /** Hands the records written this batch to their importer, which may keep the ids they got. */
  private <T> void keepCounterparts(
      Flow<T> flow, Route<T> route, Map<String, SourceRecord<T>> records, List<JobResult> results) {
    var written = new ArrayList<RecordImporter.Counterpart<T>>();
    for (var result : results) {
      if (result.outcome() instanceof Outcome.Written w) {
        var source = records.get(result.job().sourceId());
        if (source != null) {
          written.add(new RecordImporter.Counterpart<>(source, w.targetId()));
        }
      }
    }
    if (written.isEmpty()) {
      return;
    }
    try {
      route.importer().keepCounterparts(written);
    } catch (RuntimeException e) {
      // The sync happened; the id shown on the source is only worth a warning, and the next
      // write of the record tries again.
      log.warn(
          "Could not keep the ids of {} records written to {} on their source: {}",
          written.size(),
          flow.settings().instance(route.to()),
          e.getMessage());
    }
  }

  /** The id of a link not made yet: the target record an exporter found this record to be. */
  static final long FOUND = -1;

  /**
   * In a two-way flow, the records without a link that the target already holds a counterpart of
   * ({@link dev.syncline.core.port.RecordExporter#counterparts}), each joined to it by a link not
   * made yet ({@link #FOUND}), so that the first write merges with what the target holds, and the
   * write makes the link. Records that cannot be mapped yet are left for their decision to report.
   * A counterpart found for two records of the batch, or already linked to another record, is
   * neither's: each gets a choice for a person in {@code choices}, and is not written.
   */
  private <T> Map<String, Link> withCounterparts(
      Flow<T> flow,
      Route<T> route,
      Map<String, SourceRecord<T>> records,
      Map<String, Link> links,
      Map<String, Map<String, String>> referenced,
      Map<String, String> choices) {
    var s = flow.settings();
    if (s.direction() != Direction.TWO_WAY) {
      return links;
    }
    var unlinked = new LinkedHashMap<String, dev.syncline.core.port.TargetRecord>();
    for (var record : records.values()) {
      if (links.containsKey(record.id())) {
        continue;
      }
      try {
        unlinked.put(
            record.id(),
            route.mapping().apply(record.id(), Json.tree(record.record()), referenced));
      } catch (Mapping.MappingFailed e) {
        // Its decision says why.
      }
    }
    if (unlinked.isEmpty()) {
      return links;
    }
    Map<String, String> found;
    try {
      found = route.exporter().counterparts(unlinked);
    } catch (SyncException e) {
      // Not knowing them blocks nothing: the write looks them up again before it creates.
      log.warn(
          "Could not look up on {} the records {} may already be: {}",
          s.instance(route.to()),
          s.name(),
          e.getMessage());
      return links;
    }
    if (found.isEmpty()) {
      return links;
    }
    found = unclaimed(flow, route, records, found, choices);
    var joined = new HashMap<>(links);
    var now = clock.instant();
    found.forEach((sourceId, targetId) ->
        joined.put(
            sourceId,
            new Link(
                FOUND,
                s.recordType(),
                new Link.Member(
                    s.instance(route.from()),
                    sourceId,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()),
                new Link.Member(
                    s.instance(route.to()),
                    targetId,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()),
                LinkState.SYNCED,
                "",
                now,
                Optional.empty())));
    return joined;
  }

  /**
   * The counterparts found that are only the record's they were found for: not found for another
   * record of the batch too, nor linked to another record already. The others are choices.
   */
  private <T> Map<String, String> unclaimed(
      Flow<T> flow,
      Route<T> route,
      Map<String, SourceRecord<T>> records,
      Map<String, String> found,
      Map<String, String> choices) {
    var s = flow.settings();
    var to = s.instance(route.to());
    var claimants = new HashMap<String, List<String>>();
    found.forEach((sourceId, targetId) ->
        claimants.computeIfAbsent(targetId, k -> new ArrayList<>()).add(sourceId));
    var taken = links.links(s.recordType(), to, s.instance(route.from()), claimants.keySet());
    var importer = route.importer();
    var kept = new LinkedHashMap<String, String>();
    found.forEach((sourceId, targetId) -> {
      var described =
          importer.describe(
              sourceId, Optional.ofNullable(records.get(sourceId)).map(SourceRecord::record));
      var others = claimants.get(targetId).stream().filter(o -> !o.equals(sourceId)).toList();
      var linkedTo =
          Optional.ofNullable(taken.get(targetId))
              .filter(l -> l.state() != LinkState.UNLINKED)
              .map(l -> l.to().id())
              .filter(o -> !o.equals(sourceId));
      if (!others.isEmpty()) {
        choices.put(
            sourceId,
            described
                + ": Needs a choice: it and "
                + others.stream()
                    .map(o ->
                        importer.describe(
                            o, Optional.ofNullable(records.get(o)).map(SourceRecord::record)))
                    .collect(Collectors.joining(", "))
                + " all match record "
                + targetId
                + " on "
                + to
                + ", and Syncline does not guess which it is. Rename the others, or name their"
                + " own records by id, then resync.");
      } else if (linkedTo.isPresent()) {
        choices.put(
            sourceId,
            described
                + ": Needs a choice: it matches record "
                + targetId
                + " on "
                + to
                + ", which is already linked to "
                + importer.describe(linkedTo.get(), Optional.empty())
                + ". Rename it, or name its own record by id, then resync.");
      } else {
        kept.put(sourceId, targetId);
      }
    });
    return kept;
  }

  /**
   * The decision for one record, without writing anything: for dry runs and for {@link #process}.
   * Its link, and in a two-way flow the linked record as the other side holds it now, come from
   * {@code prepared}.
   */
  <T> Decision decide(
      Flow<T> flow, Route<T> route, Job job, Optional<SourceRecord<T>> loaded, Prepared prepared) {
    var referenced = prepared.referenced();
    var id = job.sourceId();
    var link = Optional.ofNullable(prepared.linked().get(id));
    var other = Optional.ofNullable(prepared.others().get(id));
    var importer = route.importer();
    var live = link.filter(l -> l.state() != LinkState.UNLINKED);
    // A record that replaces another is written once, however alike, so that its link moves over.
    var replacing = link.filter(l -> !l.from().id().equals(id)).isPresent();
    if (loaded.isEmpty()) {
      if (live.filter(l -> l.id() != FOUND).isPresent()) {
        return leaving(
            flow,
            route,
            live.get(),
            importer.describe(id, Optional.empty())
                + " no longer exists in "
                + flow.settings().instance(route.from())
                + ", so Syncline stopped syncing it",
            Optional.empty());
      }
      return done(new Outcome.Filtered(Optional.empty(), Optional.empty()));
    }
    var source = loaded.get();
    var version = source.modifiedAt();
    var described = importer.describe(id, Optional.of(source.record()));
    var twoWay = flow.settings().direction() == Direction.TWO_WAY;
    // Not judged by the record's version: modification times have a second's grain (NetSuite's
    // lastmodifieddate), so a person's edit in the second of Syncline's own write carries the same
    // version as that write, and would be taken for its echo and lost.
    var canonical = Json.tree(source.record());
    // A record that left the flow (an account disabled) may map as Syncline wrote it, since leaving
    // is no mapped field: it leaves, and is never taken for the echo.
    if (twoWay
        && !replacing
        && live.isPresent()
        && importer.leftFlow(source.record()).isEmpty()
        && isOwnWrite(flow, route, live.get(), canonical)
        && !othersLag(flow, route, live.get())) {
      return done(new Outcome.Unchanged(version));
    }
    boolean passes;
    try {
      passes = route.filter().accepts(id, canonical);
    } catch (Expression.EvaluationException e) {
      return done(
          new Outcome.Failed(
              described
                  + ": the filter of flow "
                  + flow.name()
                  + " failed on it ("
                  + e.getMessage()
                  + "). Correct the flow's filter, then resync.",
              "Filter failed",
              Optional.of(version)));
    }
    var left = passes ? importer.leftFlow(source.record()) : Optional.<String>empty();
    if (!passes || left.isPresent()) {
      if (live.filter(l -> l.id() != FOUND).isPresent()) {
        return leaving(
            flow,
            route,
            live.get(),
            described
                + " "
                + left.orElse("no longer passes the filter of flow " + flow.name())
                + ", so Syncline stopped updating it on "
                + flow.settings().instance(route.to()),
            Optional.of(version));
      }
      return done(new Outcome.Filtered(Optional.of(version), left));
    }
    var elsewhere =
        live.isPresent() ? Optional.<String>empty() : importer.keptElsewhere(source.record());
    if (elsewhere.isPresent()) {
      return done(new Outcome.Filtered(Optional.of(version), elsewhere));
    }
    var missing =
        importer.references(source.record()).stream()
            .filter(r -> !referenced.getOrDefault(r.type().key(), Map.of()).containsKey(r.id()))
            .distinct()
            .toList();
    if (!missing.isEmpty()) {
      return done(waiting(flow, route, job, described, version, missing, prepared.leftOut()));
    }
    var violations = route.exporter().validate(source.record());
    if (!violations.isEmpty()) {
      return done(
          new Outcome.Failed(
              validationMessage(importer, described, violations),
              violations.stream()
                  .map(Violation::problem)
                  .distinct()
                  .collect(Collectors.joining("; ")),
              Optional.of(version)));
    }
    // A two-way change is merged field by field against the base with what the other side holds,
    // and the whole merged record is written, since targets replace whole records.
    var merge = merge(flow, route, id, canonical, prepared);
    var referenceFields = flow.referenceFields();
    var here = flow.settings().instance(route.from());
    var there = flow.settings().instance(route.to());
    var unlinked = merge.flatMap(m -> ReferenceIds.unlinked(referenceFields, m.merged()));
    if (unlinked.isPresent()) {
      return unlinkedReference(
          route, job, described, version, live.get(), unlinked.get(), here, there);
    }
    TargetRecord payload;
    try {
      payload = route.mapping().apply(id, merge.map(Merge::merged).orElse(canonical), referenced);
    } catch (Mapping.MappingFailed e) {
      return done(
          new Outcome.Failed(
              described + ": " + e.getMessage() + ".",
              "Mapping of " + e.field() + " failed",
              Optional.of(version)));
    }
    var hash = Json.hash(payload.fields());
    if (!replacing && live.isPresent() && live.get().to().hash().equals(Optional.of(hash))) {
      return done(new Outcome.Unchanged(version));
    }
    // A counterpart found but not linked yet is written even when alike, so that the link is made.
    if (merge.isPresent()
        && other.isPresent()
        && live.get().id() != FOUND
        && Json.canonicalText(merge.get().merged()).equals(Json.canonicalText(other.get()))) {
      var merged = Json.canonicalText(merge.get().merged());
      var agreed =
          ReferenceIds.neutral(referenceFields, merge.get().merged(), here, there, referenced);
      if (merged.equals(Json.canonicalText(canonical))
          && !live.get()
              .base()
              .map(Json::canonicalText)
              .equals(Optional.of(Json.canonicalText(agreed)))) {
        return new Decision.Done(
            new Outcome.Unchanged(version), Optional.of(new Link.Agreed(live.get().id(), agreed)));
      }
      // Nothing here changes the other side: what it holds wins or is the same, and its own job
      // brings it here.
      return done(new Outcome.Unchanged(version));
    }
    var targetId = link.map(l -> l.to().id());
    var createKey = route.exporter().createKeyField().flatMap(payload::text);
    var steps =
        job.id() == 0
            ? Steps.none()
            : new Steps(
                job.doneSteps(),
                (step, madeId) -> store.stepDone(job.id(), step, madeId, clock.instant()));
    // The base after the write is what this side holds: where the merge took fields of the other
    // side, they are changes there against it, which the other side's job brings here.
    var base =
        twoWay
            ? Optional.of(ReferenceIds.neutral(referenceFields, canonical, here, there, referenced))
            : Optional.<Map<String, Object>>empty();
    return new Decision.Write(
        new WriteRequest(
            id,
            targetId,
            payload,
            createKey,
            job.maybeWrittenSince(),
            steps,
            ownReferences(importer.references(source.record()), referenced)),
        hash,
        version,
        merge.map(Merge::conflicts).orElse(List.of()),
        replacing ? link.map(l -> l.from().id()) : Optional.empty(),
        base);
  }

  /**
   * The decision for a merge that took the other side's reference to a record no link joins: a
   * record found by its key (an email) that works for a record this side does not have needs a
   * person's choice; a change that points at a record not linked yet is retried, since its own flow
   * links it, and taking any other value would undo it.
   */
  private <T> Decision unlinkedReference(
      Route<T> route,
      Job job,
      String described,
      Instant version,
      Link live,
      Map.Entry<String, Object> unlinked,
      String here,
      String there) {
    if (live.id() == FOUND) {
      return done(
          new Outcome.Failed(
              described
                  + ": Needs a choice: it matches record "
                  + live.to().id()
                  + " on "
                  + there
                  + ", whose "
                  + unlinked.getKey()
                  + " is record "
                  + unlinked.getValue()
                  + " there, which is linked to no record of "
                  + here
                  + ". If they are the same, add that record to its flow; if not, give one of the"
                  + " two another key (its email), then resync.",
              "Needs a choice",
              Optional.of(version)));
    }
    return done(
        failure(
            route,
            job,
            Optional.of(version),
            new RetryableSyncException(
                there,
                described
                    + ": its "
                    + unlinked.getKey()
                    + " on "
                    + there
                    + " is record "
                    + unlinked.getValue()
                    + ", which is not linked to a record of "
                    + here
                    + " yet. Syncline tries again; the flow that carries that record links it.")));
  }

  /**
   * Record {@code id}, canonical, merged field by field against its link's base with what the other
   * side holds (this side's record where that is not read); empty in a one-way flow, for a record
   * not linked, and for one that replaces another (written whole, so that the link moves).
   */
  static <T> Optional<Merge> merge(
      Flow<T> flow, Route<T> route, String id, Map<String, Object> canonical, Prepared prepared) {
    var live =
        Optional.ofNullable(prepared.linked().get(id)).filter(l -> l.state() != LinkState.UNLINKED);
    var other = Optional.ofNullable(prepared.others().get(id));
    if (flow.settings().direction() != Direction.TWO_WAY
        || live.isEmpty()
        || !live.get().from().id().equals(id)) {
      return Optional.empty();
    }
    return Optional.of(
        Merge.of(
            canonical,
            other.orElse(canonical),
            // Never agreed (a counterpart found, a link older than the flow's two ways): every
            // field that differs goes to its master.
            ReferenceIds.local(
                flow.referenceFields(),
                live.get().base().orElse(Map.of()),
                flow.settings().instance(route.from())),
            field -> flow.settings().fieldMasters().getOrDefault(field, flow.settings().master()),
            route.from(),
            carried(route.importer()),
            carried(flow.route(route.to()).importer())));
  }

  private static java.util.function.Predicate<String> carried(
      dev.syncline.core.port.RecordImporter<?> importer) {
    var fields = importer.carries();
    return field -> fields.isEmpty() || fields.get().contains(field);
  }

  /**
   * A linked record that left the flow: unlinked, and, where the flow propagates leaving and the
   * target can, its target record cancelled or deactivated first.
   */
  private static <T> Decision leaving(
      Flow<T> flow, Route<T> route, Link live, String why, Optional<Instant> version) {
    var targetId = live.to().id();
    var effect = route.exporter().leaveEffect();
    if (flow.settings().onLeave() == OnLeave.PROPAGATE && effect.isPresent()) {
      return new Decision.Leave(
          targetId,
          new Outcome.Unlinked(
              why + ", and record " + targetId + " there " + effect.get() + ".", version));
    }
    return done(
        new Outcome.Unlinked(why + ". " + route.exporter().whenUnlinked(targetId), version));
  }

  /**
   * Links of records that replace another ({@link SourceRecord#replaces()}) and have none of their
   * own: the replaced record's link, so that the replacement updates the same target record.
   */
  private <T> Map<String, Link> withReplaced(
      Flow<T> flow, Route<T> route, Map<String, SourceRecord<T>> records, Map<String, Link> own) {
    var replacedBy = new HashMap<String, String>();
    for (var record : records.values()) {
      record
          .replaces()
          .filter(old -> !own.containsKey(record.id()))
          .ifPresent(old -> replacedBy.put(old, record.id()));
    }
    if (replacedBy.isEmpty()) {
      return own;
    }
    var all = new HashMap<>(own);
    // Taken over even where the replaced record was unlinked on leaving: the replacement carries on
    // the same record on the target.
    links(flow, route, List.copyOf(replacedBy.keySet()))
        .forEach((old, link) ->
            all.put(
                replacedBy.get(old),
                link.state() != LinkState.UNLINKED
                    ? link
                    : new Link(
                        link.id(),
                        link.recordType(),
                        link.from(),
                        link.to(),
                        LinkState.SYNCED,
                        link.detail(),
                        link.updatedAt(),
                        link.base())));
    return all;
  }

  /** Cancels or deactivates the target records of these records in one call to the exporter. */
  private <T> Optional<Blocked> leave(
      Route<T> route,
      Map<String, Decision.Leave> leaving,
      Map<String, Job> jobsById,
      List<JobResult> results) {
    try {
      route
          .exporter()
          .leave(leaving.values().stream().map(Decision.Leave::targetId).distinct().toList());
    } catch (SyncException e) {
      leaving.forEach((sourceId, leave) -> {
        var job = jobsById.get(sourceId);
        results.add(new JobResult(job, failure(route, job, leave.outcome().sourceVersion(), e)));
      });
      return blocked(FlowHealth.Problem.TARGET_UNWRITABLE, e);
    }
    leaving.forEach(
        (sourceId, leave) -> results.add(new JobResult(jobsById.get(sourceId), leave.outcome())));
    return Optional.empty();
  }

  private <T> Optional<Blocked> write(
      Flow<T> flow,
      Route<T> route,
      Map<String, Decision.Write> writes,
      Map<String, Job> jobsById,
      List<JobResult> results) {
    // Only a create can duplicate: an update replaces the record its link names.
    var creating =
        writes.entrySet().stream()
            .filter(e -> e.getValue().request().creates())
            .map(e -> jobsById.get(e.getKey()).id())
            .toList();
    if (!creating.isEmpty()) {
      store.writeIntents(creating, node, clock.instant());
    }
    List<WriteResult> written;
    try {
      written =
          route.exporter().write(writes.values().stream().map(Decision.Write::request).toList());
    } catch (SyncException e) {
      for (var entry : writes.entrySet()) {
        var job = jobsById.get(entry.getKey());
        var write = entry.getValue();
        results.add(
            new JobResult(
                job, failure(route, job, write.request(), Optional.of(write.sourceVersion()), e)));
      }
      return blocked(FlowHealth.Problem.TARGET_UNWRITABLE, e);
    }
    Optional<Blocked> stop = Optional.empty();
    var answered = new HashMap<String, WriteResult>();
    written.forEach(w -> answered.put(w.sourceId(), w));
    for (var entry : writes.entrySet()) {
      var job = jobsById.get(entry.getKey());
      var write = entry.getValue();
      var result = answered.get(entry.getKey());
      Outcome outcome;
      switch (result) {
        case null ->
            outcome =
                failure(
                    route,
                    job,
                    write.request(),
                    Optional.of(write.sourceVersion()),
                    new RetryableSyncException.RemoteUnavailable(
                        flow.settings().instance(route.to()),
                        "The target answered the batch without a result for this record",
                        Optional.empty(),
                        null,
                        true));
        case WriteResult.Written w -> {
          outcome =
              new Outcome.Written(
                  w.targetId(),
                  w.created(),
                  w.state(),
                  write.sourceVersion(),
                  w.version(),
                  write.request().payload(),
                  write.hash(),
                  w.madeOnTheWay(),
                  write.replaces(),
                  write.base(),
                  lost(flow, route, write.conflicts()));
        }
        case WriteResult.NotWritten n -> {
          outcome =
              failure(route, job, write.request(), Optional.of(write.sourceVersion()), n.error());
          stop = stop.or(() -> blocked(FlowHealth.Problem.TARGET_UNWRITABLE, n.error()));
        }
      }
      results.add(new JobResult(job, outcome));
    }
    return stop;
  }

  /**
   * A failed write as an outcome: a create whose request may have been applied is retried
   * maybe-written, so that the retry looks it up first (the store keeps that until it is written).
   */
  private <T> Outcome failure(
      Route<T> route, Job job, WriteRequest request, Optional<Instant> version, SyncException e) {
    var outcome = failure(route, job, version, e);
    var maybe = request.creates() && e instanceof RetryableSyncException r && r.mayHaveApplied();
    return maybe && outcome instanceof Outcome.Retrying r
        ? new Outcome.Retrying(r.message(), r.cause(), r.nextAttemptAt(), true)
        : outcome;
  }

  /** A failure as an outcome: retried while time may fix it, else to the failed record queue. */
  <T> Outcome failure(Route<T> route, Job job, Optional<Instant> version, SyncException e) {
    var now = clock.instant();
    var described = route.importer().describe(job.sourceId(), Optional.empty());
    var message = e.getMessage() == null ? e.cause() : e.getMessage();
    if (e instanceof PermanentSyncException.ConfigurationProblem) {
      // Nothing gets past a setup problem: the flow waits until its probe gets through, and this
      // record with it.
      return new Outcome.Retrying(
          message, e.cause(), retry.nextAttempt(0, Optional.empty(), now, random), false);
    }
    if (e instanceof RetryableSyncException r) {
      if (retry.mayRetry(job.attempts())) {
        return new Outcome.Retrying(
            message,
            e.cause(),
            retry.nextAttempt(job.attempts(), r.retryAfter(), now, random),
            false);
      }
      return new Outcome.Failed(
          described
              + ": gave up after "
              + retry.maxAttempts()
              + " attempts. The last error: "
              + message,
          e.cause(),
          version);
    }
    return new Outcome.Failed(
        message.startsWith(described) ? message : described + ": " + message, e.cause(), version);
  }

  private static Optional<Blocked> blocked(FlowHealth.Problem problem, SyncException e) {
    return e instanceof PermanentSyncException.ConfigurationProblem
        ? Optional.of(new Blocked(problem, e))
        : Optional.empty();
  }

  private static String validationMessage(
      dev.syncline.core.port.RecordImporter<?> importer,
      String described,
      List<Violation> violations) {
    var parts = new ArrayList<String>();
    for (var v : violations) {
      var text = v.text();
      parts.add(importer.fixHint(v.field()).map(h -> text + ". " + h).orElse(text));
    }
    return described
        + ": "
        + String.join(". ", parts)
        + ". Syncline tries again as soon as the record changes.";
  }

  /**
   * The target's ids of the records the batch's records refer to, by record type key and id in the
   * source: one lookup of the links per record type, for the whole batch.
   */
  private <T> Map<String, Map<String, String>> resolve(
      Flow<T> flow, Route<T> route, java.util.Collection<SourceRecord<T>> records) {
    var wanted = new LinkedHashMap<dev.syncline.core.model.RecordType, Set<String>>();
    for (var record : records) {
      for (var reference : route.importer().references(record.record())) {
        wanted
            .computeIfAbsent(reference.type(), t -> new java.util.TreeSet<>())
            .add(reference.id());
      }
    }
    var s = flow.settings();
    var resolved = new HashMap<String, Map<String, String>>();
    wanted.forEach((type, ids) -> {
      var targets = new HashMap<String, String>();
      links
          .links(type, s.instance(route.from()), s.instance(route.to()), ids)
          .forEach((id, link) -> {
            if (link.state() != LinkState.UNLINKED) {
              targets.put(id, link.to().id());
            }
          });
      resolved.put(type.key(), targets);
    });
    return resolved;
  }

  /** The target's ids of one record's references, out of the batch's. */
  private static Map<String, Map<String, String>> ownReferences(
      List<dev.syncline.core.port.Reference> references,
      Map<String, Map<String, String>> referenced) {
    var own = new HashMap<String, Map<String, String>>();
    for (var r : references) {
      own.computeIfAbsent(r.type().key(), t -> new HashMap<>())
          .put(r.id(), referenced.get(r.type().key()).get(r.id()));
    }
    return own;
  }

  /**
   * A record whose references are not all linked waits for them until its deadline, and then goes
   * to the failed record queue with what is missing and how to fix it; but a record that follows
   * references which the flows carrying them leave out waits for them as long as they are left out,
   * and says so, since it is left out with them.
   */
  private <T> Outcome waiting(
      Flow<T> flow,
      Route<T> route,
      Job job,
      String described,
      Instant version,
      List<dev.syncline.core.port.Reference> missing,
      Map<String, Map<String, String>> leftOut) {
    var target = flow.settings().instance(route.to());
    var names =
        missing.stream()
            .map(dev.syncline.core.port.Reference::description)
            .collect(Collectors.joining(" and "));
    var now = clock.instant();
    var carriers =
        missing.stream()
            .map(r ->
                r.follows() ? leftOut.getOrDefault(r.type().key(), Map.of()).get(r.id()) : null)
            .toList();
    if (!carriers.contains(null)) {
      // The record's description first, as a record never written is found by it.
      return new Outcome.Waiting(
          described
              + ": waiting for "
              + names
              + ", which flow "
              + String.join(" and ", new java.util.LinkedHashSet<>(carriers))
              + " leaves out; it syncs to "
              + target
              + " with "
              + (missing.size() == 1 ? "it" : "them")
              + ", and is no failure meanwhile",
          missing,
          now.plus(referenceDeadline),
          true);
    }
    var until = job.waitingUntil().orElse(now.plus(referenceDeadline));
    if (!now.isBefore(until)) {
      var types =
          missing.stream().map(r -> r.type().key()).distinct().collect(Collectors.joining(" and "));
      return new Outcome.Failed(
          described
              + " refers to "
              + names
              + (missing.size() == 1 ? ", which is" : ", which are")
              + " not on "
              + target
              + " yet: sync the "
              + types
              + " (selective sync) or fix why "
              + (missing.size() == 1 ? "it" : "they")
              + " failed, then resync.",
          "Reference not linked",
          Optional.of(version));
    }
    return new Outcome.Waiting("Waiting for " + names + " to sync to " + target, missing, until);
  }

  /**
   * Queues the records a waiting job refers to in the flows of this engine that carry them from the
   * same source to the same target, so that the wait ends without a person.
   */
  private <T> void queueReferenced(Flow<T> flow, Route<T> route, Job job, Outcome.Waiting w) {
    var s = flow.settings();
    var from = s.instance(route.from());
    var to = s.instance(route.to());
    var now = clock.instant();
    for (var reference : w.awaited()) {
      for (var carrier : flows) {
        var c = carrier.settings();
        if (c.recordType() != reference.type()) {
          continue;
        }
        for (var r : carrier.routes()) {
          if (c.instance(r.from()).equals(from) && c.instance(r.to()).equals(to)) {
            store.enqueueNow(c.name(), r.from(), reference.id(), job.runId(), now);
          }
        }
      }
    }
  }

  private <T> Map<String, Link> links(Flow<T> flow, Route<T> route, List<String> ids) {
    var s = flow.settings();
    return links.links(s.recordType(), s.instance(route.from()), s.instance(route.to()), ids);
  }

  /**
   * Whether this record, as Syncline would write it back to the side it comes from, is what
   * Syncline last wrote there: its own write coming back, not a change. Judged by content, since
   * targets answer writes without a version.
   */
  private static <T> boolean isOwnWrite(
      Flow<T> flow, Route<T> route, Link link, Map<String, Object> canonical) {
    var written = link.from().hash();
    if (written.isEmpty()) {
      return false;
    }
    for (var back : flow.routes()) {
      if (back.from() == route.to()) {
        try {
          var payload = back.mapping().apply(link.to().id(), canonical);
          return written.equals(Optional.of(Json.hash(payload.fields())));
        } catch (Mapping.MappingFailed e) {
          return false;
        }
      }
    }
    return false;
  }

  /**
   * In a two-way flow, the linked records of the batch as the other side holds them now, canonical,
   * by source id: read in bulk from the other side.
   */
  private static <T> Map<String, Map<String, Object>> otherSides(
      Flow<T> flow, Route<T> route, Map<String, Link> links) {
    var live =
        links.entrySet().stream().filter(e -> e.getValue().state() != LinkState.UNLINKED).toList();
    var back = flow.routes().stream().filter(r -> r.from() == route.to()).findFirst();
    if (flow.settings().direction() != Direction.TWO_WAY || live.isEmpty() || back.isEmpty()) {
      return Map.of();
    }
    var held = back.get().importer().load(live.stream().map(e -> e.getValue().to().id()).toList());
    var others = new HashMap<String, Map<String, Object>>();
    for (var e : live) {
      var record = held.get(e.getValue().to().id());
      if (record != null) {
        others.put(e.getKey(), Json.tree(record.record()));
      }
    }
    return others;
  }

  /**
   * Whether the other side of this link was left behind by the last write here: the merge wrote
   * fields this side did not hold yet, so this side's record, though Syncline's own write, still
   * carries changes for the other side.
   */
  private static <T> boolean othersLag(Flow<T> flow, Route<T> route, Link link) {
    var base = link.base();
    if (base.isEmpty() || link.from().hash().isEmpty()) {
      return false;
    }
    for (var back : flow.routes()) {
      if (back.from() == route.to()) {
        try {
          var agreed = back.mapping().apply(link.to().id(), base.get());
          return !link.from().hash().equals(Optional.of(Json.hash(agreed.fields())));
        } catch (Mapping.MappingFailed e) {
          return false;
        }
      }
    }
    return false;
  }

  /** Each value a merge dropped, said as a person reads it in the conflict list. */
  private static <T> List<Conflict.Lost> lost(
      Flow<T> flow, Route<T> route, List<Merge.Conflict> conflicts) {
    var s = flow.settings();
    var lost = new ArrayList<Conflict.Lost>();
    for (var c : conflicts) {
      var master = c.loser().other();
      var kept = Json.canonicalText(c.winning());
      var dropped = Json.canonicalText(c.losing());
      lost.add(
          new Conflict.Lost(
              c.field(),
              c.loser(),
              kept,
              dropped,
              "Field "
                  + c.field()
                  + " changed on both sides since the last sync; "
                  + s.instance(master)
                  + " is master of it, so its value "
                  + kept
                  + " was kept and "
                  + s.instance(c.loser())
                  + "'s value "
                  + dropped
                  + " was dropped."));
    }
    return lost;
  }

  private <T> void writeStatuses(Route<T> route, List<JobResult> results) {
    if (route.statusWriter().isEmpty() || route.statusFields().isEmpty()) {
      return;
    }
    var now = clock.instant();
    var statuses = new ArrayList<SyncStatus>();
    for (var result : results) {
      var id = result.job().sourceId();
      switch (result.outcome()) {
        case Outcome.Written w ->
            statuses.add(
                w.state() == RemoteState.PENDING
                    ? new SyncStatus(
                        id, SyncStatus.State.PENDING, route.exporter().whilePending(), now)
                    : new SyncStatus(id, SyncStatus.State.SYNCED, "", now));
        case Outcome.Failed f -> {
          // The same failure again: its status is there already, and writing it would touch the
          // record,
          // which would read as a change, fail again, and so on.
          var job = result.job();
          var same =
              job.lastOutcome().equals(Optional.of("failed"))
                  && job.lastMessage().equals(Optional.of(f.message()));
          if (!same) {
            statuses.add(new SyncStatus(id, SyncStatus.State.FAILED, f.message(), now));
          }
        }
        // A record deleted at its source (no version) has nowhere left to show a status.
        case Outcome.Unlinked u when u.sourceVersion().isPresent() ->
            statuses.add(new SyncStatus(id, SyncStatus.State.UNLINKED, u.reason(), now));
        default -> {}
      }
    }
    if (statuses.isEmpty()) {
      return;
    }
    try {
      route.statusWriter().get().write(route.statusFields().get(), statuses);
    } catch (RuntimeException e) {
      // The sync happened; a status that could not be written is only worth a warning.
      log.warn("Could not write {} sync statuses back: {}", statuses.size(), e.getMessage());
    }
  }

  private static Decision done(Outcome outcome) {
    return new Decision.Done(outcome);
  }
}
