package dev.syncline.core.port;

import java.time.Instant;

/**
 * One error that ended runs of a flow, with how many runs it ended and when first and last: a scan
 * that cannot read its source fails the same way every few seconds, and a person needs it once.
 */
public record RunError(String error, int runs, Instant first, Instant last) {}
