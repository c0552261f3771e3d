package dev.syncline.app.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A Syncline node in a process of its own, run with {@code serve} on a configuration file, as an
 * operator runs one: for tests that kill nodes and for benchmarks that measure them. Its standard
 * output and error go to files beside the configuration.
 */
public final class NodeProcess implements AutoCloseable {

  private static final Pattern RUNNING = Pattern.compile("Syncline is running at (\\S+)");

  /**
   * How to start the JVM of a node, up to the arguments of {@code syncline} itself.
   *
   * @param command the java executable and its arguments, ending with {@code -jar JAR} or {@code
   *     -cp PATH MAIN}
   */
  public record Launcher(List<String> command) {

    public Launcher {
      command = List.copyOf(command);
    }

    /** The packaged jar, as a user runs it, on the JVM this process runs on. */
    public static Launcher jar(Path jar) {
      return new Launcher(List.of(java(), "-jar", jar.toString()));
    }

    /** The classes this process runs from, with Syncline's main class: a build without the jar. */
    public static Launcher sameClasspath() {
      return new Launcher(
          List.of(java(), "-cp", System.getProperty("java.class.path"), "dev.syncline.app.Main"));
    }

    /** The same, with JVM options (such as {@code -Xmx512m}) before the class path. */
    public Launcher withJvmOptions(List<String> options) {
      var withOptions = new ArrayList<String>();
      withOptions.add(command.getFirst());
      withOptions.addAll(options);
      withOptions.addAll(command.subList(1, command.size()));
      return new Launcher(withOptions);
    }

    private static String java() {
      return ProcessHandle.current().info().command().orElse("java");
    }
  }

  private final String name;
  private final Process process;
  private final Path out;
  private final Path err;
  private volatile Optional<URI> url = Optional.empty();

  private NodeProcess(String name, Process process, Path out, Path err) {
    this.name = name;
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /**
   * Writes {@code yaml} to {@code dir/NAME.yaml} and starts {@code serve} on it, with the
   * environment added to this process's own. Does not wait for the node to be up; see {@link
   * #awaitRunning}.
   */
  public static NodeProcess start(
      Launcher launcher, Path dir, String name, String yaml, Map<String, String> environment) {
    try {
      var config = dir.resolve(name + ".yaml");
      Files.writeString(config, yaml);
      var out = dir.resolve(name + ".out");
      var err = dir.resolve(name + ".err");
      var command = new ArrayList<>(launcher.command());
      command.addAll(List.of("serve", "--config", config.toString()));
      var builder =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      builder.environment().putAll(environment);
      return new NodeProcess(name, builder.start(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start node " + name + ": " + e.getMessage(), e);
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  /** The CPU time the node's process has used so far, if the operating system tells. */
  public Optional<Duration> cpuTime() {
    return process.toHandle().info().totalCpuDuration();
  }

  /** Where the node's HTTP server listens, once {@link #awaitRunning} saw it up. */
  public Optional<URI> url() {
    return url;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits until the node says it is running and answers where; fails with its log if it stopped.
   */
  public URI awaitRunning(Duration timeout) {
    var deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      var matcher = RUNNING.matcher(read(out));
      if (matcher.find()) {
        var running = URI.create(matcher.group(1));
        url = Optional.of(running);
        return running;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Node "
                + name
                + " stopped with exit code "
                + process.exitValue()
                + ":\n"
                + logTail(40));
      }
      pause();
    }
    throw new IllegalStateException(
        "Node " + name + " was not running after " + timeout + ":\n" + logTail(40));
  }

  /** The last lines the node wrote to standard error. */
  public String logTail(int lines) {
    var all = read(err).lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** Ends the node at once, with SIGKILL: no shutdown hook runs. */
  public void kill() {
    process.destroyForcibly();
    awaitExit();
  }

  /**
   * Stops the node as Ctrl-C does (SIGTERM), and waits for it; kills it if it takes over a minute.
   */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(1, TimeUnit.MINUTES)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    awaitExit();
  }

  private void awaitExit() {
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String read(Path file) {
    try {
      // Bytes, not text: the node may be half-way through writing a character.
      return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a node", e);
    }
  }
}
