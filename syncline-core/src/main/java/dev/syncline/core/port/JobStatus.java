package dev.syncline.core.port;

import java.time.Instant;
import java.util.Optional;

/**
 * Where one record stands in one flow: its job's state ({@code ready}, {@code waiting} for the
 * records it refers to, {@code running}, {@code done}, {@code failed}, {@code dismissed}),
 * attempts, the last outcome with its error, and why it waits, when nobody works on it now ({@link
 * Wait}, of one record).
 */
public record JobStatus(
    long id,
    String flow,
    dev.syncline.core.flow.Side side,
    String sourceId,
    String state,
    int attempts,
    Optional<String> lastOutcome,
    Optional<String> lastError,
    Optional<String> lastCause,
    Optional<Instant> changeVersion,
    Instant nextAttemptAt,
    Instant updatedAt,
    Optional<Wait> waiting) {}
