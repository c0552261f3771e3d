package dev.syncline.store;

import static dev.syncline.store.Sql.ts;

import dev.syncline.core.limit.Limiter;
import dev.syncline.core.limit.LimiterFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;

/**
 * Limiters kept in PostgreSQL, so that every node sharing the database shares one budget per remote
 * account (DESIGN.md section 4: a remote limit is never exceeded in aggregate, whatever the number
 * of nodes).
 */
public final class StoreLimiters implements LimiterFactory {

  /** Gives back the slots nodes no longer use, for every concurrency limiter of the process. */
  private static final ScheduledExecutorService SWEEPER =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("syncline-limiter-sweeper").factory());

  private final Jdbi jdbi;
  private final InstantSource clock;
  private final AtomicLong concurrencyStatements = new AtomicLong();

  public StoreLimiters(Jdbi jdbi, InstantSource clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /**
   * At most {@code limit} calls at once across all nodes (NetSuite's concurrency per account). Each
   * node leases slots in blocks and hands them out in-process ({@link LeasedSlots}); a slot is
   * leased for the longest a call may hold it, and a little more: a slot whose holder died comes
   * back then.
   */
  @Override
  public Limiter concurrency(String name, int limit, Duration longestHold) {
    var lease = longestHold.plusSeconds(5);
    jdbi.useTransaction(h -> {
      h.createUpdate(
              """
              INSERT INTO limiter_slot (limiter, slot)
              SELECT :name, s FROM generate_series(0, :limit - 1) AS s
              ON CONFLICT DO NOTHING
              """)
          .bind("name", name)
          .bind("limit", limit)
          .execute();
      h.createUpdate("DELETE FROM limiter_slot WHERE limiter = :name AND slot >= :limit")
          .bind("name", name)
          .bind("limit", limit)
          .execute();
    });
    return new LeasedSlots(jdbi, clock, SWEEPER, concurrencyStatements, name, limit, longestHold);
  }

  /**
   * At most {@code budget} units within any span of {@code span}, across all nodes (JOOR's credits;
   * see {@code Limiters.slidingWindow} for why a sliding span). Spends are serialised per limiter
   * by a transaction-scoped advisory lock.
   */
  @Override
  public Limiter slidingWindow(String name, int budget, Duration span) {
    var reported = new AtomicReference<Instant>();
    return new Limiter() {
      @Override
      public Permit acquire(int units) throws InterruptedException {
        return tryAcquire(units, Duration.ofDays(365)).orElseThrow();
      }

      @Override
      public Optional<Permit> tryAcquire(int units, Duration timeout) throws InterruptedException {
        if (units < 1 || units > budget) {
          throw new IllegalArgumentException(
              "A permit of " + units + " units can never be granted by a budget of " + budget);
        }
        var deadline = clock.instant().plus(timeout);
        while (true) {
          var now = clock.instant();
          var since = ts(now.minus(span));
          Optional<Instant> oldest =
              jdbi.inTransaction(h -> {
                h.createQuery("SELECT pg_advisory_xact_lock(hashtext(:name))")
                    .bind("name", name)
                    .mapTo(String.class)
                    .one();
                h.createUpdate("DELETE FROM limiter_spend WHERE limiter = :name AND at <= :since")
                    .bind("name", name)
                    .bind("since", since)
                    .execute();
                var spent =
                    h.createQuery(
                            "SELECT COALESCE(sum(units), 0) FROM limiter_spend WHERE limiter = :name")
                        .bind("name", name)
                        .mapTo(Integer.class)
                        .one();
                if (spent + units <= budget) {
                  h.createUpdate(
                          "INSERT INTO limiter_spend (limiter, at, units) VALUES (:name, :now, :units)")
                      .bind("name", name)
                      .bind("now", ts(now))
                      .bind("units", units)
                      .execute();
                  return Optional.<Instant>empty();
                }
                return h.createQuery("SELECT min(at) FROM limiter_spend WHERE limiter = :name")
                    .bind("name", name)
                    .map((rs, ctx) -> Sql.requiredInstant(rs, "min"))
                    .findOne();
              });
          if (oldest.isEmpty()) {
            return Optional.of(() -> {});
          }
          if (!clock.instant().isBefore(deadline)) {
            return Optional.empty();
          }
          var freeAt = oldest.get().plus(span);
          if (!freeAt.equals(reported.getAndSet(freeAt))) {
            waitingUntil(name, freeAt);
          }
          var wait = Duration.between(clock.instant(), freeAt);
          // Re-reads at least every 250 ms, so that a test clock moved by hand is noticed.
          Thread.sleep(Math.clamp(wait.toMillis(), 1, 250));
        }
      }
    };
  }

  /**
   * The database statements the concurrency limiters of this process made (leases and give-backs),
   * for the metric {@code syncline_limiter_statements_total}: a few per block of calls, not per
   * call.
   */
  public long concurrencyStatements() {
    return concurrencyStatements.get();
  }

  /** Says that a caller of the limiter waits until {@code until}, for every node to see. */
  private void waitingUntil(String name, Instant until) {
    jdbi.useHandle(h ->
        h.createUpdate(
                """
                INSERT INTO limiter_wait (limiter, until) VALUES (:name, :until)
                ON CONFLICT (limiter) DO UPDATE SET until = EXCLUDED.until
                """)
            .bind("name", name)
            .bind("until", ts(until))
            .execute());
  }

  /**
   * The sliding-window limiters that a caller on any node waits on at {@code now}, by name, with
   * when their next credits come free.
   */
  public Map<String, Instant> waits(Instant now) {
    return jdbi.withHandle(h ->
        h
            .createQuery("SELECT limiter, until FROM limiter_wait WHERE until > :now")
            .bind("now", ts(now))
            .map((rs, ctx) -> Map.entry(rs.getString("limiter"), Sql.requiredInstant(rs, "until")))
            .list()
            .stream()
            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }
}
