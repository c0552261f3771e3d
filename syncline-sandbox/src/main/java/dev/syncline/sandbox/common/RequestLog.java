package dev.syncline.sandbox.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The requests a simulator served, oldest first, up to a capacity after which the oldest are
 * dropped. Tests read it to assert what went over the wire; benchmarks read it to compute the least
 * time the limits allow.
 */
public final class RequestLog {

  public static final int DEFAULT_CAPACITY = 1_000_000;

  private final int capacity;
  private final ArrayList<LoggedRequest> entries = new ArrayList<>();
  private final AtomicLong sequence = new AtomicLong();
  private long dropped;

  public RequestLog(int capacity) {
    this.capacity = capacity;
  }

  public RequestLog() {
    this(DEFAULT_CAPACITY);
  }

  synchronized void add(
      java.time.Instant started,
      java.time.Instant finished,
      String method,
      String path,
      String query,
      int status,
      String account,
      int cost,
      Map<String, String> details) {
    if (entries.size() >= capacity) {
      entries.subList(0, Math.max(1, capacity / 10)).clear();
      dropped += Math.max(1, capacity / 10);
    }
    entries.add(
        new LoggedRequest(
            sequence.incrementAndGet(),
            started,
            finished,
            method,
            path,
            query,
            status,
            account,
            cost,
            Map.copyOf(details)));
  }

  /** Every request kept, oldest first. */
  public synchronized List<LoggedRequest> all() {
    return List.copyOf(entries);
  }

  /** The requests with a sequence number above {@code after}, for polling readers. */
  public synchronized List<LoggedRequest> after(long after) {
    return entries.stream().filter(r -> r.sequence() > after).toList();
  }

  public synchronized List<LoggedRequest> matching(Predicate<LoggedRequest> filter) {
    return entries.stream().filter(filter).toList();
  }

  public synchronized int count(Predicate<LoggedRequest> filter) {
    return (int) entries.stream().filter(filter).count();
  }

  /** How many entries were dropped to stay within capacity. */
  public synchronized long dropped() {
    return dropped;
  }

  public synchronized void clear() {
    entries.clear();
    dropped = 0;
  }
}
