package dev.syncline.core.port;

import java.time.Instant;

/**
 * Why a flow cannot move records now, as the engine last found it: its source cannot be read or its
 * target cannot be written, because the system refused Syncline's credentials or could not be
 * reached. Kept in the store, so every node and every page sees the same. A flow without one is
 * healthy.
 *
 * @param instance the system instance that failed ({@code netsuite}, {@code joor_us})
 * @param reason what the system answered, as a sentence
 * @param fix what a person does about it
 * @param since when the flow became unhealthy
 * @param failures how many scans and probes in a row failed this way; the engine waits longer after
 *     each
 * @param lastFailureAt when the last of them failed
 */
public record FlowHealth(
    Problem problem,
    String instance,
    String reason,
    String fix,
    Instant since,
    int failures,
    Instant lastFailureAt) {

  /** Which side of the flow is out of reach. */
  public enum Problem {
    SOURCE_UNREADABLE("source unreadable"),
    TARGET_UNWRITABLE("target unwritable");

    private final String words;

    Problem(String words) {
      this.words = words;
    }

    /** The state as the CLI and the metrics name it: {@code source_unreadable}. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The state in words, for pages and mails: {@code source unreadable}. */
    public String words() {
      return words;
    }
  }

  /** One line for people: {@code source unreadable: netsuite refused ... Fix: ...}. */
  public String summary() {
    return problem.words() + " (" + instance + "): " + reason + " " + fix;
  }
}
