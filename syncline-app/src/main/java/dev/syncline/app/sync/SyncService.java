package dev.syncline.app.sync;

import dev.syncline.core.engine.SyncEngine;
import dev.syncline.core.engine.SyncReport;
import dev.syncline.core.flow.FlowSettings;
import dev.syncline.core.model.RecordType;
import dev.syncline.core.port.FailedFilter;
import dev.syncline.core.port.FailedRecord;
import dev.syncline.core.port.FlowState;
import dev.syncline.core.port.Run;
import dev.syncline.store.AuditLog;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The engine as people use it. Every change a person makes (a switch, a schedule, a resync) is
 * written to the audit log with who made it.
 */
public final class SyncService {

  private final SyncEngine engine;
  private final AuditLog audit;
  private final InstantSource clock;

  public SyncService(SyncEngine engine, AuditLog audit, InstantSource clock) {
    this.engine = engine;
    this.audit = audit;
    this.clock = clock;
  }

  public List<FlowView> flows() {
    return engine.flows().stream().map(f -> view(f.settings())).toList();
  }

  public FlowView flow(String name) {
    return view(settings(name));
  }

  private FlowView view(FlowSettings s) {
    var state = engine.store().flowState(s.name());
    var lastRun = engine.store().runs(s.name(), 1).stream().findFirst();
    return new FlowView(
        s.name(),
        s.recordType().key(),
        s.from(),
        s.to(),
        s.direction().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
        state.map(FlowState::enabled).orElse(s.enabled()),
        state.map(FlowState::every).orElse(s.every()),
        state.flatMap(FlowState::stoppedReason),
        state.map(FlowState::nextScanAt),
        lastRun);
  }

  public void setEnabled(String flow, boolean enabled, String actor) {
    settings(flow);
    engine.store().setEnabled(flow, enabled, Optional.empty(), clock.instant());
    audit.record(actor, enabled ? "flow.enable" : "flow.disable", flow, "");
  }

  public void setSchedule(String flow, Duration every, String actor) {
    settings(flow);
    if (every.compareTo(FlowSettings.SHORTEST_EVERY) < 0) {
      throw new IllegalArgumentException(
          "every must be at least " + FlowSettings.SHORTEST_EVERY.toSeconds() + "s");
    }
    engine.store().setSchedule(flow, every, clock.instant());
    audit.record(actor, "flow.schedule", flow, "every " + every.toSeconds() + "s");
  }

  /**
   * Makes the flow's next scan due now; the scheduler of some node starts it within a second or so.
   */
  public void runNow(String flow, String actor) {
    settings(flow);
    engine.store().requestScan(flow, clock.instant());
    audit.record(actor, "flow.run", flow, "");
  }

  public List<Run> runs(String flow, int limit) {
    settings(flow);
    return engine.store().runs(flow, limit);
  }

  /**
   * Syncs one record of the given type now through every flow that reads that type from its side A
   * (or through the one flow named), and says what happened in each.
   */
  public List<SyncReport> syncRecord(
      RecordType type, String sourceId, Optional<String> flow, boolean dryRun, String actor) {
    var flows =
        engine.flows().stream()
            .map(f -> f.settings())
            .filter(s -> s.recordType() == type)
            .filter(s -> flow.map(s.name()::equals).orElse(true))
            .toList();
    if (flows.isEmpty()) {
      throw new NoSuchElementException(
          flow.map(f -> "There is no flow '" + f + "' of " + type.key() + " records")
              .orElse(
                  "No flow syncs "
                      + type.key()
                      + " records; add one under flows in syncline.yaml"));
    }
    var reports = flows.stream().map(s -> engine.syncNow(s.name(), sourceId, dryRun)).toList();
    if (!dryRun) {
      audit.record(actor, "record.sync", type.key() + " " + sourceId, "");
    }
    return reports;
  }

  public List<FailedRecord> failed(FailedFilter filter) {
    return engine.store().failed(filter);
  }

  public int resync(List<Long> jobIds, String actor) {
    var count = engine.store().resync(jobIds, clock.instant());
    audit.record(
        actor, "record.resync", jobIds.size() + " failed records", count + " queued again");
    return count;
  }

  public int resync(FailedFilter filter, String actor) {
    var count = engine.store().resync(filter, clock.instant());
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
        .orElseThrow(() -> new NoSuchElementException("There is no flow '" + name + "'"));
  }
}
