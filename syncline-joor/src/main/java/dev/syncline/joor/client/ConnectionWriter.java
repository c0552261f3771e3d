package dev.syncline.joor.client;

import dev.syncline.core.RetryableSyncException;
import dev.syncline.core.RetryableSyncException.RemoteUnavailable;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and updates connections by customer code, many callers' writes to one bulk-connection
 * call (joor.md §1.6: JOOR asks integrations to use bulk endpoints; a bulk call costs five credits
 * whatever it carries). Each call starts a JOOR job; the writer polls it, one credit a look, and
 * hands every caller the result for its own record.
 *
 * <p>Writing by customer code makes a write safe to repeat: a retry after a lost answer, or after a
 * crash, updates what the first attempt created.
 */
public final class ConnectionWriter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionWriter.class);

  private final JoorConnections connections;
  private final JoorConfig.Bulk bulk;
  private final InstantSource clock;
  private final Batcher<ConnectionData, UpsertedConnection> batcher;
  // One call is under way at a time (the batcher's), but the field is read by whoever sends next.
  private volatile Duration expected;

  ConnectionWriter(JoorConnections connections, JoorConfig config, InstantSource clock) {
    this.connections = connections;
    this.bulk = config.bulk();
    this.expected = bulk.firstPoll();
    this.clock = clock;
    this.batcher =
        new Batcher<>(
            "joor-" + config.account() + "-connection-writer",
            bulk.maxRecords(),
            bulk.linger(),
            bulk.longestLinger(),
            ConnectionData::customerCode,
            this::write);
  }

  /**
   * Creates the connection or updates the one with its customer code, and waits for JOOR to have
   * done it. A new customer code comes back {@link ConnectionStatus#PENDING}.
   *
   * @throws JoorRecordRejected when JOOR refused this record (the others of its call are written)
   */
  public UpsertedConnection upsert(ConnectionData connection) {
    return batcher.submit(connection);
  }

  private void write(List<Batcher.Entry<ConnectionData, UpsertedConnection>> batch) {
    var jobId = connections.submit(batch.stream().map(Batcher.Entry::item).toList());
    var state = await(jobId);
    var results = new HashMap<String, ConnectionCodec.Result>();
    state.job().results().forEach(r -> results.put(r.customerCode(), r));
    for (var entry : batch) {
      var code = entry.item().customerCode();
      var result = Optional.ofNullable(results.get(code));
      if (result.isEmpty()) {
        entry
            .result()
            .completeExceptionally(
                new RetryableSyncException(
                    "joor",
                    "JOOR's bulk job "
                        + jobId
                        + " finished without a result for customer code "
                        + code
                        + "; it will be written again",
                    Optional.empty(),
                    state.wire().logId(),
                    null));
      } else if (result.get().written().isPresent()) {
        entry.result().complete(result.get().written().get());
      } else {
        entry
            .result()
            .completeExceptionally(
                new JoorRecordRejected(
                    "connection with customer code " + code + " in bulk job " + jobId,
                    result.get().comment(),
                    state.wire().logId()));
      }
    }
  }

  /**
   * Looks at the job when the last jobs took to complete (at first after firstPoll), then soon
   * after a near miss, then less and less often, until it is complete. Each look costs a credit, so
   * the first one aims at when the job will be done.
   */
  private JoorConnections.JobState await(String jobId) {
    var deadline = clock.instant().plus(bulk.jobTimeout());
    var wait = expected;
    var waited = Duration.ZERO;
    var missed = Optional.<Duration>empty();
    while (true) {
      pause(wait, jobId);
      waited = waited.plus(wait);
      var state = connections.job(jobId);
      if (state.job().complete()) {
        learn(missed, waited);
        return state;
      }
      if (!clock.instant().isBefore(deadline)) {
        throw new RemoteUnavailable(
            "joor",
            "JOOR's bulk job "
                + jobId
                + " is not complete after "
                + bulk.jobTimeout()
                + "; its records will be written again",
            Optional.empty(),
            null);
      }
      var next =
          missed.isEmpty()
              ? Duration.ofMillis(Math.max(wait.toMillis() / 2, 1))
              : Duration.ofMillis(wait.toMillis() * 3 / 2);
      wait = next.compareTo(bulk.longestPoll()) > 0 ? bulk.longestPoll() : next;
      missed = Optional.of(waited);
      LOG.debug("JOOR bulk job {} still running; looking again in {}", jobId, wait);
    }
  }

  /**
   * When to look first at the next job. Seen complete after a look that was too early, a job took
   * between the two looks: the next first look comes a tenth after their middle. Seen complete at
   * the first look, it may have been done well before, so the next first look comes a little
   * sooner, down to firstPoll; the miss that comes of it sets it right again.
   */
  private void learn(Optional<Duration> missed, Duration seen) {
    var estimate =
        missed
            .map(miss -> Duration.ofMillis((miss.toMillis() + seen.toMillis()) / 2 * 11 / 10))
            .orElseGet(() -> Duration.ofMillis(seen.toMillis() * 19 / 20));
    expected =
        estimate.compareTo(bulk.firstPoll()) < 0
            ? bulk.firstPoll()
            : estimate.compareTo(bulk.longestPoll()) > 0 ? bulk.longestPoll() : estimate;
  }

  private static void pause(Duration wait, String jobId) {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableSyncException(
          "joor", "Interrupted while waiting for JOOR's bulk job " + jobId, e);
    }
  }

  /** Stops taking writes; those not yet sent fail as retryable. */
  @Override
  public void close() {
    batcher.close();
  }
}
