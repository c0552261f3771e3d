package dev.syncline.netsuite.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SuiteQlConditionTest {

  @Test
  void puts_each_value_in_as_a_quoted_literal_with_its_quotes_doubled() {
    var condition =
        new SuiteQlCondition(
            "named",
            "c.companyname = :name OR c.email = :name",
            Map.of("name", "O'Brien ' OR 1=1 --"));

    assertThat(condition.sql())
        .isEqualTo("c.companyname = 'O''Brien '' OR 1=1 --' OR c.email = 'O''Brien '' OR 1=1 --'");
  }

  @Test
  void leaves_a_colon_inside_a_quoted_literal_alone() {
    var condition =
        new SuiteQlCondition(
            "timed",
            "c.comments <> 'at :noon, it''s :late' AND c.subsidiary = :subsidiary",
            Map.of("subsidiary", "1"));

    assertThat(condition.sql())
        .isEqualTo("c.comments <> 'at :noon, it''s :late' AND c.subsidiary = '1'");
    assertThat(SuiteQlCondition.placeholders(condition.where())).containsExactly("subsidiary");
  }

  @Test
  void names_what_is_wrong_with_its_settings() {
    assertThat(SuiteQlCondition.problems("Zoey", "c.id > 0", Map.of()))
        .hasValueSatisfying(p -> assertThat(p).contains("lower-case"));
    assertThat(SuiteQlCondition.problems("custom_sync", "c.id > 0", Map.of()))
        .hasValueSatisfying(p -> assertThat(p).contains("starts with cust"));
    assertThat(SuiteQlCondition.problems("eu", "c.subsidiary = :subsidiary", Map.of()))
        .contains("its where uses :subsidiary but values gives no subsidiary");
    assertThat(SuiteQlCondition.problems("eu", "c.subsidiary = 2", Map.of("subsidiary", "2")))
        .contains("values gives subsidiary but its where has no :subsidiary to put it in");
    assertThat(SuiteQlCondition.problems("eu", "c.companyname = 'Acme", Map.of()))
        .contains("its where opens a quote at character 17 and never closes it");
    assertThat(SuiteQlCondition.problems("eu", "c.subsidiary = :s", Map.of("s", "2"))).isEmpty();
    assertThatThrownBy(() -> new SuiteQlCondition("eu", "c.subsidiary = :s", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(":s");
  }
}
