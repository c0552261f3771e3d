package dev.syncline.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetRecordTest {

  @Test
  void a_flag_is_true_only_for_true_or_the_text_true() {
    var record =
        new TargetRecord(
            Map.of("yes", true, "text", "True", "no", false, "other", "oui ✅", "number", 1));

    assertThat(record.flag("yes")).isTrue();
    assertThat(record.flag("text")).as("a mapping that gives 'true' as text").isTrue();
    assertThat(record.flag("no")).isFalse();
    assertThat(record.flag("other")).isFalse();
    assertThat(record.flag("number")).isFalse();
    assertThat(record.flag("absent")).isFalse();
  }
}
