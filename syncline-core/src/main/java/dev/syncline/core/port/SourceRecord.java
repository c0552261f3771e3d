package dev.syncline.core.port;

import java.time.Instant;

/** A record as loaded from its system, made canonical, with the version it was at. */
public record SourceRecord<T>(String id, Instant modifiedAt, T record) {}
