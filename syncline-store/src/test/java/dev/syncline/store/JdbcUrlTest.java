package dev.syncline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcUrlTest {

  @Test
  void keeps_a_jdbc_url_as_it_is() {
    var url = JdbcUrl.parse("jdbc:postgresql://db.example.com:5432/syncline?ssl=true");

    assertThat(url.url()).isEqualTo("jdbc:postgresql://db.example.com:5432/syncline?ssl=true");
    assertThat(url.user()).isEmpty();
    assertThat(url.password()).isEmpty();
  }

  @Test
  void turns_a_libpq_url_into_jdbc_and_takes_the_credentials_out() {
    var url =
        JdbcUrl.parse(
            "postgresql://sync%40ops:p%3Ass@db.example.com:6543/syncline?sslmode=require");

    assertThat(url.url())
        .isEqualTo("jdbc:postgresql://db.example.com:6543/syncline?sslmode=require");
    assertThat(url.user()).contains("sync@ops");
    assertThat(url.password().orElseThrow().reveal()).isEqualTo("p:ss");
    assertThat(url.toString()).doesNotContain("p:ss");
  }

  @Test
  void masks_a_password_given_as_a_parameter() {
    var url = JdbcUrl.parse("jdbc:postgresql://h/db?user=u&password=topsecret&ssl=true");

    assertThat(url.redacted()).isEqualTo("jdbc:postgresql://h/db?user=u&password=******&ssl=true");
  }

  @Test
  void refuses_another_database_with_a_hint() {
    assertThatThrownBy(() -> JdbcUrl.parse("mysql://h/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must start with jdbc:postgresql:// or postgresql://");
  }
}
