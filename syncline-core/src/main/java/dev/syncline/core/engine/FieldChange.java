package dev.syncline.core.engine;

import dev.syncline.core.port.TargetRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One field a write would change: its value before (absent when new) and after (absent when
 * removed).
 */
public record FieldChange(String field, Optional<Object> before, Optional<Object> after) {

  /** The fields that differ between what the target has and what would be written, by name. */
  public static List<FieldChange> between(Optional<TargetRecord> before, TargetRecord after) {
    var old = before.map(TargetRecord::fields).orElse(java.util.Map.of());
    var names = new TreeSet<String>(old.keySet());
    names.addAll(after.fields().keySet());
    var changes = new ArrayList<FieldChange>();
    for (var name : names) {
      var a = old.get(name);
      var b = after.fields().get(name);
      if (!Objects.equals(a, b)) {
        changes.add(new FieldChange(name, Optional.ofNullable(a), Optional.ofNullable(b)));
      }
    }
    return changes;
  }
}
