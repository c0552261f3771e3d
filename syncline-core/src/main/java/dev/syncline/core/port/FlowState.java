package dev.syncline.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A flow's switch and schedule as they stand now (set by configuration, the dashboard or the CLI),
 * and its health: empty while it can read its source and write its target.
 */
public record FlowState(
    String flow,
    boolean enabled,
    Duration every,
    Instant nextScanAt,
    Optional<Instant> lastScanAt,
    Optional<FlowHealth> health) {}
