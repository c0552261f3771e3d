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
 * @param fields how each field was merged, in the records' order, for a person to read
 */
record Merge(Map<String, Object> merged, List<Conflict> conflicts, List<Field> fields) {

  /** One field changed on both sides: the value that won and the one that lost, and its side. */
  record Conflict(String field, Side loser, Object winning, Object losing) {}

  /** Why a field took the value it took. */
  enum Rule {
    /** This side's system does not keep the field: the other side's value stays. */
    NOT_KEPT_HERE,
    /** The other side's system does not keep the field: this side's value goes. */
    NOT_KEPT_THERE,
    /** Both sides hold the same value. */
    SAME,
    /** Changed on this side only since the base. */
    CHANGED_HERE,
    /** Changed on the other side only since the base. */
    CHANGED_THERE,
    /** Changed on both sides to different values: its master's value wins. */
    MASTER
  }

  /**
   * How one field was merged: the values of this side, the other side and the base (null where
   * absent), the value that won, the side it came from and the rule that chose it.
   */
  record Field(
      String field, Object here, Object there, Object base, Object value, Side winner, Rule rule) {}

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
    var explained = new ArrayList<Field>();
    for (var field : fields) {
      var mine = here.get(field);
      var theirs = there.get(field);
      var agreed = base.get(field);
      Rule rule;
      Side winner;
      if (!hereCarries.test(field)) {
        rule = Rule.NOT_KEPT_HERE;
        winner = side.other();
      } else if (!thereCarries.test(field)) {
        rule = Rule.NOT_KEPT_THERE;
        winner = side;
      } else if (same(mine, theirs)) {
        rule = Rule.SAME;
        winner = side;
      } else if (same(theirs, agreed)) {
        rule = Rule.CHANGED_HERE;
        winner = side;
      } else if (same(mine, agreed)) {
        rule = Rule.CHANGED_THERE;
        winner = side.other();
      } else {
        rule = Rule.MASTER;
        winner = masterOf.apply(field);
        conflicts.add(
            winner == side
                ? new Conflict(field, side.other(), mine, theirs)
                : new Conflict(field, side, theirs, mine));
      }
      var value = winner == side ? mine : theirs;
      explained.add(new Field(field, mine, theirs, agreed, value, winner, rule));
      if (value != null) {
        merged.put(field, value);
      }
    }
    return new Merge(merged, conflicts, explained);
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
