package dev.syncline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NumbersTest {

  @Test
  void percentiles_are_nearest_rank_values_that_were_measured() {
    var hundred = IntStream.rangeClosed(1, 100).mapToObj(Duration::ofSeconds).toList();

    assertThat(Numbers.percentile(hundred, 50)).isEqualTo(Duration.ofSeconds(50));
    assertThat(Numbers.percentile(hundred, 95)).isEqualTo(Duration.ofSeconds(95));
    assertThat(Numbers.percentile(hundred, 99)).isEqualTo(Duration.ofSeconds(99));
    assertThat(Numbers.percentile(List.of(Duration.ofSeconds(7)), 99))
        .isEqualTo(Duration.ofSeconds(7));
    assertThat(Numbers.percentile(List.of(Duration.ofSeconds(1), Duration.ofSeconds(9)), 50))
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void there_is_no_percentile_of_nothing() {
    assertThatThrownBy(() -> Numbers.percentile(List.of(), 50))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void settings_are_shown_as_the_options_take_them() {
    assertThat(Numbers.setting(Duration.ZERO)).isEqualTo("0ms");
    assertThat(Numbers.setting(Duration.ofMillis(150))).isEqualTo("150ms");
    assertThat(Numbers.setting(Duration.ofSeconds(300))).isEqualTo("5m");
  }
}
