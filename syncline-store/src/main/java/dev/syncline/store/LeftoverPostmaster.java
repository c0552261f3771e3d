package dev.syncline.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL left running on the embedded data directory by a Syncline that was killed (kill -9,
 * the out-of-memory killer): the postmaster is not the Java process's child once started, so it
 * outlives it, and while it runs no new server can start on that data. Only looked for once this
 * process holds the lock beside the directory, so that no living Syncline is using the server.
 *
 * <p>Linux only, like the embedded binaries: it reads /proc to tell a postmaster on this directory
 * from an unrelated process that got the same pid after a reboot.
 */
final class LeftoverPostmaster {

  private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);

  /** Enough for the shutdown checkpoint of a desktop-sized database. */
  static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(20);

  static final Duration KILL_WAIT = Duration.ofSeconds(10);

  private static final Path PROC = Path.of("/proc");

  private LeftoverPostmaster() {}

  /**
   * Makes the data directory startable: stops a postmaster left running on it, and removes a pid
   * file whose pid now belongs to another program (PostgreSQL would refuse to start on it), once no
   * process works in the directory any more: old server processes would still use its data. A pid
   * file whose process is gone is left to PostgreSQL, which checks that no old server process still
   * uses the shared memory the file names before it starts.
   *
   * @throws StoreException naming the process and the command that stops it, when it cannot be
   *     stopped or looked at
   */
  static void clear(Path dir) {
    var pidFile = dir.resolve("postmaster.pid");
    if (!Files.exists(pidFile) || !Files.isDirectory(PROC)) {
      return;
    }
    var pid = pid(pidFile);
    if (pid.isEmpty() || !Files.exists(PROC.resolve(Long.toString(pid.getAsLong())))) {
      return;
    }
    var p = pid.getAsLong();
    if (isPostmasterOn(p, dir)) {
      stop(p, dir);
      return;
    }
    var others = processesIn(dir);
    if (!others.isEmpty()) {
      throw new StoreException(
          "The embedded database in "
              + dir
              + " is still used by processes "
              + others.stream().map(String::valueOf).collect(Collectors.joining(", "))
              + " (PostgreSQL processes of a server that did not stop). Stop them with `kill "
              + others.stream().map(String::valueOf).collect(Collectors.joining(" "))
              + "`, then start Syncline again.");
    }
    log.info("Removing {}: its process {} is not a PostgreSQL on this data any more", pidFile, p);
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      throw new StoreException(
          "Could not remove the stale "
              + pidFile
              + " ("
              + e.getMessage()
              + "). Remove it yourself, then start Syncline again.",
          e);
    }
  }

  /** The postmaster's pid: the first line of the file. */
  private static OptionalLong pid(Path pidFile) {
    try {
      var lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
      return lines.isEmpty()
          ? OptionalLong.empty()
          : OptionalLong.of(Long.parseLong(lines.getFirst().strip()));
    } catch (IOException | NumberFormatException e) {
      // Gone meanwhile, or damaged: PostgreSQL reads it too, and refuses a damaged one itself.
      return OptionalLong.empty();
    }
  }

  private static boolean isPostmasterOn(long pid, Path dir) {
    if (!running(pid)) {
      return false;
    }
    var cwd = cwd(pid, dir);
    if (cwd.isEmpty() || !cwd.get().equals(realPath(dir))) {
      return false;
    }
    var command = command(pid);
    return command.isPresent() && command.get().equals("postgres");
  }

  /** SIGTERM, as {@code pg_ctl stop -m smart} sends: the dead Syncline's sessions are gone. */
  private static void stop(long pid, Path dir) {
    var handle = ProcessHandle.of(pid);
    if (handle.isEmpty()) {
      return;
    }
    log.warn(
        "A PostgreSQL (process {}) is still running on {}, left by a Syncline that did not stop"
            + " cleanly; stopping it before starting again",
        pid,
        dir);
    var children = handle.get().children().map(ProcessHandle::pid).toList();
    if (!handle.get().destroy()) {
      throw cannotStop(pid, dir, "Syncline may not signal it");
    }
    if (awaitExit(List.of(pid), SHUTDOWN_WAIT)) {
      log.info("The PostgreSQL left running on {} stopped", dir);
      return;
    }
    log.warn(
        "The PostgreSQL left running on {} did not stop within {} s; killing process {} and its"
            + " children {}",
        dir,
        SHUTDOWN_WAIT.toSeconds(),
        pid,
        children);
    var all = new ArrayList<Long>(children);
    all.addFirst(pid);
    all.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
    if (!awaitExit(all, KILL_WAIT)) {
      throw cannotStop(
          pid,
          dir,
          "it did not stop on SIGTERM within "
              + SHUTDOWN_WAIT.toSeconds()
              + " s, nor on SIGKILL within "
              + KILL_WAIT.toSeconds()
              + " s");
    }
    // PostgreSQL recovers from its write-ahead log at the next start, as after a power cut.
    log.warn("The PostgreSQL left running on {} was killed; the next start recovers it", dir);
  }

  private static StoreException cannotStop(long pid, Path dir, String why) {
    return new StoreException(
        "The embedded database in "
            + dir
            + " is held by process "
            + pid
            + " (postgres), left running by a Syncline that did not stop cleanly, and "
            + why
            + ". Stop it with `kill "
            + pid
            + "` (or `kill -9 "
            + pid
            + "` if it stays), then start Syncline again.");
  }

  private static boolean awaitExit(List<Long> pids, Duration wait) {
    var deadline = System.nanoTime() + wait.toNanos();
    while (pids.stream().anyMatch(LeftoverPostmaster::running)) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("Interrupted while waiting for process " + pids + " to stop", e);
      }
    }
    return true;
  }

  /**
   * Whether the process exists and has not exited: a zombie, which its parent has not reaped yet,
   * is as good as gone.
   */
  static boolean running(long pid) {
    try {
      var stat = Files.readString(PROC.resolve(pid + "/stat"), StandardCharsets.UTF_8);
      // "pid (command) state ...": the command may itself hold spaces and parentheses.
      var state = stat.substring(stat.lastIndexOf(')') + 1).strip();
      return !state.isEmpty() && state.charAt(0) != 'Z' && state.charAt(0) != 'X';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** A PostgreSQL process works in its data directory. */
  private static Optional<Path> cwd(long pid, Path dir) {
    try {
      return Optional.of(PROC.resolve(pid + "/cwd").toRealPath());
    } catch (AccessDeniedException e) {
      throw new StoreException(
          "The embedded database in "
              + dir
              + " is claimed by process "
              + pid
              + " (in its postmaster.pid), which Syncline may not look at: it belongs to another"
              + " user. If it is a PostgreSQL on this data, stop it with `kill "
              + pid
              + "`; if it is not, delete "
              + dir.resolve("postmaster.pid")
              + ". Then start Syncline again.",
          e);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The file name of the program, from the first word of the command line. */
  private static Optional<String> command(long pid) {
    try {
      var cmdline = Files.readAllBytes(PROC.resolve(pid + "/cmdline"));
      var end = 0;
      while (end < cmdline.length && cmdline[end] != 0) {
        end++;
      }
      var program = new String(cmdline, 0, end, StandardCharsets.UTF_8);
      return Optional.of(program.substring(program.lastIndexOf('/') + 1));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The running processes working in the directory: what is left of a server there. */
  private static List<Long> processesIn(Path dir) {
    var real = realPath(dir);
    try (var entries = Files.list(PROC)) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(name -> name.chars().allMatch(Character::isDigit))
          .map(Long::parseLong)
          .filter(LeftoverPostmaster::running)
          .filter(pid -> {
            try {
              return PROC.resolve(pid + "/cwd").toRealPath().equals(real);
            } catch (IOException e) {
              return false;
            }
          })
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static Path realPath(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      return dir;
    }
  }
}
