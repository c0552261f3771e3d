package dev.syncline.core.engine;

import dev.syncline.core.model.RecordType;
import dev.syncline.core.port.LinkState;
import dev.syncline.core.port.Links;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The references of a two-way flow's records ({@link
 * dev.syncline.core.port.RecordImporter#referenceFields()}) in the ids of the side a merge is made
 * on. A contact's {@code company} is customer 55 in NetSuite and account 9 in Zoey: compared as
 * they are, the two would always differ. So the other side's references are read through the links
 * before the merge, and the base keeps the id of each side, from which each side reads its own.
 */
final class ReferenceIds {

  /** The key under which a reference the links do not know keeps the other side's id. */
  static final String UNLINKED = "unlinked";

  /** The key under which the base keeps a reference's id in each instance. */
  private static final String IDS = "ids";

  private ReferenceIds() {}

  /**
   * The other side's records with their references in this side's ids, read through the links in
   * one lookup per record type. {@code referenced} gains each pair found, so that a merge that
   * takes the other side's reference can map it. A reference no link joins yet keeps the other
   * side's id under {@link #UNLINKED}, which equals no id here.
   *
   * @param referenced this side's ids of referenced records, by type key, to the other side's
   */
  static Map<String, Map<String, Object>> translated(
      Links links,
      Map<String, RecordType> fields,
      String here,
      String there,
      Map<String, Map<String, Object>> others,
      Map<String, Map<String, String>> referenced) {
    if (fields.isEmpty() || others.isEmpty()) {
      return others;
    }
    var wanted = new HashMap<RecordType, Set<String>>();
    for (var other : others.values()) {
      fields.forEach((field, type) ->
          id(other.get(field))
              .ifPresent(id -> wanted.computeIfAbsent(type, t -> new TreeSet<>()).add(id)));
    }
    var ours = new HashMap<RecordType, Map<String, String>>();
    wanted.forEach((type, ids) -> {
      var found = new HashMap<String, String>();
      links
          .links(type, there, here, ids)
          .forEach((id, link) -> {
            if (link.state() != LinkState.UNLINKED) {
              found.put(id, link.to().id());
              referenced
                  .computeIfAbsent(type.key(), k -> new HashMap<>())
                  .putIfAbsent(link.to().id(), id);
            }
          });
      ours.put(type, found);
    });
    var translated = new HashMap<String, Map<String, Object>>();
    others.forEach((id, other) -> {
      var copy = new LinkedHashMap<>(other);
      fields.forEach((field, type) ->
          id(other.get(field))
              .ifPresent(theirs -> {
                var mine = ours.getOrDefault(type, Map.of()).get(theirs);
                // Only the id: each side names the record its own way, and the id is what is
                // compared.
                copy.put(field, mine != null ? Map.of("id", mine) : Map.of(UNLINKED, theirs));
              }));
      translated.put(id, copy);
    });
    return translated;
  }

  /**
   * The reference field of {@code merged} that holds a reference the links do not know, and that
   * other side's id, when there is one.
   */
  static Optional<Map.Entry<String, Object>> unlinked(
      Map<String, RecordType> fields, Map<String, Object> merged) {
    for (var field : fields.keySet()) {
      if (merged.get(field) instanceof Map<?, ?> ref && ref.containsKey(UNLINKED)) {
        return Optional.of(Map.entry(field, ref.get(UNLINKED)));
      }
    }
    return Optional.empty();
  }

  /**
   * A record of this side as a base to keep: each reference with its id in both instances, so that
   * either side reads it in its own ids.
   *
   * @param referenced this side's ids of referenced records, by type key, to the other side's
   */
  static Map<String, Object> neutral(
      Map<String, RecordType> fields,
      Map<String, Object> record,
      String here,
      String there,
      Map<String, Map<String, String>> referenced) {
    if (fields.isEmpty()) {
      return record;
    }
    var neutral = new LinkedHashMap<>(record);
    fields.forEach((field, type) ->
        id(record.get(field))
            .ifPresent(id -> {
              var ids = new LinkedHashMap<String, Object>();
              ids.put(here, id);
              var theirs = referenced.getOrDefault(type.key(), Map.of()).get(id);
              if (theirs != null) {
                ids.put(there, theirs);
              }
              neutral.put(field, Map.of("id", id, IDS, ids));
            }));
    return neutral;
  }

  /**
   * A base as {@code here} holds it: each reference kept with its ids in both instances reads as
   * its id in this one, or, where the base never learnt it, as a reference that equals none.
   */
  static Map<String, Object> local(
      Map<String, RecordType> fields, Map<String, Object> base, String here) {
    if (fields.isEmpty()) {
      return base;
    }
    var local = new LinkedHashMap<>(base);
    for (var field : fields.keySet()) {
      if (base.get(field) instanceof Map<?, ?> ref && ref.get(IDS) instanceof Map<?, ?> ids) {
        var mine = ids.get(here);
        local.put(field, mine != null ? Map.of("id", mine.toString()) : Map.of(UNLINKED, ref));
      }
    }
    return local;
  }

  private static Optional<String> id(Object reference) {
    return reference instanceof Map<?, ?> ref && ref.get("id") != null && !ref.containsKey(IDS)
        ? Optional.of(ref.get("id").toString())
        : Optional.empty();
  }
}
