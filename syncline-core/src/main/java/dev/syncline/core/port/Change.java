package dev.syncline.core.port;

import java.time.Instant;

/** One record a source says changed, and when. */
public record Change(String id, Instant modifiedAt) {

  public Watermark watermark() {
    return new Watermark(modifiedAt, id);
  }
}
