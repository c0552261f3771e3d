package dev.syncline.app.sync;

import dev.syncline.app.wiring.RecordLinks;
import dev.syncline.core.engine.SyncEngine;
import dev.syncline.core.engine.SyncReport;
import dev.syncline.core.flow.Direction;
import dev.syncline.core.flow.FlowSettings;
import dev.syncline.core.flow.Side;
import dev.syncline.core.model.RecordType;
import dev.syncline.core.port.Activity;
import dev.syncline.core.port.CauseCount;
import dev.syncline.core.port.Conflict;
import dev.syncline.core.port.ConflictFilter;
import dev.syncline.core.port.Conflicts;
import dev.syncline.core.port.DueScan;
import dev.syncline.core.port.FailedFilter;
import dev.syncline.core.port.FailedQueue;
import dev.syncline.core.port.FailedRecord;
import dev.syncline.core.port.FlowState;
import dev.syncline.core.port.JobStatus;
import dev.syncline.core.port.RecordMatch;
import dev.syncline.core.port.Run;
import dev.syncline.core.port.RunError;
import dev.syncline.core.port.SyncEvent;
import dev.syncline.core.port.TargetRecord;
import dev.syncline.core.port.Wait;
import dev.syncline.store.AuditLog;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The engine as people use it. Every change a person makes (a switch, a schedule, a resync) is
 * written to the audit log with who made it.
 */
public final class SyncService {

  private final SyncEngine engine;
  private final FailedQueue failedQueue;
  private final Conflicts conflicts;
  private final AuditLog audit;
  private final InstantSource clock;
  private final RecordLinks links;
  private final Function<Instant, Map<String, Instant>> creditWaits;

  /**
   * @param creditWaits at a given time, the system instances whose credits a worker of some node
   *     waits for, with when they come free
   */
  public SyncService(
      SyncEngine engine,
      FailedQueue failedQueue,
      Conflicts conflicts,
      AuditLog audit,
      InstantSource clock,
      RecordLinks links,
      Function<Instant, Map<String, Instant>> creditWaits) {
    this.engine = engine;
    this.failedQueue = failedQueue;
    this.conflicts = conflicts;
    this.audit = audit;
    this.clock = clock;
    this.links = links;
    this.creditWaits = creditWaits;
  }

  public List<FlowView> flows() {
    return engine.flows().stream().map(f -> view(f.settings())).toList();
  }

  public FlowView flow(String name) {
    return view(settings(name));
  }

  private FlowView view(FlowSettings s) {
    var schedule = engine.schedule();
    var runLog = engine.runLog();
    var jobQueue = engine.jobQueue();
    var now = clock.instant();
    var state = schedule.flowState(s.name());
    var lastRun = runLog.runs(s.name(), 1).stream().findFirst();
    var failedRecords =
        failedQueue.failedCauses(FailedFilter.ofFlow(s.name())).stream()
            .mapToInt(CauseCount::count)
            .sum();
    var backlog = jobQueue.backlog(s.name());
    var freshness = backlog.oldestChange().map(oldest -> backlog.freshness(now));
    var enabled = state.map(FlowState::enabled).orElse(s.enabled());
    var waits = enabled ? waiting(s, now, backlog.records() > 0) : List.<Waiting>of();
    return new FlowView(
        s.name(),
        s.recordType().key(),
        s.from(),
        s.to(),
        s.direction().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
        enabled,
        state.map(FlowState::every).orElse(s.every()),
        state.map(FlowState::nextScanAt),
        lastRun,
        going(s.name()).map(r -> Progress.of(r, now)),
        failedRecords,
        waits.stream()
            .filter(w -> w.reason().equals(Wait.Reason.REFERENCE.name()))
            .mapToInt(Waiting::records)
            .sum(),
        freshness,
        // A flow that is off holds all its records; its state says why, not a retry time.
        waits,
        state.flatMap(FlowState::health));
  }

  /**
   * The flow's systems whose credits workers wait for, while it has records to sync (the credits
   * are the account's, shared with its other flows), then its records' waits.
   */
  private List<Waiting> waiting(FlowSettings s, Instant now, boolean behind) {
    var waiting = new ArrayList<Waiting>();
    var credits = behind ? creditWaits.apply(now) : Map.<String, Instant>of();
    for (var system : List.of(s.from(), s.to())) {
      Optional.ofNullable(credits.get(system))
          .ifPresent(until -> waiting.add(Waiting.forCredits(system, until, now)));
    }
    engine.jobQueue().waits(s.name(), now).stream().map(Waiting::of).forEach(waiting::add);
    return waiting;
  }

  /**
   * The run whose progress a person wants to see: a backfill under way (it outlasts the scans that
   * start meanwhile), else the newest run not yet finished.
   */
  private Optional<Run> going(String flow) {
    var open = engine.runLog().openRuns(flow);
    return open.stream()
        .filter(r -> r.trigger().equals(DueScan.BACKFILL))
        .findFirst()
        .or(() -> open.stream().findFirst());
  }

  /** The progress of the flow's run under way, if one is. */
  public Optional<Progress> progress(String flow) {
    settings(flow);
    // Asked every 2 seconds by each open flow page: one query, not the whole view.
    return going(flow).map(r -> Progress.of(r, clock.instant()));
  }

  /**
   * Records written and failed per hour over the last {@code hours} hours, every hour present (with
   * zeros where nothing happened), oldest first; for one flow or all.
   */
  public List<Activity> activity(Optional<String> flow, int hours) {
    flow.ifPresent(this::settings);
    var now = clock.instant();
    var first = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(hours - 1L));
    var found = new java.util.HashMap<Instant, Activity>();
    engine.runLog().activity(flow, first).forEach(a -> found.put(a.hour(), a));
    var all = new ArrayList<Activity>();
    for (var hour = first; !hour.isAfter(now); hour = hour.plus(Duration.ofHours(1))) {
      all.add(found.getOrDefault(hour, new Activity(hour, 0, 0)));
    }
    return all;
  }

  public List<CauseCount> causes(FailedFilter filter) {
    known(filter);
    return failedQueue.failedCauses(filter);
  }

  /** Sets failed records aside with a reason, which their history and the audit log keep. */
  public int dismiss(List<Long> jobIds, String reason, String actor) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException(
          "Say why these records are set aside: the reason stays in their history");
    }
    var count = failedQueue.dismiss(jobIds, reason.trim(), clock.instant());
    audit.record(
        actor,
        "record.dismiss",
        jobIds.size() + " failed records",
        count + " dismissed: " + reason.trim());
    return count;
  }

  /** The conflict list: values two-way merges dropped, newest first. */
  public List<Conflict> conflicts(ConflictFilter filter) {
    filter.flow().ifPresent(this::settings);
    return conflicts.conflicts(filter);
  }

  /**
   * Marks conflicts as seen: they leave the open list and stay in the record's history. Returns how
   * many were open.
   */
  public int acknowledge(List<Long> ids, String actor) {
    var count = conflicts.acknowledge(ids, actor, clock.instant());
    audit.record(
        actor,
        "conflict.acknowledge",
        ids.size() + " conflicts",
        count + " acknowledged (ids " + ids.stream().map(String::valueOf).toList() + ")");
    return count;
  }

  /**
   * One record of the given type, by its id in the flows' source (side A), across every flow: read
   * now from the source (one call per flow) and beside what was last written to the target.
   */
  public RecordView record(RecordType type, String sourceId) {
    var runLog = engine.runLog();
    var jobQueue = engine.jobQueue();
    var flows = new ArrayList<RecordView.InFlow>();
    Optional<String> name = Optional.empty();
    for (var flow : engine.flows()) {
      var s = flow.settings();
      if (s.recordType() != type) {
        continue;
      }
      var link =
          Optional.ofNullable(
              engine.links().links(type, s.from(), s.to(), List.of(sourceId)).get(sourceId));
      var history = new ArrayList<>(runLog.events(s.name(), Side.A, sourceId, 100));
      Optional<JobStatus> reverse = Optional.empty();
      if (s.direction() == Direction.TWO_WAY && link.isPresent()) {
        var other = link.get().to().id();
        reverse = jobQueue.job(s.name(), Side.B, other, clock.instant());
        history.addAll(runLog.events(s.name(), Side.B, other, 100));
        history.sort(java.util.Comparator.comparing(SyncEvent::at).reversed());
      }
      var live = engine.live(s.name(), sourceId);
      var written = link.flatMap(l -> l.to().payload());
      name =
          name.or(live::name)
              .or(() -> written.flatMap(w -> w.text("name")))
              .filter(n -> !n.isBlank());
      var targetId = link.map(l -> l.to().id());
      flows.add(
          new RecordView.InFlow(
              s.name(),
              s.from(),
              s.to(),
              new RecordView.InSystem(
                  s.from(),
                  links.label(s.from()),
                  Optional.of(sourceId),
                  links.url(s.from(), type, sourceId)),
              new RecordView.InSystem(
                  s.to(),
                  links.label(s.to()),
                  targetId,
                  targetId.flatMap(id -> links.url(s.to(), type, id))),
              link,
              fields(live.mapped(), written),
              live.problem(),
              jobQueue.job(s.name(), Side.A, sourceId, clock.instant()),
              reverse,
              history));
    }
    if (flows.isEmpty()) {
      throw new NoSuchElementException(
          "No flow syncs " + type.key() + " records; add one under flows in syncline.yaml");
    }
    var title = words(type) + " " + sourceId + name.map(n -> " · " + n).orElse("");
    return new RecordView(type.key(), sourceId, title, flows);
  }

  /**
   * The fields of both records, in the order the flow maps them, then those only written; each with
   * whether the live value differs from the written one.
   */
  private static List<RecordView.FieldRow> fields(
      Optional<TargetRecord> live, Optional<TargetRecord> written) {
    var names = new java.util.LinkedHashSet<String>();
    live.ifPresent(l -> names.addAll(l.fields().keySet()));
    written.ifPresent(w -> names.addAll(w.fields().keySet()));
    var rows = new ArrayList<RecordView.FieldRow>();
    for (var field : names) {
      var now = live.map(l -> l.get(field));
      var then = written.map(w -> w.get(field));
      rows.add(
          new RecordView.FieldRow(
              field, now, then, live.isPresent() && !java.util.Objects.equals(now, then)));
    }
    return rows;
  }

  /** The record type in words, as a title starts: {@code Customer}, {@code Sales order}. */
  static String words(RecordType type) {
    var spaced = type.key().replaceAll("([A-Z])", " $1").toLowerCase(java.util.Locale.ROOT);
    return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }

  /**
   * Records of any flow found by a name, an email or an id in any system, as a person types them.
   */
  public List<RecordMatch> findRecords(String text, int limit) {
    return engine.links().findRecords(text, limit);
  }

  /** The audit log, newest first. */
  public List<AuditLog.Entry> audit(int limit) {
    return audit.recent(limit);
  }

  public void setEnabled(String flow, boolean enabled, String actor) {
    settings(flow);
    engine.schedule().setEnabled(flow, enabled, clock.instant());
    audit.record(actor, enabled ? "flow.enable" : "flow.disable", flow, "");
  }

  public void setSchedule(String flow, Duration every, String actor) {
    settings(flow);
    if (every.compareTo(FlowSettings.SHORTEST_EVERY) < 0) {
      throw new IllegalArgumentException(
          "every must be at least " + FlowSettings.SHORTEST_EVERY.toSeconds() + "s");
    }
    engine.schedule().setSchedule(flow, every, clock.instant());
    audit.record(actor, "flow.schedule", flow, "every " + every.toSeconds() + "s");
  }

  /**
   * Makes the flow's next scan due now; the scheduler of some node starts it within a second or so.
   */
  public void runNow(String flow, String actor) {
    settings(flow);
    engine.schedule().requestScan(flow, clock.instant());
    audit.record(actor, "flow.run", flow, "");
  }

  /**
   * Makes the flow's next scan a backfill, due now: it lists every record of the source from the
   * beginning and syncs each again, writing those whose payload differs (after a mapping change,
   * say). Its run shows how far it has come.
   */
  public void backfill(String flow, String actor) {
    settings(flow);
    engine.schedule().requestBackfill(flow, clock.instant());
    audit.record(actor, "flow.backfill", flow, "");
  }

  public List<Run> runs(String flow, int limit) {
    settings(flow);
    return engine.runLog().runs(flow, limit);
  }

  /** The flow's runs started before run {@code beforeRunId}, newest first. */
  public List<Run> runsBefore(String flow, long beforeRunId, int limit) {
    settings(flow);
    return engine.runLog().runsBefore(flow, beforeRunId, limit);
  }

  /** The flow's runs started after run {@code afterRunId}, oldest first. */
  public List<Run> runsAfter(String flow, long afterRunId, int limit) {
    settings(flow);
    return engine.runLog().runsAfter(flow, afterRunId, limit);
  }

  /** The distinct errors that ended the flow's runs, the latest first, with counts. */
  public List<RunError> runErrors(String flow, int limit) {
    settings(flow);
    return engine.runLog().runErrors(flow, limit);
  }

  /**
   * Syncs one record of the given type now through every flow that reads that type from its side A
   * (or through the one flow named), and says what happened in each.
   *
   * @param from the instance the id belongs to: side A of the flows when empty; side B of a two-way
   *     flow reads the record there and syncs it the other way
   */
  public List<SyncReport> syncRecord(
      RecordType type,
      String sourceId,
      Optional<String> flow,
      Optional<String> from,
      boolean dryRun,
      String actor) {
    var flows =
        engine.flows().stream()
            .map(f -> f.settings())
            .filter(s -> s.recordType() == type)
            .filter(s -> flow.map(s.name()::equals).orElse(true))
            .toList();
    if (flows.isEmpty()) {
      var types =
          engine.flows().stream().map(f -> f.settings().recordType().key()).distinct().toList();
      throw new NoSuchElementException(
          flow.map(f -> "There is no flow '" + f + "' of " + type.key() + " records")
              .orElse(
                  "No flow syncs "
                      + type.key()
                      + " records"
                      + (types.isEmpty() ? "" : "; the flows sync " + String.join(", ", types))
                      + ". Add a flow under flows in syncline.yaml to sync them."));
    }
    var sides = new java.util.LinkedHashMap<FlowSettings, Side>();
    for (var s : flows) {
      readSide(s, from).ifPresent(side -> sides.put(s, side));
    }
    if (sides.isEmpty()) {
      var readable = readable(flows);
      throw new IllegalArgumentException(
          "No flow of "
              + type.key()
              + " records"
              + flow.map(f -> " named " + f).orElse("")
              + " reads records from '"
              + from.orElseThrow()
              + "'; give from as one of "
              + String.join(", ", readable)
              + " (side B only where a flow is two-way).");
    }
    var reports = new ArrayList<SyncReport>();
    sides.forEach((s, side) -> reports.add(engine.syncNow(s.name(), side, sourceId, dryRun)));
    if (!dryRun) {
      audit.record(
          actor,
          "record.sync",
          type.key() + " " + sourceId + from.map(f -> " from " + f).orElse(""),
          "");
    }
    return reports;
  }

  /**
   * The instances a selective sync can read a record from: every flow's {@code from}, and the
   * {@code to} of a two-way flow.
   */
  public List<String> readableInstances() {
    return readable(engine.flows().stream().map(f -> f.settings()).toList());
  }

  private static List<String> readable(List<FlowSettings> flows) {
    return flows.stream()
        .flatMap(s ->
            s.direction() == Direction.TWO_WAY
                ? java.util.stream.Stream.of(s.instance(Side.A), s.instance(Side.B))
                : java.util.stream.Stream.of(s.instance(Side.A)))
        .distinct()
        .toList();
  }

  /** The side of the flow that holds records of {@code from}, if the flow reads from it. */
  private static Optional<Side> readSide(FlowSettings s, Optional<String> from) {
    if (from.isEmpty() || from.get().equals(s.instance(Side.A))) {
      return Optional.of(Side.A);
    }
    return s.direction() == Direction.TWO_WAY && from.get().equals(s.instance(Side.B))
        ? Optional.of(Side.B)
        : Optional.empty();
  }

  public List<FailedRecord> failed(FailedFilter filter) {
    known(filter);
    return failedQueue.failed(filter);
  }

  public int resync(List<Long> jobIds, String actor) {
    var count = failedQueue.resync(jobIds, clock.instant());
    audit.record(
        actor, "record.resync", jobIds.size() + " failed records", count + " queued again");
    return count;
  }

  public int resync(FailedFilter filter, String actor) {
    known(filter);
    var count = failedQueue.resync(filter, clock.instant());
    audit.record(actor, "record.resync", describe(filter), count + " queued again");
    return count;
  }

  private static String describe(FailedFilter f) {
    var parts = new java.util.ArrayList<String>();
    f.recordType().ifPresent(t -> parts.add("type " + t.key()));
    f.flow().ifPresent(x -> parts.add("flow " + x));
    f.cause().ifPresent(x -> parts.add("cause " + x));
    f.text().ifPresent(x -> parts.add("text " + x));
    return parts.isEmpty() ? "every failed record" : String.join(", ", parts);
  }

  private FlowSettings settings(String name) {
    return engine
        .flow(name)
        .map(f -> f.settings())
        .orElseThrow(() -> {
          var names = engine.flows().stream().map(f -> f.name()).toList();
          return new NoSuchElementException(
              "There is no flow '"
                  + name
                  + (names.isEmpty()
                      ? "'; no flow is configured (see flows in syncline.yaml)"
                      : "'; the flows are " + String.join(", ", names)));
        });
  }

  /**
   * Refuses a filter naming a flow there is not: its answer would be empty, and "no failed records"
   * would hide the typo.
   */
  private void known(FailedFilter filter) {
    filter.flow().ifPresent(this::settings);
  }
}
