package dev.syncline.core.port;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one record type from one system instance: which records changed, and the records
 * themselves, made canonical. Called by the engine's scan (changes) and workers (load), on any
 * thread, concurrently.
 *
 * @param <T> the canonical record type ({@code Customer})
 */
public interface RecordImporter<T> {

  /** Why {@code id}, as a person typed it, cannot be the id of a record here; empty when it can. */
  default java.util.Optional<String> invalidId(String id) {
    return java.util.Optional.empty();
  }

  /**
   * The changes after {@code after}, in (modifiedAt, id) order, at most {@code limit} of them;
   * fewer (or none) when there are no more. Must be stable: records sharing one modification time
   * come in id order, so that the next call, after the last change returned, misses none of them.
   */
  List<Change> changesAfter(Watermark after, int limit);

  /**
   * The current records with these ids, made canonical. An id absent from the result does not exist
   * (any more) in the source. Implementations read in bulk where the system allows.
   */
  Map<String, SourceRecord<T>> load(Collection<String> ids);

  /**
   * Which of these records still exist in the source: how the engine notices records deleted there,
   * which no list of changes shows. Implementations answer in bulk without reading whole records
   * where the system allows; the default reads them.
   */
  default java.util.Set<String> existing(Collection<String> ids) {
    return load(ids).keySet();
  }

  /**
   * Makes one cheap authenticated call to the source and says what it found; throws the classified
   * error when it fails. The engine probes this way, instead of scanning, while the flow cannot
   * read its source. The default, for sources without a cheap call, finds nothing to say.
   */
  default String probe() {
    return "no test call is known for this source; the next scan tells";
  }

  /**
   * What to tell a person who asked for the record by an id the source has no record for: {@code
   * NetSuite has no customer with id 999999}, and where to find the right one.
   */
  default String notFound(String id) {
    return describe(id, Optional.empty()) + " does not exist in the source";
  }

  /**
   * Why the record has left every flow of this system, whatever their filters (a customer made
   * inactive, say), as the end of a sentence that begins with the record's description: {@code "is
   * inactive in NetSuite"}. Empty while it takes part.
   */
  default Optional<String> leftFlow(T record) {
    return Optional.empty();
  }

  /**
   * The records this one refers to, by their ids in this instance: the engine resolves them through
   * the links before mapping, and makes the record wait while one is not linked to the target yet.
   * Records that refer to nothing (customers) keep the default.
   */
  default List<Reference> references(T record) {
    return List.of();
  }

  /**
   * The canonical fields that hold a reference ({@link dev.syncline.core.model.Ref}) to a record of
   * another type, by field: a contact's {@code company}, its customer. Each system gives that
   * record its own id, so a two-way merge reads the other side's reference through the links before
   * it compares the two, and keeps both ids in the base. Empty, the default, for records that refer
   * to nothing.
   */
  default Map<String, dev.syncline.core.model.RecordType> referenceFields() {
    return Map.of();
  }

  /**
   * Why no record of its own is made on the other side for this one, which the other side keeps in
   * another way, as the end of a sentence that begins with the record's description: a Zoey
   * account's main contact is the NetSuite customer's own email. Such a record is not created
   * there; once linked (a NetSuite contact found with its email) it is kept in step as any other.
   * Empty, the default, for records that are created.
   */
  default Optional<String> keptElsewhere(T record) {
    return Optional.empty();
  }

  /**
   * The canonical fields this system keeps its own value of, when it keeps only some: a two-way
   * merge takes the other side's value of the rest, and sees no conflict in them. Empty, the
   * default, for a system that keeps every field.
   */
  default Optional<java.util.Set<String>> carries() {
    return Optional.empty();
  }

  /**
   * Records of this system just written to the other side, with the id each has there: a system
   * that keeps its counterpart's id on the record (Zoey's NetSuite Customer ID on the account's
   * NetSuite tab) writes the id there when the record does not hold it yet, so that people see the
   * link where they work. The default keeps none. Called after the write, before the links are
   * committed: a write here repeated after a crash names the same record, so it is safe; a failure
   * is logged, never the sync's.
   */
  default void keepCounterparts(List<Counterpart<T>> written) {}

  /** A record of this system and the id of the record it was written to on the other side. */
  record Counterpart<T>(SourceRecord<T> source, String targetId) {}

  /**
   * The record's name as a person knows it, for titles ("Contact 77 · Zoë Ångström"), when its
   * canonical fields have no {@code name}; empty, the default, to use that field.
   */
  default Optional<String> name(T record) {
    return Optional.empty();
  }

  /** How a person recognises the record in messages: {@code Customer 1234 (Acme Boutique)}. */
  String describe(String id, Optional<T> record);

  /**
   * Where, in this system's screens, a person fixes the canonical {@code field}, when the importer
   * knows: {@code "Set it on the customer's Financial subtab"}.
   */
  Optional<String> fixHint(String field);
}
