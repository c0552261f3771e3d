package dev.syncline.core.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one record type to one system instance. Called by workers with a batch of records at a
 * time, so that systems with bulk endpoints use them; on any thread, concurrently.
 *
 * @param <T> the canonical record type the target's requirements are checked on
 */
public interface RecordExporter<T> {

  /**
   * The target's fields and how each is made from the canonical record by default, as JSONata
   * expressions. A flow's mapping overrides any of them; a field whose default is empty is left out
   * unless the flow maps it. Expressions may use {@code $sourceId} and {@code $lookup(table, key)}.
   */
  Map<String, String> defaultMapping();

  /**
   * Whether the target takes {@code field}, which {@link #defaultMapping()} does not name, when a
   * flow maps it: NetSuite's custom fields ({@code custentity_*}), which each account defines.
   * False, the default, for a target whose fields are all in its defaults.
   */
  default boolean takesField(String field) {
    return false;
  }

  /** What this target requires of a record before it may be sent; empty when nothing is missing. */
  List<Violation> validate(T record);

  /**
   * The field of the mapped record that is its create key on this target (JOOR's customer code, a
   * NetSuite externalId), which the engine hands over as {@link WriteRequest#createKey()}; empty
   * when the target has none.
   */
  default Optional<String> createKeyField() {
    return Optional.empty();
  }

  /**
   * Writes the batch; one result per request, in any order. Writing the same twice is safe: an
   * update replaces the record with the same fields, and a create that {@link
   * WriteRequest#maybeWritten() may have happened} looks its create key up first (for the whole
   * batch in one call where the target allows) and updates the record it finds instead. A
   * multi-step write skips the {@link WriteRequest#steps() steps} done and reports each as it is
   * done. A failure after the request may have reached the target is a {@link
   * dev.syncline.core.RetryableSyncException} whose {@code mayHaveApplied()} says so.
   */
  List<WriteResult> write(List<WriteRequest> batch);

  /**
   * The current state of records that were {@link RemoteState#PENDING}, by target id; ids whose
   * state is unknown are left out. The default, for targets without a pending state, knows nothing.
   */
  default Map<String, RemoteState> pendingStates(List<String> targetIds) {
    return Map.of();
  }

  /**
   * What a person should know when a record stops being synced to this target (it left the flow, or
   * was deleted at the source): Syncline never deletes anything here, and what that means for the
   * target.
   */
  default String whenUnlinked(String targetId) {
    return "Nothing was deleted on the target; delete or deactivate record "
        + targetId
        + " there if it should go.";
  }

  /**
   * What a flow that propagates leaving does to the target's record, as the end of a sentence that
   * begins with the record ({@code "was deactivated on JOOR"}); empty when this target has no way
   * to cancel or deactivate one, and then a flow may only unlink. An event flow's exporter cancels
   * the document, a snapshot flow's clears the keyed value.
   */
  default Optional<String> leaveEffect() {
    return Optional.empty();
  }

  /**
   * Why this target cannot take {@link #leave} ({@link #leaveEffect()} is empty), for config check.
   */
  default String whyNoLeave() {
    return "it knows no call that cancels or deactivates a record there";
  }

  /**
   * Cancels or deactivates these records on the target, as {@link #leaveEffect()} says, in bulk
   * where the target allows; throws the classified error when it fails, and then none counts as
   * done. Doing it twice is safe. Only called when {@link #leaveEffect()} is present.
   */
  default void leave(List<String> targetIds) {
    throw new UnsupportedOperationException("This target cannot cancel or deactivate records");
  }

  /** What the status says while a written record is {@link RemoteState#PENDING} on this target. */
  default String whilePending() {
    return "Written; waiting for the target to accept it.";
  }

  /**
   * Makes one cheap authenticated call to the target and says what it found; throws the classified
   * error when it fails. The engine probes this way, instead of writing, while the flow cannot
   * write its target. The default, for targets without a cheap call, finds nothing to say.
   */
  default String probe() {
    return "no test call is known for this target; the next write tells";
  }

  /**
   * The records already on the target that these unlinked records are, though no link joins them
   * yet, by source id: an account that carries the customer's NetSuite id, one found by name where
   * the flow links by name, a customer a Zoey account names. A two-way flow reads each from the
   * other side and merges the two field by field before its first write, each field that differs
   * going to its master, instead of taking this side's values for all. Ambiguous or unknown ones
   * are left out, for the write to report. The default, for targets that only create, finds none.
   *
   * @param unlinked each record as the flow maps it for this target
   */
  default Map<String, String> counterparts(Map<String, TargetRecord> unlinked) {
    return Map.of();
  }

  /** The record as the target holds it now, in target fields, for a dry run's difference. */
  default Optional<TargetRecord> read(String targetId) {
    return Optional.empty();
  }
}
