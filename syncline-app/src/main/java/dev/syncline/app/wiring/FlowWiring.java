package dev.syncline.app.wiring;

import dev.syncline.app.config.ConfigCheck;
import dev.syncline.app.config.SynclineConfig;
import dev.syncline.core.engine.Flow;
import dev.syncline.core.flow.Direction;
import dev.syncline.core.mapping.Mapping;
import dev.syncline.core.model.RecordType;
import dev.syncline.core.port.RecordExporter;
import dev.syncline.core.port.RecordImporter;
import dev.syncline.core.port.SystemAdapters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the engine's flows from the configuration and the system instances, and checks beforehand
 * that each flow's ends exist and can do what it asks of them, and that its mapping names fields
 * the target has.
 */
public final class FlowWiring {

  private FlowWiring() {}

  /**
   * The check of flows against the systems, for the configuration loader, so that {@code config
   * check} reports these problems with their line and column.
   */
  public static ConfigCheck check(Function<SynclineConfig, Map<String, SystemAdapters>> systems) {
    return config -> {
      var findings = new ArrayList<ConfigCheck.Finding>();
      var instances = systems.apply(config);
      try {
        checkFlows(config, instances, findings);
      } finally {
        instances.values().forEach(SystemAdapters::close);
      }
      return findings;
    };
  }

  private static void checkFlows(
      SynclineConfig config,
      Map<String, SystemAdapters> instances,
      List<ConfigCheck.Finding> findings) {
    for (var i = 0; i < config.flows().size(); i++) {
      var flow = config.flows().get(i);
      var at = "flows[" + i + "]";
      var type = RecordType.ofKey(flow.recordType()).orElseThrow();
      var twoWay = flow.direction().equals("two-way");
      var from = end(instances, flow.from(), at + ".from", findings);
      var to = end(instances, flow.to(), at + ".to", findings);
      if (from.isEmpty() || to.isEmpty()) {
        continue;
      }
      requireImporter(from.get(), type, at + ".from", findings);
      var exporter = requireExporter(to.get(), type, at + ".to", findings);
      var back = Optional.<RecordExporter<?>>empty();
      if (twoWay) {
        requireImporter(to.get(), type, at + ".to", findings);
        back = requireExporter(from.get(), type, at + ".from", findings);
      }
      if (flow.statusFields().isPresent() && from.get().statusWriter(type).isEmpty()) {
        findings.add(
            new ConfigCheck.Finding(
                at + ".statusFields",
                flow.from() + " cannot take a sync status back; remove statusFields"));
      }
      exporter.ifPresent(e -> checkRoute(flow, at, true, e, findings));
      back.ifPresent(e -> checkRoute(flow, at, false, e, findings));
    }
  }

  /**
   * Checks one direction's mapping against the fields of its own target, and that the target can
   * take what leaving the flow means.
   */
  private static void checkRoute(
      SynclineConfig.Flow flow,
      String at,
      boolean forward,
      RecordExporter<?> exporter,
      List<ConfigCheck.Finding> findings) {
    var target = forward ? flow.to() : flow.from();
    var own = forward ? flow.forward() : flow.back();
    var direction = forward ? "forward" : "back";
    var route = flow.route(forward);
    var twoWay = flow.direction().equals("two-way");
    try {
      Mapping.compile(
          exporter.defaultMapping(), route.mapping(), route.valueMaps(), exporter::takesField);
    } catch (Mapping.MappingConfigException m) {
      for (var problem : m.problems()) {
        var colon = problem.indexOf(": ");
        var text = problem.substring(colon + 2);
        if (twoWay) {
          text =
              "in the "
                  + direction
                  + " direction, to "
                  + target
                  + ", "
                  + text
                  + (own.isEmpty()
                      ? "; give that direction its own mapping and valueMaps under " + direction
                      : "");
        }
        findings.add(
            new ConfigCheck.Finding(
                at + (own.isPresent() ? "." + direction : "") + "." + problem.substring(0, colon),
                text));
      }
    }
    if (flow.onLeave().equals("propagate") && exporter.leaveEffect().isEmpty()) {
      findings.add(
          new ConfigCheck.Finding(
              at + ".onLeave",
              target
                  + " cannot cancel or deactivate "
                  + flow.recordType()
                  + " records that leave the flow: "
                  + exporter.whyNoLeave()
                  + ". Set onLeave: unlink"));
    }
  }

  private static Optional<SystemAdapters> end(
      Map<String, SystemAdapters> instances,
      String name,
      String at,
      List<ConfigCheck.Finding> findings) {
    var instance = Optional.ofNullable(instances.get(name));
    if (instance.isEmpty()) {
      findings.add(
          new ConfigCheck.Finding(
              at,
              instances.isEmpty()
                  ? "there is no system \"" + name + "\"; declare it under systems"
                  : "there is no system \""
                      + name
                      + "\"; the systems are "
                      + String.join(", ", instances.keySet().stream().sorted().toList())));
    }
    return instance;
  }

  private static void requireImporter(
      SystemAdapters system, RecordType type, String at, List<ConfigCheck.Finding> findings) {
    if (system.importer(type).isEmpty()) {
      findings.add(
          new ConfigCheck.Finding(
              at, system.instance() + " cannot read " + type.key() + " records yet"));
    }
  }

  private static Optional<RecordExporter<?>> requireExporter(
      SystemAdapters system, RecordType type, String at, List<ConfigCheck.Finding> findings) {
    var exporter = system.exporter(type);
    if (exporter.isEmpty()) {
      findings.add(
          new ConfigCheck.Finding(
              at, system.instance() + " cannot write " + type.key() + " records yet"));
    }
    return exporter;
  }

  /** The flows, once {@link #check} found nothing wrong. */
  public static List<Flow<?>> build(SynclineConfig config, Map<String, SystemAdapters> instances) {
    var flows = new ArrayList<Flow<?>>();
    for (var flow : config.flows()) {
      var settings = flow.settings();
      var type = settings.recordType();
      var from = instances.get(settings.from());
      var to = instances.get(settings.to());
      flows.add(
          settings.direction() == Direction.TWO_WAY
              ? Flow.twoWay(
                  settings,
                  importer(from, type),
                  exporter(from, type),
                  settings.statusFields().isPresent() ? from.statusWriter(type) : Optional.empty(),
                  importer(to, type),
                  exporter(to, type))
              : Flow.oneWay(
                  settings,
                  importer(from, type),
                  exporter(to, type),
                  settings.statusFields().isPresent()
                      ? from.statusWriter(type)
                      : Optional.empty()));
    }
    return flows;
  }

  // The adapters of one record type all speak the same canonical class (RecordType to model class
  // is fixed).
  @SuppressWarnings("unchecked")
  private static <T> RecordImporter<T> importer(SystemAdapters system, RecordType type) {
    return (RecordImporter<T>) system.importer(type).orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static <T> RecordExporter<T> exporter(SystemAdapters system, RecordType type) {
    return (RecordExporter<T>) system.exporter(type).orElseThrow();
  }
}
