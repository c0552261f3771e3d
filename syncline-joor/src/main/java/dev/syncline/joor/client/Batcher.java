package dev.syncline.joor.client;

import dev.syncline.core.RetryableSyncException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Groups single writes from many callers into bulk calls: a call goes out when it is full, when no
 * write joined it for {@code linger}, or when its first write has waited {@code longestLinger}; one
 * call is under way at a time, so writes that arrive meanwhile fill the next. Writes that keep
 * coming (the workers of an initial load coming back with their next batches) share one call rather
 * than split at a fixed time after the first. Two writes of the same record never share a call; the
 * later one waits for the next, so that each caller gets its own result, in order.
 */
final class Batcher<I, O> implements AutoCloseable {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Batcher.class);

  /** One caller's write and the result it waits for. */
  record Entry<I, O>(I item, CompletableFuture<O> result) {}

  private final int maxSize;
  private final Duration linger;
  private final Duration longestLinger;
  private final Function<I, String> key;
  private final Consumer<List<Entry<I, O>>> send;
  private final LinkedBlockingQueue<Entry<I, O>> queue = new LinkedBlockingQueue<>();
  private final Thread sender;
  private volatile boolean closed;

  /**
   * @param send writes one batch and completes each entry's result; entries it leaves incomplete
   *     fail
   */
  Batcher(
      String name,
      int maxSize,
      Duration linger,
      Duration longestLinger,
      Function<I, String> key,
      Consumer<List<Entry<I, O>>> send) {
    this.maxSize = maxSize;
    this.linger = linger;
    this.longestLinger = longestLinger;
    this.key = key;
    this.send = send;
    this.sender = Thread.ofVirtual().name(name).start(this::run);
  }

  /** Waits until the batch holding {@code item} has been written; answers its own result. */
  O submit(I item) {
    if (closed) {
      throw new RetryableSyncException(
          "joor", "The JOOR client is closed; the write will be tried again later");
    }
    var entry = new Entry<I, O>(item, new CompletableFuture<>());
    queue.add(entry);
    try {
      return entry.result().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableSyncException(
          "joor", "Interrupted while waiting for a JOOR bulk write", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private void run() {
    var carried = new ArrayDeque<Entry<I, O>>();
    while (!closed) {
      try {
        var batch = new ArrayList<Entry<I, O>>();
        var keys = new HashSet<String>();
        var later = new ArrayDeque<Entry<I, O>>();
        for (var entry : carried) {
          (batch.size() < maxSize && keys.add(key.apply(entry.item())) ? batch : later).add(entry);
        }
        if (batch.isEmpty()) {
          var first = queue.take();
          batch.add(first);
          keys.add(key.apply(first.item()));
        }
        // A real wait, not a reading of the time: the linger lets other callers join the call.
        var latest = System.nanoTime() + longestLinger.toNanos();
        var deadline = Math.min(System.nanoTime() + linger.toNanos(), latest);
        while (batch.size() < maxSize) {
          var next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
          if (next == null) {
            break;
          }
          (keys.add(key.apply(next.item())) ? batch : later).add(next);
          deadline = Math.min(System.nanoTime() + linger.toNanos(), latest);
        }
        carried = later;
        write(batch);
      } catch (InterruptedException e) {
        break;
      }
    }
    var abandoned = new ArrayList<>(carried);
    queue.drainTo(abandoned);
    abandoned.forEach(e ->
        e.result()
            .completeExceptionally(
                new RetryableSyncException(
                    "joor",
                    "The JOOR client closed before this write was sent; it will be tried again later")));
  }

  private void write(List<Entry<I, O>> batch) {
    try {
      send.accept(batch);
    } catch (RuntimeException e) {
      batch.forEach(entry -> entry.result().completeExceptionally(e));
    }
    batch.forEach(entry ->
        entry
            .result()
            .completeExceptionally(
                new IllegalStateException(
                    "The bulk write finished without a result for " + key.apply(entry.item()))));
  }

  @Override
  public void close() {
    closed = true;
    sender.interrupt();
    try {
      // A sender stuck in a call that ignores interrupts must not hold the shutdown: its callers
      // time out, and their records are written again.
      if (!sender.join(Duration.ofSeconds(30))) {
        LOG.warn("{} did not stop within 30 s; leaving it", sender.getName());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
