package dev.syncline.bench;

import dev.syncline.app.testbed.NodeProcess;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time used so far by each part of a run on this machine: the Syncline nodes, this process (the
 * sandboxes and the harness), and PostgreSQL (its postmaster and the backends under it). Backends
 * that already ended are not counted; the nodes' connection pools keep theirs open.
 */
record CpuTimes(Duration nodes, Duration sandboxes, Duration database) {

  static CpuTimes now(List<NodeProcess> nodes, Optional<ProcessHandle> postmaster) {
    var nodeTime =
        nodes.stream()
            .map(n -> n.cpuTime().orElse(Duration.ZERO))
            .reduce(Duration.ZERO, Duration::plus);
    var os = ManagementFactory.getOperatingSystemMXBean();
    var own =
        os instanceof com.sun.management.OperatingSystemMXBean sun
            ? Duration.ofNanos(Math.max(0, sun.getProcessCpuTime()))
            : Duration.ZERO;
    var database =
        postmaster
            .map(p -> Stream.concat(Stream.of(p), p.descendants()))
            .orElseGet(Stream::empty)
            .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
            .reduce(Duration.ZERO, Duration::plus);
    return new CpuTimes(nodeTime, own, database);
  }

  /** The main process of the embedded PostgreSQL in {@code dataDir}, from its pid file. */
  static Optional<ProcessHandle> postmaster(java.nio.file.Path dataDir) {
    try {
      var lines = java.nio.file.Files.readAllLines(dataDir.resolve("postmaster.pid"));
      return lines.isEmpty()
          ? Optional.empty()
          : ProcessHandle.of(Long.parseLong(lines.getFirst().trim()));
    } catch (java.io.IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  CpuTimes minus(CpuTimes earlier) {
    return new CpuTimes(
        nodes.minus(earlier.nodes),
        sandboxes.minus(earlier.sandboxes),
        database.minus(earlier.database));
  }
}
