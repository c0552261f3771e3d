package dev.syncline.app.sync;

import dev.syncline.core.SyncException;
import dev.syncline.core.engine.SyncEngine;
import dev.syncline.core.port.FlowHealth;
import dev.syncline.core.port.FlowState;
import dev.syncline.core.port.SystemAdapters;
import dev.syncline.store.AuditLog;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The configured system instances as people see them on the Connections page: what this node's
 * calls found of each, the flows blocked on it, and a test of one cheap authenticated call.
 */
public final class Connections {

  /**
   * One system instance.
   *
   * @param system {@code netsuite} or {@code joor}
   * @param since since when the credentials are accepted or refused, whichever they are now
   * @param blockedFlows the flows that cannot reach this instance now
   */
  public record ConnectionView(
      String instance,
      String system,
      Optional<Boolean> reachable,
      Optional<Boolean> credentialsAccepted,
      Optional<Instant> since,
      Optional<String> lastError,
      Optional<Instant> lastErrorAt,
      Map<String, String> limits,
      List<String> blockedFlows) {}

  /** What a test call found: {@code ok} with what it saw, or the error and what to do. */
  public record ConnectionTest(
      String instance, boolean ok, String message, ConnectionView connection) {}

  private final Map<String, SystemAdapters> systems;
  private final Map<String, String> kinds;
  private final SyncEngine engine;
  private final AuditLog audit;
  private final InstantSource clock;

  /**
   * @param kinds each instance's system ({@code netsuite}, {@code joor}), by instance name
   */
  public Connections(
      Map<String, SystemAdapters> systems,
      Map<String, String> kinds,
      SyncEngine engine,
      AuditLog audit,
      InstantSource clock) {
    this.systems = systems;
    this.kinds = kinds;
    this.engine = engine;
    this.audit = audit;
    this.clock = clock;
  }

  public List<ConnectionView> all() {
    return systems.keySet().stream().map(this::view).toList();
  }

  /**
   * Makes one cheap authenticated call to the instance and says what it found. When it gets
   * through, the flows blocked on the instance are asked to scan now: a person's test is a restart.
   */
  public ConnectionTest test(String instance, String actor) {
    var adapters = adapters(instance);
    boolean ok;
    String message;
    try {
      message = adapters.probe();
      ok = true;
      var blocked = blockedFlows(instance);
      for (var flow : blocked) {
        engine.schedule().requestScan(flow, clock.instant());
      }
      if (!blocked.isEmpty()) {
        message +=
            " "
                + String.join(", ", blocked)
                + (blocked.size() == 1 ? " was" : " were")
                + " blocked on it and scan"
                + (blocked.size() == 1 ? "s" : "")
                + " again now.";
      }
    } catch (SyncException e) {
      ok = false;
      message = e.getMessage();
    }
    audit.record(actor, "connection.test", instance, ok ? "ok" : "failed: " + message);
    return new ConnectionTest(instance, ok, message, view(instance));
  }

  private SystemAdapters adapters(String instance) {
    var adapters = systems.get(instance);
    if (adapters == null) {
      throw new NoSuchElementException(
          "There is no system instance '"
              + instance
              + "'; the instances under systems in syncline.yaml are "
              + (systems.isEmpty() ? "none" : String.join(", ", systems.keySet()))
              + ".");
    }
    return adapters;
  }

  private ConnectionView view(String instance) {
    var c = adapters(instance).connection();
    return new ConnectionView(
        instance,
        kinds.getOrDefault(instance, "unknown"),
        c.reachable(),
        c.credentialsAccepted(),
        c.since(),
        c.lastError(),
        c.lastErrorAt(),
        c.limits(),
        blockedFlows(instance));
  }

  private List<String> blockedFlows(String instance) {
    var blocked = new ArrayList<String>();
    for (var flow : engine.flows()) {
      engine
          .schedule()
          .flowState(flow.name())
          .flatMap(FlowState::health)
          .map(FlowHealth::instance)
          .filter(instance::equals)
          .ifPresent(i -> blocked.add(flow.name()));
    }
    return blocked;
  }
}
