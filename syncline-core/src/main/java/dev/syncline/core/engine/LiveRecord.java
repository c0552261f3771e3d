package dev.syncline.core.engine;

import dev.syncline.core.port.TargetRecord;
import java.util.Optional;

/**
 * A record as its source has it now, read in one call, and what the flow's mapping makes of it for
 * the target: what a person compares with what was last written there.
 *
 * @param described how the source names the record: {@code Customer 4 (Acme Wholesale)}
 * @param name the record's name in the source, when it has one
 * @param mapped the fields the flow would write now; empty when the source no longer has the
 *     record, or it could not be read or mapped (then {@code problem} says why)
 * @param problem why there are no live values, in a sentence
 */
public record LiveRecord(
    String described,
    Optional<String> name,
    Optional<TargetRecord> mapped,
    Optional<String> problem) {}
