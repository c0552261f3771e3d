package dev.syncline.app.config;

import dev.syncline.core.flow.FlowSettings;
import dev.syncline.core.mapping.Filter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * What makes a flow sensible beyond its schema: unique names, two ends, a schedule that is not too
 * eager.
 */
final class FlowChecks implements ConfigCheck {

  @Override
  public List<Finding> check(SynclineConfig config) {
    var findings = new ArrayList<Finding>();
    // The engine's deletion check runs in the flows' scans: each reads every linked id again.
    var deletionCheck = config.engine().deletionCheck();
    if (deletionCheck.compareTo(SynclineConfig.Engine.SHORTEST_DELETION_CHECK) < 0) {
      findings.add(
          new Finding(
              "engine.deletionCheck",
              "expected at least "
                  + Durations.format(SynclineConfig.Engine.SHORTEST_DELETION_CHECK)
                  + ", got "
                  + Durations.format(deletionCheck)));
    }
    var lease = config.engine().lease();
    if (lease.compareTo(SynclineConfig.Engine.SHORTEST_LEASE) < 0
        || lease.compareTo(SynclineConfig.Engine.LONGEST_LEASE) > 0) {
      findings.add(
          new Finding(
              "engine.lease",
              "expected from "
                  + Durations.format(SynclineConfig.Engine.SHORTEST_LEASE)
                  + " to "
                  + Durations.format(SynclineConfig.Engine.LONGEST_LEASE)
                  + " (how long a batch of a node that died waits before another node takes it"
                  + " over), got "
                  + Durations.format(lease)));
    }
    // A blocked flow is probed at its schedule first; a longest wait below that would not back off.
    var maxProbe = config.engine().maxProbeInterval();
    if (maxProbe.compareTo(SynclineConfig.Engine.SHORTEST_MAX_PROBE_INTERVAL) < 0) {
      findings.add(
          new Finding(
              "engine.maxProbeInterval",
              "expected at least "
                  + Durations.format(SynclineConfig.Engine.SHORTEST_MAX_PROBE_INTERVAL)
                  + ", got "
                  + Durations.format(maxProbe)));
    }
    var deadline = config.engine().referenceDeadline();
    if (deadline.compareTo(SynclineConfig.Engine.SHORTEST_REFERENCE_DEADLINE) < 0) {
      findings.add(
          new Finding(
              "engine.referenceDeadline",
              "expected at least "
                  + Durations.format(SynclineConfig.Engine.SHORTEST_REFERENCE_DEADLINE)
                  + " (how long a record waits for the records it refers to before it goes to the"
                  + " failed record queue), got "
                  + Durations.format(deadline)));
    }
    var firstByName = new HashMap<String, Integer>();
    for (var i = 0; i < config.flows().size(); i++) {
      var flow = config.flows().get(i);
      var at = "flows[" + i + "]";
      var earlier = firstByName.putIfAbsent(flow.name(), i);
      if (earlier != null) {
        findings.add(
            new Finding(
                at + ".name",
                "flows["
                    + earlier
                    + "] is named \""
                    + flow.name()
                    + "\" too; each flow needs a name of its own"));
      }
      if (flow.from().equals(flow.to())) {
        findings.add(
            new Finding(
                at + ".to",
                "expected a system other than the flow's from, got \"" + flow.to() + "\""));
      }
      if (flow.every().compareTo(FlowSettings.SHORTEST_EVERY) < 0) {
        findings.add(
            new Finding(
                at + ".every",
                "expected at least "
                    + Durations.format(FlowSettings.SHORTEST_EVERY)
                    + ", got "
                    + Durations.format(flow.every())));
      }
      var ends = List.of(flow.from(), flow.to());
      flow.master()
          .filter(m -> !ends.contains(m))
          .ifPresent(m ->
              findings.add(
                  new Finding(
                      at + ".master",
                      "expected " + flow.from() + " or " + flow.to() + ", got \"" + m + "\"")));
      flow.fieldMasters()
          .forEach((field, system) -> {
            if (!ends.contains(system)) {
              findings.add(
                  new Finding(
                      at + ".fieldMasters." + field,
                      "expected " + flow.from() + " or " + flow.to() + ", got \"" + system + "\""));
            }
          });
      if ((flow.master().isPresent() || !flow.fieldMasters().isEmpty())
          && !flow.direction().equals("two-way")) {
        findings.add(
            new Finding(
                at + (flow.master().isPresent() ? ".master" : ".fieldMasters"),
                "only a two-way flow has a master; set direction: two-way, or remove this"));
      }
      checkFilter(flow.filter(), at + ".filter", findings);
      for (var direction : List.of("forward", "back")) {
        var own = direction.equals("forward") ? flow.forward() : flow.back();
        if (own.isEmpty()) {
          continue;
        }
        if (!flow.direction().equals("two-way")) {
          findings.add(
              new Finding(
                  at + "." + direction,
                  "only a two-way flow has directions of its own; set direction: two-way, or move"
                      + " this filter, mapping and valueMaps up to the flow itself"));
        }
        checkFilter(own.get().filter(), at + "." + direction + ".filter", findings);
      }
    }
    return findings;
  }

  private static void checkFilter(
      java.util.Optional<String> filter, String at, List<Finding> findings) {
    filter.ifPresent(text -> {
      try {
        Filter.compile(text);
      } catch (IllegalArgumentException e) {
        findings.add(new Finding(at, e.getMessage()));
      }
    });
  }
}
