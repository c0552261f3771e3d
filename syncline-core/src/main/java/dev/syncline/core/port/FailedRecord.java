package dev.syncline.core.port;

import dev.syncline.core.flow.Side;
import dev.syncline.core.model.RecordType;
import java.time.Instant;

/** An entry of the failed record queue: a record a person must look at, and why. */
public record FailedRecord(
    long jobId,
    String flow,
    RecordType recordType,
    Side side,
    String sourceId,
    String message,
    String cause,
    int attempts,
    Instant failedAt) {}
