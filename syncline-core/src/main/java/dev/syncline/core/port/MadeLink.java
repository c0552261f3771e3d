package dev.syncline.core.port;

import dev.syncline.core.model.RecordType;

/**
 * A record a write made on the target on the way to its own (a customer created while writing an
 * order): linked between the flow's two instances together with the job's outcome, in one
 * transaction, so that it is never made twice.
 *
 * @param sourceId its id on the side the flow reads from
 * @param targetId its id on the target, as the write made it
 */
public record MadeLink(RecordType type, String sourceId, String targetId) {}
