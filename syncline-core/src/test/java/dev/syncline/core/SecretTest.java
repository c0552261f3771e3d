package dev.syncline.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretTest {

  @Test
  void never_shows_its_value_in_text() {
    var secret = Secret.of("hunter2");

    assertThat(secret.toString()).doesNotContain("hunter2");
    assertThat("token=" + secret).isEqualTo("token=******");
    assertThat(java.util.List.of(secret).toString()).doesNotContain("hunter2");
  }

  @Test
  void reveals_its_value_on_request_and_compares_by_value() {
    assertThat(Secret.of("hunter2").reveal()).isEqualTo("hunter2");
    assertThat(Secret.of("a")).isEqualTo(Secret.of("a")).isNotEqualTo(Secret.of("b"));
  }
}
