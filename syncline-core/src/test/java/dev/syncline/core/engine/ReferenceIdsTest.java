package dev.syncline.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.core.flow.Side;
import dev.syncline.core.model.RecordType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceIdsTest {

  private static final Map<String, RecordType> FIELDS = Map.of("company", RecordType.CUSTOMER);

  @Test
  void a_base_kept_by_one_side_reads_in_the_other_sides_ids() {
    // NetSuite's contact works for customer 55, which account 9 is in Zoey.
    var netsuite =
        Map.<String, Object>of(
            "lastName", "Ångström", "company", Map.of("id", "55", "name", "Acme"));
    var referenced = Map.of("customer", Map.of("55", "9"));

    var base = ReferenceIds.neutral(FIELDS, netsuite, "netsuite", "zoey_store", referenced);

    assertThat(ReferenceIds.local(FIELDS, base, "zoey_store"))
        .containsEntry("company", Map.of("id", "9"))
        .containsEntry("lastName", "Ångström");
    assertThat(ReferenceIds.local(FIELDS, base, "netsuite"))
        .containsEntry("company", Map.of("id", "55"));
  }

  @Test
  void a_base_that_never_learnt_a_sides_id_equals_no_reference_there() {
    var base =
        ReferenceIds.neutral(
            FIELDS,
            Map.<String, Object>of("company", Map.of("id", "55")),
            "netsuite",
            "zoey_store",
            Map.of());

    var local = ReferenceIds.local(FIELDS, base, "zoey_store");

    // Merged against it, a company that is the same on both sides is no change; one changed is
    // never taken for the base.
    var merge =
        Merge.of(
            Map.<String, Object>of("company", Map.of("id", "9")),
            Map.<String, Object>of("company", Map.of("id", "9", "name", "Acme")),
            local,
            f -> Side.A,
            Side.B);
    assertThat(merge.fields())
        .singleElement()
        .satisfies(f -> assertThat(f.rule()).isEqualTo(Merge.Rule.SAME));
    assertThat(ReferenceIds.unlinked(FIELDS, merge.merged())).isEmpty();
  }

  @Test
  void a_reference_no_link_joins_is_named_with_the_other_sides_id() {
    var merged = Map.<String, Object>of("company", Map.of(ReferenceIds.UNLINKED, "12"));

    assertThat(ReferenceIds.unlinked(FIELDS, merged))
        .hasValueSatisfying(e -> {
          assertThat(e.getKey()).isEqualTo("company");
          assertThat(e.getValue()).isEqualTo("12");
        });
  }
}
