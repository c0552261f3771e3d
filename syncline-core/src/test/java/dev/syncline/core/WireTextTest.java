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

  @Test
  void percent_encodes_as_rfc_3986_wants_not_as_forms_do() {
    assertThat(WireText.percentEncode("a b+c!'()*~")).isEqualTo("a%20b%2Bc%21%27%28%29%2A~");
    // UTF-8 bytes, upper-case hex: "é" is C3 A9, the emoji four bytes.
    assertThat(WireText.percentEncode("Café 🍷/")).isEqualTo("Caf%C3%A9%20%F0%9F%8D%B7%2F");
  }

  @Test
  void a_form_joins_encoded_pairs_in_their_order() {
    var values = new java.util.LinkedHashMap<String, String>();
    values.put("grant_type", "refresh_token");
    values.put("refresh token", "a=b&c");
    assertThat(WireText.form(values))
        .isEqualTo("grant_type=refresh_token&refresh%20token=a%3Db%26c");
  }
}
