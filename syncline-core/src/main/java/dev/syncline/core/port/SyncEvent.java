package dev.syncline.core.port;

import dev.syncline.core.flow.Side;
import java.time.Instant;
import java.util.Optional;

/**
 * One entry of a record's history: what happened to it when ({@code written}, {@code failed},
 * {@code retrying}, {@code unlinked}, {@code conflict}, {@code dismissed}), and for a write, where
 * and the hash of what was written.
 */
public record SyncEvent(
    Instant at,
    String flow,
    Side side,
    String sourceId,
    Optional<Long> runId,
    String kind,
    Optional<String> targetId,
    String message,
    Optional<String> hash) {}
