package dev.syncline.bench.report;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The machine a run measured on, as the report states it: figures from a 2-core machine shared with
 * other work read differently from a quiet workstation's.
 *
 * @param loadAverage the system's one-minute load average when the run began, negative when unknown
 */
public record Machine(int cores, long memoryBytes, String jdk, String os, double loadAverage) {

  public static Machine current() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    long memory =
        os instanceof com.sun.management.OperatingSystemMXBean sun
            ? sun.getTotalMemorySize()
            : Runtime.getRuntime().maxMemory();
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        memory,
        Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")",
        os.getName() + " " + os.getVersion() + " " + os.getArch(),
        os.getSystemLoadAverage());
  }

  /** One line: cores, memory, JDK, operating system, load. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%d cores, %.1f GB memory, JDK %s, %s%s",
        cores,
        memoryBytes / 1e9,
        jdk,
        os,
        loadAverage < 0
            ? ""
            : String.format(Locale.ROOT, ", load average %.1f at the start", loadAverage));
  }
}
