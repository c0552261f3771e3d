package dev.syncline.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.core.flow.Side;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergeTest {

  private static Map<String, Object> ref(String id, String name) {
    return Map.of("id", id, "name", name);
  }

  @Test
  void a_field_the_changed_side_does_not_keep_takes_the_other_sides_value_and_is_no_conflict() {
    var here = Map.<String, Object>of("name", "Café Zoë ☕");
    var there = Map.<String, Object>of("name", "Café Zoe", "phone", "+1 555 0100");
    var base = Map.<String, Object>of("name", "Café Zoe", "phone", "+1 555 0199");

    var merge =
        Merge.of(here, there, base, f -> Side.B, Side.A, f -> !f.equals("phone"), f -> true);

    assertThat(merge.merged()).containsEntry("name", "Café Zoë ☕");
    assertThat(merge.merged()).containsEntry("phone", "+1 555 0100");
    assertThat(merge.conflicts()).isEmpty();

    var keepingAll = Merge.of(here, there, base, f -> Side.B, Side.A);
    assertThat(keepingAll.conflicts())
        .as("without it, the phone Zoey never had is a change to nothing, against NetSuite's")
        .extracting(Merge.Conflict::field)
        .containsExactly("phone");
  }

  @Test
  void a_reference_is_the_same_on_both_sides_by_its_name_whatever_each_systems_id() {
    var here = Map.<String, Object>of("priceLevel", ref("1", "Wholesale"), "name", "A");
    var there = Map.<String, Object>of("priceLevel", ref("2", "Wholesale"), "name", "B");
    var base = Map.<String, Object>of("priceLevel", ref("2", "Retail"), "name", "A");

    var merge = Merge.of(here, there, base, f -> Side.A, Side.A);

    assertThat(merge.conflicts()).as("both moved to Wholesale: agreed").isEmpty();
    assertThat(merge.merged()).containsEntry("name", "B");
  }

  @Test
  void a_reference_one_side_names_only_by_its_id_is_the_same_by_that_id() {
    var here = Map.<String, Object>of("subsidiary", ref("1", "Brand US"));
    var there = Map.<String, Object>of("subsidiary", Map.of("id", "1"));
    var elsewhere = Map.<String, Object>of("subsidiary", Map.of("id", "2"));

    assertThat(Merge.of(here, there, Map.of(), f -> Side.A, Side.A).conflicts())
        .as("Zoey keeps only the subsidiary's id: the same subsidiary, no conflict")
        .isEmpty();
    assertThat(Merge.of(here, elsewhere, Map.of(), f -> Side.A, Side.A).conflicts())
        .extracting(Merge.Conflict::field)
        .containsExactly("subsidiary");
  }
}
