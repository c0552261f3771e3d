package dev.syncline.core.port;

import java.time.Instant;

/** What a flow writes back onto a source record: its state in words, a message, and when. */
public record SyncStatus(String sourceId, State state, String message, Instant at) {

  /** The states a person reads in the status field. */
  public enum State {
    SYNCED("Synced"),
    PENDING("Waiting for the channel"),
    FAILED("Failed"),
    UNLINKED("Not synced");

    private final String text;

    State(String text) {
      this.text = text;
    }

    /** What the status field shows. */
    public String text() {
      return text;
    }
  }
}
