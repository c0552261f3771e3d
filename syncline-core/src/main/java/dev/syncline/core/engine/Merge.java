package dev.syncline.core.engine;

import dev.syncline.core.flow.Side;
import dev.syncline.core.mapping.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A two-way change merged field by field against the base (DESIGN.md section 1): a field changed on
 * one side only takes that side's value, a field changed on both to different values goes to its
 * master, and the value that lost is kept as a conflict.
 *
 * @param merged the canonical record both sides are to hold
 * @param conflicts the fields changed on both sides to different values
 */
record Merge(Map<String, Object> merged, List<Conflict> conflicts) {

  /** One field changed on both sides: the value that won and the one that lost, and its side. */
  record Conflict(String field, Side loser, Object winning, Object losing) {}

  /**
   * @param here this side's record, canonical
   * @param there the other side's record as it holds it now, canonical
   * @param base what both last agreed on
   * @param masterOf the side that masters a field
   * @param side this side
   */
  static Merge of(
      Map<String, Object> here,
      Map<String, Object> there,
      Map<String, Object> base,
      Function<String, Side> masterOf,
      Side side) {
    return of(here, there, base, masterOf, side, field -> true, field -> true);
  }

  /**
   * A merge in which a side's record says nothing of the fields its system does not keep (Zoey
   * keeps no phone on an account): such a field keeps the other side's value, and is no conflict.
   *
   * @param hereCarries whether this side's system keeps a field
   * @param thereCarries whether the other side's system keeps a field
   */
  static Merge of(
      Map<String, Object> here,
      Map<String, Object> there,
      Map<String, Object> base,
      Function<String, Side> masterOf,
      Side side,
      Predicate<String> hereCarries,
      Predicate<String> thereCarries) {
    var fields = new LinkedHashSet<String>(here.keySet());
    fields.addAll(there.keySet());
    var merged = new LinkedHashMap<String, Object>();
    var conflicts = new ArrayList<Conflict>();
    for (var field : fields) {
      var mine = here.get(field);
      var theirs = there.get(field);
      var agreed = base.get(field);
      Object value;
      if (!hereCarries.test(field)) {
        value = theirs;
      } else if (!thereCarries.test(field)) {
        value = mine;
      } else if (same(mine, theirs) || same(theirs, agreed)) {
        value = mine;
      } else if (same(mine, agreed)) {
        value = theirs;
      } else {
        var master = masterOf.apply(field);
        value = master == side ? mine : theirs;
        conflicts.add(
            master == side
                ? new Conflict(field, side.other(), mine, theirs)
                : new Conflict(field, side, theirs, mine));
      }
      if (value != null) {
        merged.put(field, value);
      }
    }
    return new Merge(merged, conflicts);
  }

  /**
   * Compared as canonical text, so that a base read back from the store matches its numbers; and a
   * reference ({@link dev.syncline.core.model.Ref}: an id and a name) by its name when both have
   * one, since each system gives the same term or price level its own id, else by its id (Zoey
   * keeps only the id of an account's NetSuite subsidiary).
   */
  private static boolean same(Object a, Object b) {
    if (isRef(a) && isRef(b)) {
      var x = (Map<?, ?>) a;
      var y = (Map<?, ?>) b;
      return x.get("name") != null && y.get("name") != null
          ? x.get("name").equals(y.get("name"))
          : x.get("id").equals(y.get("id"));
    }
    return Objects.equals(a, b) || Json.canonicalText(a).equals(Json.canonicalText(b));
  }

  private static boolean isRef(Object value) {
    return value instanceof Map<?, ?> m
        && m.get("id") != null
        && m.keySet().stream().allMatch(k -> k.equals("id") || k.equals("name"));
  }
}
