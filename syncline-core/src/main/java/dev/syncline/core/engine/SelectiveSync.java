package dev.syncline.core.engine;

import dev.syncline.core.SyncException;
import dev.syncline.core.flow.Side;
import dev.syncline.core.port.Job;
import dev.syncline.core.port.JobQueue;
import dev.syncline.core.port.JobResult;
import dev.syncline.core.port.Outcome;
import dev.syncline.core.port.RemoteState;
import dev.syncline.core.port.RunLog;
import dev.syncline.core.port.SourceRecord;
import dev.syncline.core.port.TargetRecord;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Selective sync of one record by id, as a person asks for it (the CLI, the API, the record page):
 * synced now in the caller's thread, previewed field by field in a dry run, or read live and mapped
 * without writing.
 */
final class SelectiveSync {

  /** Processes and records one batch, as the engine's workers do. */
  interface BatchRunner {
    <T> List<JobResult> run(Flow<T> flow, Route<T> route, List<Job> jobs);
  }

  private final JobQueue jobQueue;
  private final RunLog runLog;
  private final InstantSource clock;
  private final EngineSettings settings;
  private final BatchSync batches;
  private final BatchRunner runBatch;

  SelectiveSync(
      JobQueue jobQueue,
      RunLog runLog,
      InstantSource clock,
      EngineSettings settings,
      BatchSync batches,
      BatchRunner runBatch) {
    this.jobQueue = jobQueue;
    this.runLog = runLog;
    this.clock = clock;
    this.settings = settings;
    this.batches = batches;
    this.runBatch = runBatch;
  }

  /**
   * @param from the side the record is read from: side A, or side B of a two-way flow
   */
  <T> SyncReport syncNow(Flow<T> flow, Side from, String sourceId, boolean dryRun) {
    var route = flow.route(from);
    route
        .importer()
        .invalidId(sourceId)
        .ifPresent(problem -> {
          throw new IllegalArgumentException(problem);
        });
    if (!dryRun) {
      return syncOne(flow, route, sourceId);
    }
    try {
      return preview(flow, route, sourceId);
    } catch (SyncException e) {
      return new SyncReport(
          flow.name(),
          sourceId,
          true,
          "failed",
          route.importer().describe(sourceId, Optional.empty())
              + " cannot be previewed: "
              + e.getMessage(),
          Optional.empty(),
          List.of(),
          List.of());
    }
  }

  <T> LiveRecord live(Flow<T> flow, String sourceId) {
    var route = flow.route(Side.A);
    var importer = route.importer();
    var source = flow.settings().instance(Side.A);
    var invalid = importer.invalidId(sourceId);
    if (invalid.isPresent()) {
      return new LiveRecord(
          importer.describe(sourceId, Optional.empty()),
          Optional.empty(),
          Optional.empty(),
          invalid);
    }
    Optional<SourceRecord<T>> record;
    try {
      record = Optional.ofNullable(importer.load(List.of(sourceId)).get(sourceId));
    } catch (SyncException e) {
      return new LiveRecord(
          importer.describe(sourceId, Optional.empty()),
          Optional.empty(),
          Optional.empty(),
          Optional.of(source + " could not be read just now: " + e.getMessage()));
    }
    var described = importer.describe(sourceId, record.map(SourceRecord::record));
    if (record.isEmpty()) {
      return new LiveRecord(
          described,
          Optional.empty(),
          Optional.empty(),
          Optional.of(source + " has no such record (any more)."));
    }
    var canonical = dev.syncline.core.mapping.Json.tree(record.get().record());
    var name =
        importer
            .name(record.get().record())
            .or(() -> canonical.get("name") instanceof String n ? Optional.of(n) : Optional.empty())
            .filter(n -> !n.isBlank());
    // A record the flow leaves out is never mapped for its target: its mapping may well fail (a
    // price level the flow has no value for), and saying so would send the person to fix the
    // wrong thing.
    var leftOut = leftOut(flow, route, sourceId, record.get().record(), canonical, described);
    if (leftOut.isPresent()) {
      return new LiveRecord(described, name, Optional.empty(), leftOut);
    }
    try {
      return new LiveRecord(
          described,
          name,
          Optional.of(route.mapping().apply(sourceId, canonical)),
          Optional.empty());
    } catch (dev.syncline.core.mapping.Mapping.MappingFailed e) {
      return new LiveRecord(
          described, name, Optional.empty(), Optional.of(described + ": " + e.getMessage() + "."));
    }
  }

  /**
   * Why the flow leaves the record out, as a selective sync says it; empty when it takes it, or
   * when its filter fails on the record (a sync of it says that, and queues it as failed).
   */
  private static <T> Optional<String> leftOut(
      Flow<T> flow,
      Route<T> route,
      String sourceId,
      T record,
      Map<String, Object> canonical,
      String described) {
    boolean passes;
    try {
      passes = route.filter().accepts(sourceId, canonical);
    } catch (dev.syncline.core.mapping.Expression.EvaluationException e) {
      return Optional.empty();
    }
    var left = passes ? route.importer().leftFlow(record) : Optional.<String>empty();
    if (passes && left.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(notPartOf(flow, described, left));
  }

  /** Why a record is not part of the flow: its filter, or its source's word that it left. */
  private static String notPartOf(Flow<?> flow, String described, Optional<String> left) {
    return described
        + " is not part of flow "
        + flow.name()
        + ": "
        + left.map(why -> "it " + why).orElse("its filter leaves it out")
        + ".";
  }

  private <T> SyncReport syncOne(Flow<T> flow, Route<T> route, String sourceId) {
    var now = clock.instant();
    var runId = runLog.startRun(flow.name(), "selective", settings.node(), now);
    var job = claimOneWaiting(flow, route, sourceId, runId);
    if (job.isEmpty()) {
      runLog.finishRun(runId, clock.instant(), Optional.of("another worker held the record"));
      return new SyncReport(
          flow.name(),
          sourceId,
          false,
          "busy",
          route.importer().describe(sourceId, Optional.empty())
              + " is being synced by another worker right now; look at its history in a moment.",
          Optional.empty(),
          List.of(),
          List.of());
    }
    var results = runBatch.run(flow, route, List.of(job.get()));
    runLog.finishRun(runId, clock.instant(), Optional.empty());
    var outcome = results.getFirst().outcome();
    return report(flow, route, sourceId, outcome);
  }

  private <T> Optional<Job> claimOneWaiting(
      Flow<T> flow, Route<T> route, String sourceId, long runId) {
    var deadline = clock.instant().plus(Duration.ofSeconds(30));
    while (true) {
      var job =
          jobQueue.claimOne(
              flow.name(),
              route.from(),
              sourceId,
              runId,
              settings.node(),
              clock.instant(),
              settings.jobLease());
      // A worker that holds it now finishes it soon, and then it is this person's to take.
      if (job.isPresent() || !clock.instant().isBefore(deadline)) {
        return job;
      }
      sleep(Duration.ofMillis(100));
    }
  }

  private <T> SyncReport preview(Flow<T> flow, Route<T> route, String sourceId) {
    var s = flow.settings();
    var records = route.importer().load(List.of(sourceId));
    var prepared = batches.prepare(flow, route, List.of(sourceId), records);
    var loaded = Optional.ofNullable(records.get(sourceId));
    var described = route.importer().describe(sourceId, loaded.map(SourceRecord::record));
    var choice = prepared.choices().get(sourceId);
    if (choice != null) {
      return new SyncReport(
          flow.name(), sourceId, true, "failed", choice, Optional.empty(), List.of(), List.of());
    }
    var link = Optional.ofNullable(prepared.linked().get(sourceId));
    var decision =
        batches.decide(
            flow, route, Job.fresh(flow.name(), route.from(), sourceId), loaded, prepared);
    var merge =
        loaded
            .flatMap(r ->
                BatchSync.merge(
                    flow,
                    route,
                    sourceId,
                    dev.syncline.core.mapping.Json.tree(r.record()),
                    prepared))
            .map(m -> explain(flow, route, m))
            .orElse(List.of());
    return switch (decision) {
      case BatchSync.Decision.Done done ->
          preview(report(flow, route, sourceId, done.outcome()), merge);
      case BatchSync.Decision.Leave leave ->
          preview(report(flow, route, sourceId, leave.outcome()), merge);
      case BatchSync.Decision.Write write -> {
        var targetId = write.request().targetId();
        Optional<TargetRecord> current =
            targetId
                .flatMap(id -> route.exporter().read(id))
                .or(() -> link.flatMap(l -> l.to().payload()));
        var changes = FieldChange.between(current, write.request().payload());
        yield new SyncReport(
            flow.name(),
            sourceId,
            true,
            "would-write",
            described
                + (targetId.isPresent()
                    ? " would be updated on "
                        + s.instance(route.to())
                        + " ("
                        + (changes.size() == 1
                            ? "1 field changes"
                            : changes.size() + " fields change")
                        + ")."
                    : " would be created on " + s.instance(route.to()) + "."),
            targetId,
            changes,
            merge);
      }
    };
  }

  /** A report of what a sync would do, with no changes of its own and the merge it would make. */
  private static SyncReport preview(SyncReport report, List<MergeField> merge) {
    return new SyncReport(
        report.flow(),
        report.sourceId(),
        true,
        report.outcome(),
        report.message(),
        report.targetId(),
        List.of(),
        merge);
  }

  /** A merge as a person reads it: each field's values, the system that wins it and why. */
  private static <T> List<MergeField> explain(Flow<T> flow, Route<T> route, Merge merge) {
    var s = flow.settings();
    var here = s.instance(route.from());
    var there = s.instance(route.to());
    return merge.fields().stream()
        .map(f -> {
          var winner = s.instance(f.winner());
          var why =
              switch (f.rule()) {
                case NOT_KEPT_HERE -> here + " does not keep this field";
                case NOT_KEPT_THERE -> there + " does not keep this field";
                case SAME -> "the same on both sides";
                case CHANGED_HERE -> "changed on " + here + " only";
                case CHANGED_THERE -> "changed on " + there + " only";
                case MASTER ->
                    "changed on both sides; "
                        + winner
                        + (s.fieldMasters().containsKey(f.field())
                            ? " masters this field (fieldMasters)"
                            : " is the flow's master");
              };
          return new MergeField(
              f.field(),
              Optional.ofNullable(f.here()),
              Optional.ofNullable(f.there()),
              Optional.ofNullable(f.base()),
              Optional.ofNullable(f.value()),
              winner,
              why);
        })
        .toList();
  }

  private <T> SyncReport report(Flow<T> flow, Route<T> route, String sourceId, Outcome outcome) {
    var target = flow.settings().instance(route.to());
    var described = route.importer().describe(sourceId, Optional.empty());
    var message =
        switch (outcome) {
          case Outcome.Written w ->
              described
                  + (w.created() ? " was created on " : " was updated on ")
                  + target
                  + " as "
                  + w.targetId()
                  + (w.state() == RemoteState.PENDING
                      ? ". " + route.exporter().whilePending()
                      : ".");
          case Outcome.Unchanged u -> described + " is already up to date on " + target + ".";
          case Outcome.Filtered f when !f.inSource() -> route.importer().notFound(sourceId) + ".";
          case Outcome.Filtered f -> notPartOf(flow, described, f.left());
          case Outcome.Unlinked u -> u.reason();
          case Outcome.Failed f -> f.message();
          case Outcome.Waiting w when w.leftOut() -> w.message() + ".";
          case Outcome.Waiting w ->
              w.message()
                  + "; it goes on as soon as "
                  + (w.awaited().size() == 1 ? "it is" : "they are")
                  + " linked, or goes to the failed record queue at "
                  + w.until()
                  + ".";
          case Outcome.Retrying r ->
              described
                  + " could not be synced for now ("
                  + r.message()
                  + "); it is tried again at "
                  + r.nextAttemptAt()
                  + ".";
        };
    Optional<String> targetId =
        outcome instanceof Outcome.Written w ? Optional.of(w.targetId()) : Optional.empty();
    List<FieldChange> changes =
        outcome instanceof Outcome.Written w
            ? FieldChange.between(Optional.empty(), w.payload())
            : List.of();
    var kind =
        outcome instanceof Outcome.Filtered f && !f.inSource() ? "not-found" : outcome.kind();
    return new SyncReport(
        flow.name(), sourceId, false, kind, message, targetId, changes, List.of());
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
