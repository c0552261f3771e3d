package dev.syncline.netsuite.client;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.RetryableSyncException;
import dev.syncline.core.SyncException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One NetSuite request per item, all at once on virtual threads: NetSuite's REST API writes one
 * record a request (netsuite-api.md §3), and the account's concurrency limiter, which every call of
 * the client takes a slot of, bounds how many reach NetSuite at a time.
 */
public final class Concurrently {

  private Concurrently() {}

  /**
   * The result of {@code call} for each item, in the items' order; an item whose call failed gets
   * {@code failed}'s result, with the call's own {@link SyncException} or one that names what
   * failed.
   *
   * @param what what a call does, for the message of an unexpected failure: {@code "Writing the
   *     customer"}
   */
  public static <I, R> List<R> each(
      List<I> items, Function<I, R> call, BiFunction<I, SyncException, R> failed, String what) {
    var futures = new ArrayList<Future<R>>();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (var item : items) {
        futures.add(executor.submit(() -> call.apply(item)));
      }
    }
    var results = new ArrayList<R>();
    for (var i = 0; i < items.size(); i++) {
      try {
        results.add(futures.get(i).get());
      } catch (ExecutionException e) {
        results.add(
            failed.apply(
                items.get(i),
                e.getCause() instanceof SyncException s
                    ? s
                    : new PermanentSyncException(
                        "netsuite",
                        what + " failed: " + e.getCause(),
                        Optional.empty(),
                        e.getCause())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RetryableSyncException("netsuite", "Interrupted: " + what, e);
      }
    }
    return results;
  }
}
