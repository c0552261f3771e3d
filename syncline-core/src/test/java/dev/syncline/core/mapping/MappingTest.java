package dev.syncline.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappingTest {

  private static final Map<String, String> DEFAULTS =
      ordered(
          "name", "companyName",
          "paymentMethod", "$lookup('paymentMethod', terms.name)",
          "priceType", "$lookup(\"priceType\", priceLevel.name & ' ' & currency.name)",
          "note", "");

  private static Map<String, String> ordered(String... pairs) {
    var map = new LinkedHashMap<String, String>();
    for (var i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private static final Map<String, Object> ACME =
      Map.of(
          "companyName", "Acme",
          "terms", Map.of("name", "Net 30"),
          "priceLevel", Map.of("name", "Wholesale"),
          "currency", Map.of("name", "USD"));

  private static final Map<String, Map<String, String>> MAPS =
      Map.of(
          "paymentMethod", Map.of("Net 30", "NET30"),
          "priceType", Map.of("Wholesale USD", "USD-Wholesale"));

  @Test
  void maps_through_expressions_and_value_maps_and_leaves_out_fields_mapped_to_nothing() {
    var mapping = Mapping.compile(DEFAULTS, Map.of(), MAPS);

    var out = mapping.apply("7", ACME).fields();

    assertThat(out)
        .containsExactly(
            Map.entry("name", "Acme"),
            Map.entry("paymentMethod", "NET30"),
            Map.entry("priceType", "USD-Wholesale"));
  }

  @Test
  void an_override_replaces_the_default_and_may_use_the_source_id() {
    var mapping = Mapping.compile(DEFAULTS, Map.of("note", "'NetSuite ' & $sourceId"), MAPS);

    assertThat(mapping.apply("7", ACME).fields()).containsEntry("note", "NetSuite 7");
  }

  @Test
  void a_value_map_the_mapping_reads_but_the_flow_lacks_is_named_before_any_record_fails() {
    assertThatThrownBy(() -> Mapping.compile(DEFAULTS, Map.of(), Map.of("priceType", Map.of())))
        .isInstanceOfSatisfying(
            Mapping.MappingConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "valueMaps.paymentMethod: missing; the mapping of 'paymentMethod' looks values up in"
                            + " it. Add valueMaps.paymentMethod to the flow, each value from the source with"
                            + " the value the target takes"));
  }

  @Test
  void an_override_of_a_field_the_target_lacks_or_that_does_not_compile_is_named() {
    assertThatThrownBy(() ->
            Mapping.compile(DEFAULTS, Map.of("nmae", "companyName", "name", "companyName &"), MAPS))
        .isInstanceOfSatisfying(
            Mapping.MappingConfigException.class,
            e -> {
              assertThat(e.problems()).hasSize(2);
              assertThat(e.problems().get(0))
                  .startsWith(
                      "mapping.nmae: the target has no field 'nmae'; its fields are name, note,");
              assertThat(e.problems().get(1)).startsWith("mapping.name: ");
            });
  }

  @Test
  void a_value_missing_from_its_map_fails_the_record_naming_field_value_and_fix() {
    var mapping = Mapping.compile(DEFAULTS, Map.of(), MAPS);
    var net15 = new LinkedHashMap<>(ACME);
    net15.put("terms", Map.of("name", "Net 15"));

    assertThatThrownBy(() -> mapping.apply("8", net15))
        .isInstanceOfSatisfying(
            Mapping.MappingFailed.class,
            e -> {
              assertThat(e.field()).isEqualTo("paymentMethod");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "the mapping of 'paymentMethod' failed: no value for 'Net 15' in the value map"
                          + " 'paymentMethod'; add it under the flow's valueMaps.paymentMethod");
            });
  }
}
