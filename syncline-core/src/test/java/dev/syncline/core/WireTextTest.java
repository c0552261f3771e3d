package dev.syncline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WireTextTest {

  static final String TEXT = "Société — 東京 🧵 Cafe\u0301 שלום";

  @Test
  void reads_utf8_when_the_answer_names_no_charset_and_keeps_every_code_point() throws Exception {
    var bytes = TEXT.getBytes(StandardCharsets.UTF_8);

    assertThat(WireText.decode(Optional.empty(), bytes)).isEqualTo(TEXT);
    assertThat(WireText.decode(Optional.of("application/json"), bytes)).isEqualTo(TEXT);
    assertThat(WireText.decode(Optional.of("application/json; charset=UTF-8"), bytes))
        .isEqualTo(TEXT);
    assertThat(WireText.decode(Optional.of("application/json"), bytes))
        .as("the combining accent stays decomposed")
        .contains("Cafe\u0301");
  }

  @Test
  void reads_the_charset_an_answer_names() throws Exception {
    var latin1 = "Zürich Société".getBytes(StandardCharsets.ISO_8859_1);

    assertThat(
            WireText.decode(
                Optional.of(
                    "application/vnd.oracle.resource+json; type=singular;"
                        + " charset=\"ISO-8859-1\""),
                latin1))
        .isEqualTo("Zürich Société");
  }

  @Test
  void bytes_that_are_not_text_in_the_named_charset_are_an_error_not_replacement_characters() {
    var latin1 = "{\"name\":\"Zürich\"}".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> WireText.decode(Optional.of("application/json"), latin1))
        .isInstanceOf(WireText.NotText.class)
        .hasMessage("its body is not UTF-8 text from byte 10 of 17");
  }
}
