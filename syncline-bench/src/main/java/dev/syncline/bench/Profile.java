package dev.syncline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of this process while a scenario runs, with JDK's own "profile" settings, read
 * back as the frames the CPU was found in most often: the top frame of each execution sample, and
 * for each the first frame of Syncline's own code under it (what called into the library or the
 * JDK).
 */
final class Profile implements AutoCloseable {

  /** A frame, the share of samples it topped, and the Syncline frame that led to it. */
  record Frame(String method, double share, String via) {
    String describe() {
      return String.format(Locale.ROOT, "%s %.1f %%", method, share * 100)
          + (via.isEmpty() || via.equals(method) ? "" : " (from " + via + ")");
    }
  }

  private final Recording recording;
  private final Path file;
  private boolean stopped;

  private Profile(Recording recording, Path file) {
    this.recording = recording;
    this.file = file;
  }

  static Profile start() {
    try {
      var recording = new Recording(Configuration.getConfiguration("profile"));
      var file = Files.createTempFile("syncline-bench-", ".jfr");
      recording.setToDisk(true);
      recording.setDestination(file);
      recording.start();
      return new Profile(recording, file);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start a JFR recording: " + e.getMessage(), e);
    } catch (ParseException e) {
      throw new IllegalStateException("JDK's JFR profile settings do not parse", e);
    }
  }

  /** Stops recording and gives the {@code n} frames most samples were found in. */
  List<Frame> top(int n) {
    stop();
    var counts = new HashMap<String, Integer>();
    var via = new HashMap<String, Map<String, Integer>>();
    var total = 0;
    try (var events = new RecordingFile(file)) {
      while (events.hasMoreEvents()) {
        var event = events.readEvent();
        if (!event.getEventType().getName().equals("jdk.ExecutionSample")
            || event.getStackTrace() == null
            || event.getStackTrace().getFrames().isEmpty()) {
          continue;
        }
        var frames = event.getStackTrace().getFrames();
        var top = name(frames.getFirst());
        total++;
        counts.merge(top, 1, Integer::sum);
        var ours =
            frames.stream()
                .filter(f -> f.getMethod().getType().getName().startsWith("dev.syncline."))
                .map(Profile::name)
                .findFirst()
                .orElse("");
        via.computeIfAbsent(top, t -> new HashMap<>()).merge(ours, 1, Integer::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the JFR recording: " + e.getMessage(), e);
    }
    var samples = total;
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(n)
        .map(e ->
            new Frame(
                e.getKey(),
                e.getValue() / (double) samples,
                via.get(e.getKey()).entrySet().stream()
                    .max(Comparator.comparing(Map.Entry::getValue))
                    .map(Map.Entry::getKey)
                    .orElse("")))
        .toList();
  }

  private static String name(RecordedFrame frame) {
    var method = frame.getMethod();
    var type = method.getType().getName();
    return type.substring(type.lastIndexOf('.') + 1) + "." + method.getName();
  }

  private void stop() {
    if (!stopped) {
      stopped = true;
      recording.stop();
    }
  }

  @Override
  public void close() {
    stop();
    recording.close();
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A temporary file; the system cleans its folder.
    }
  }
}
