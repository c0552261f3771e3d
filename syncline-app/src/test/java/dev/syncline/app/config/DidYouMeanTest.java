package dev.syncline.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {

  private static final List<String> KEYS = List.of("schedule", "every", "enabled", "direction");

  @Test
  void suggests_the_key_one_typo_away() {
    assertThat(DidYouMean.closest("shedule", KEYS)).contains("schedule");
    assertThat(DidYouMean.closest("evrey", KEYS)).contains("every");
    assertThat(DidYouMean.closest("Enabled", KEYS)).contains("enabled");
  }

  @Test
  void suggests_nothing_for_another_word() {
    assertThat(DidYouMean.closest("colour", KEYS)).isEmpty();
    assertThat(DidYouMean.closest("x", KEYS)).isEmpty();
  }
}
