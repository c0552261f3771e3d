package dev.syncline.app.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {

  private final Passwords passwords = new Passwords();

  @Test
  void a_hash_verifies_its_password_only_and_two_hashes_of_one_password_differ() {
    var hash = passwords.hash("correct horse battery");

    assertThat(hash).startsWith("pbkdf2-sha256$600000$").doesNotContain("correct horse");
    assertThat(passwords.verify("correct horse battery", hash)).isTrue();
    assertThat(passwords.verify("correct horse batterY", hash)).isFalse();
    assertThat(passwords.hash("correct horse battery")).as("salted").isNotEqualTo(hash);
  }

  @Test
  void a_hash_of_another_form_never_verifies() {
    assertThat(passwords.verify("x", "plain-text")).isFalse();
    assertThat(passwords.verify("x", "md5$1$aa$bb")).isFalse();
  }

  @Test
  void short_passwords_are_refused_and_generated_ones_are_long_enough() {
    assertThat(Passwords.weakness("short")).hasValueSatisfying(w -> assertThat(w).contains("12"));
    assertThat(Passwords.weakness(Passwords.generate())).isEmpty();
  }
}
