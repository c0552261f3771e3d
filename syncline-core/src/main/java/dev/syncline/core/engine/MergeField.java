package dev.syncline.core.engine;

import java.util.Optional;

/**
 * How a two-way sync merges one field, as a dry run shows it: the value the record read holds, what
 * the other side holds now, what both last agreed on, the value both are to hold, the system it
 * comes from and why.
 *
 * @param source the value in the system the record is read from
 * @param target the value in the other system now
 * @param base the value both last agreed on; absent when never agreed or not set
 * @param merged the value both sides are to hold
 * @param winner the instance whose value {@code merged} is
 * @param why the rule that chose it, in words
 */
public record MergeField(
    String field,
    Optional<Object> source,
    Optional<Object> target,
    Optional<Object> base,
    Optional<Object> merged,
    String winner,
    String why) {}
