package dev.syncline.app.sync;

import dev.syncline.core.port.FlowHealth;
import dev.syncline.core.port.Run;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One flow as people see it: what it connects, whether it runs, how often, its latest run (and its
 * progress while it goes), how many of its records wait in the failed queue, how many wait for the
 * records they refer to (counted apart from failures), and its freshness: how long the oldest
 * change found but not yet in the target has waited ({@link
 * dev.syncline.core.port.Backlog#freshness}), empty when none waits; why records that nobody works
 * on now wait, one line per reason ({@link Waiting}); and its health, empty while it can read its
 * source and write its target.
 */
public record FlowView(
    String name,
    String recordType,
    String from,
    String to,
    String direction,
    boolean enabled,
    Duration every,
    Optional<Instant> nextScanAt,
    Optional<Run> lastRun,
    Optional<Progress> progress,
    int failedRecords,
    int waitingRecords,
    Optional<Duration> freshness,
    List<Waiting> waiting,
    Optional<FlowHealth> health) {}
