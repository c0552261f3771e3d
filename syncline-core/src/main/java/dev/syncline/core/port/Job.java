package dev.syncline.core.port;

import dev.syncline.core.flow.Side;

/**
 * One record for one flow to sync, as claimed by a worker.
 *
 * @param attempts how many times it was tried before this claim
 * @param runId the run whose scan (or person) asked for it
 * @param recovering true when an earlier claim's lease ran out (its worker died): the write may
 *     have happened
 */
public record Job(
    long id,
    String flow,
    Side side,
    String sourceId,
    int attempts,
    long runId,
    boolean recovering) {}
