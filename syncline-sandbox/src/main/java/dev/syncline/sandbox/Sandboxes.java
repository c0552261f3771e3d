package dev.syncline.sandbox;

import dev.syncline.sandbox.common.SandboxClock;
import dev.syncline.sandbox.joor.JoorSandbox;
import dev.syncline.sandbox.netsuite.DemoData;
import dev.syncline.sandbox.netsuite.NetSuiteSandbox;
import dev.syncline.sandbox.netsuite.NetSuiteSettings;
import dev.syncline.sandbox.zoey.ZoeySandbox;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * All the simulators at once, each seeded with demo data: what {@code syncline sandbox} and the
 * demo run. Tests usually start the one simulator they need directly.
 */
public final class Sandboxes implements AutoCloseable {

  /**
   * @param host the address to listen on
   * @param ports the port of each system's simulator by name ({@code netsuite}, ...); absent or 0
   *     for any free port
   */
  public record Settings(String host, Map<String, Integer> ports) {
    public static Settings loopback() {
      return new Settings("127.0.0.1", Map.of());
    }

    int portOf(String system) {
      return ports.getOrDefault(system, 0);
    }
  }

  private final List<Sandbox> sandboxes;

  private Sandboxes(List<Sandbox> sandboxes) {
    this.sandboxes = List.copyOf(sandboxes);
  }

  public static Sandboxes start(Settings settings) {
    var clock = SandboxClock.system();
    var started = new ArrayList<Sandbox>();
    try {
      // Each simulator joins here as it is built.
      var netsuite =
          NetSuiteSandbox.start(
              NetSuiteSettings.defaults().withListen(settings.host(), settings.portOf("netsuite")),
              clock);
      started.add(netsuite);
      netsuite.accounts().forEach(DemoData::seed);
      started.add(JoorSandbox.startDemo(settings.host(), settings.portOf("joor"), clock));
      started.add(ZoeySandbox.start(settings.host(), settings.portOf("zoey"), clock));
      return new Sandboxes(started);
    } catch (RuntimeException e) {
      started.forEach(Sandbox::close);
      throw e;
    }
  }

  public List<Sandbox> all() {
    return sandboxes;
  }

  /** Every simulator's connection settings, in the order they were started. */
  public SequencedMap<String, String> connectionSettings() {
    var all = new LinkedHashMap<String, String>();
    sandboxes.forEach(s -> all.putAll(s.connectionSettings()));
    return all;
  }

  @Override
  public void close() {
    sandboxes.reversed().forEach(Sandbox::close);
  }
}
