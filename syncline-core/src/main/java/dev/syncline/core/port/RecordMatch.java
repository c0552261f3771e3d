package dev.syncline.core.port;

import java.util.Optional;

/**
 * A record found by what a person knows of it (a name, an email, an id in any system), in one flow:
 * its id in the flow's source, its id on the target once linked, the name last written for it (or
 * the message of its last failure, which names it, when it was never written), and its state: the
 * link's, or the job's while there is no link.
 */
public record RecordMatch(
    String recordType,
    String flow,
    String sourceId,
    Optional<String> targetId,
    String name,
    String state) {}
