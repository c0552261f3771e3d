package dev.syncline.sandbox.common;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The time a simulator lives by: a base clock (the system's, or a test's) plus an offset that the
 * control API can move forward, so that a demo or a test can let tokens expire or a JOOR match
 * complete without waiting.
 */
public final class SandboxClock implements InstantSource {

  private final InstantSource base;
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  public SandboxClock(InstantSource base) {
    this.base = base;
  }

  public static SandboxClock system() {
    return new SandboxClock(InstantSource.system());
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }

  public void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("A sandbox clock only moves forward");
    }
    offset.updateAndGet(o -> o.plus(by));
  }
}
