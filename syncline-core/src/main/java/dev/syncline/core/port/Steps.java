package dev.syncline.core.port;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The steps of one multi-step write (create the invoice, then apply the payment) that are done, by
 * name, with the id each made on the target. An exporter skips a done step and reports each step as
 * soon as it is done: the report is committed at once, so that a retry after a lost answer or a
 * crash resumes at the first step not done.
 */
public final class Steps {

  /** Where a done step is kept: durably, before {@link #done} returns. */
  @FunctionalInterface
  public interface Log {
    void stepDone(String step, String madeId);
  }

  private static final Log NOWHERE = (step, madeId) -> {};

  private final Map<String, String> done;
  private final Log log;

  public Steps(Map<String, String> done, Log log) {
    this.done = Collections.synchronizedMap(new LinkedHashMap<>(done));
    this.log = log;
  }

  /** No step done, and none kept: for writes of one step and for dry runs. */
  public static Steps none() {
    return new Steps(Map.of(), NOWHERE);
  }

  public boolean isDone(String step) {
    return done.containsKey(step);
  }

  /** The id the step made on the target, when it is done. */
  public Optional<String> madeId(String step) {
    return Optional.ofNullable(done.get(step));
  }

  /** Keeps the step as done, with the id it made; once it returns, no retry repeats the step. */
  public void done(String step, String madeId) {
    log.stepDone(step, madeId);
    done.put(step, madeId);
  }

  /** The done steps so far, in the order they were done. */
  public Map<String, String> all() {
    synchronized (done) {
      return Map.copyOf(done);
    }
  }
}
