package dev.syncline.core.port;

import java.time.Instant;

/** What the flows did in one hour: records written to their targets, and records that failed. */
public record Activity(Instant hour, int written, int failed) {}
