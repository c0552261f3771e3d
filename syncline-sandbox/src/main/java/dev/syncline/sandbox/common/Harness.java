package dev.syncline.sandbox.common;

/** The parts every simulator shares with its tests and the control API. */
public record Harness(RequestLog requestLog, Faults faults, Latency latency, SandboxClock clock) {

  public static Harness create(SandboxClock clock) {
    return new Harness(new RequestLog(), new Faults(), new Latency(), clock);
  }
}
