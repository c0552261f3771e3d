package dev.syncline.zoey.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncline.core.PermanentSyncException.ConfigurationProblem;
import dev.syncline.core.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileZoeyTokenStoreTest {

  @TempDir Path directory;

  private final ZoeyTokens tokens =
      new ZoeyTokens(
          Secret.of("access-abc123"),
          Secret.of("refresh-def456"),
          Instant.parse("2026-03-02T10:00:00Z"));

  @Test
  void saved_tokens_come_back_from_a_file_and_directory_only_the_owner_can_open() throws Exception {
    var file = directory.resolve("state/zoey/tokens.json");
    var store = new FileZoeyTokenStore(file);

    store.save(tokens);

    assertThat(new FileZoeyTokenStore(file).load()).contains(tokens);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    try (var left = Files.list(file.getParent())) {
      assertThat(left).containsExactly(file);
    }
  }

  @Test
  void saving_again_replaces_the_tokens_and_keeps_the_file_private() throws Exception {
    var file = directory.resolve("tokens.json");
    var store = new FileZoeyTokenStore(file);
    store.save(tokens);
    var renewed =
        new ZoeyTokens(
            Secret.of("access-2"), Secret.of("refresh-2"), Instant.parse("2026-03-02T11:00:00Z"));

    store.save(renewed);

    assertThat(store.load()).contains(renewed);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void no_file_means_never_connected() {
    assertThat(new FileZoeyTokenStore(directory.resolve("absent.json")).load()).isEmpty();
  }

  @Test
  void refuses_a_file_others_can_read_and_says_the_tokens_are_exposed() throws Exception {
    var file = directory.resolve("tokens.json");
    new FileZoeyTokenStore(file).save(tokens);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> new FileZoeyTokenStore(file).load())
        .isInstanceOf(ConfigurationProblem.class)
        .hasMessageContaining("rw-r--r--")
        .hasMessageContaining("exposed")
        .hasMessageNotContaining("abc123");
  }

  @Test
  void a_damaged_file_is_a_configuration_problem_that_does_not_quote_it() throws Exception {
    var file = directory.resolve("tokens.json");
    Files.writeString(
        file, "{\"access_token\":\"access-abc123\", oops", java.nio.charset.StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    assertThatThrownBy(() -> new FileZoeyTokenStore(file).load())
        .isInstanceOf(ConfigurationProblem.class)
        .hasMessageContaining("Delete it and authorize Syncline in Zoey again")
        .hasMessageNotContaining("abc123")
        .hasNoCause();
  }

  @Test
  void tokens_print_masked() {
    assertThat(tokens.toString()).doesNotContain("abc123").doesNotContain("def456");
  }
}
