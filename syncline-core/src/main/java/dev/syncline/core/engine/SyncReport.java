package dev.syncline.core.engine;

import java.util.List;
import java.util.Optional;

/**
 * What a selective sync of one record did (or, for a dry run, would do).
 *
 * @param outcome the outcome's kind: {@code written}, {@code unchanged}, {@code failed}, ..., and
 *     {@code not-found} when the source has no record with that id
 * @param message what happened, in a sentence
 * @param changes for a write (or a dry run that would write), the fields that change
 * @param merge for a dry run of a linked record in a two-way flow, how each field is merged
 */
public record SyncReport(
    String flow,
    String sourceId,
    boolean dryRun,
    String outcome,
    String message,
    Optional<String> targetId,
    List<FieldChange> changes,
    List<MergeField> merge) {}
