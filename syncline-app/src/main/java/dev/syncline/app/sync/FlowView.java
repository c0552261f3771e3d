package dev.syncline.app.sync;

import dev.syncline.core.port.Run;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** One flow as people see it: what it connects, whether it runs, how often, and its latest run. */
public record FlowView(
    String name,
    String recordType,
    String from,
    String to,
    String direction,
    boolean enabled,
    Duration every,
    Optional<String> stoppedReason,
    Optional<Instant> nextScanAt,
    Optional<Run> lastRun) {}
