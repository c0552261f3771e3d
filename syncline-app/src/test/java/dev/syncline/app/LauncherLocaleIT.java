package dev.syncline.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher on a machine whose locale is C (a container, a cron job, ssh without LANG): words
 * that are not ASCII reach Syncline from the command line and come back out on the terminal as they
 * were typed, in UTF-8.
 */
class LauncherLocaleIT {

  @TempDir Path workDir;

  @Test
  void a_c_locale_neither_garbles_arguments_nor_output() throws Exception {
    var root = Path.of(System.getProperty("syncline.jar")).toAbsolutePath().getParent().getParent();
    var launcher = root.getParent().resolve("syncline");
    var config = workDir.resolve("Zürich-東京-🧵-e\u0301.yaml");
    var java = Path.of(ProcessHandle.current().info().command().orElseThrow());
    // The name goes through a file: this JVM may itself run on a C locale, and would then turn it
    // into question marks on its way to exec, before the launcher saw it.
    var argument = workDir.resolve("argument");
    Files.writeString(argument, config.toString(), StandardCharsets.UTF_8);
    var builder =
        new ProcessBuilder(
                "bash",
                "-c",
                "exec \"$0\" -c \"$(cat argument)\" config check",
                launcher.toString())
            .directory(workDir.toFile())
            .redirectErrorStream(true);
    builder.environment().remove("LANG");
    builder.environment().remove("LC_CTYPE");
    builder.environment().put("LC_ALL", "C");
    builder.environment().put("JAVA_HOME", java.getParent().getParent().toString());

    var process = builder.start();
    var printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(printed).contains(config + " does not exist");
    assertThat(process.exitValue()).isNotZero();
  }
}
