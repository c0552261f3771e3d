package dev.syncline.store;

import static dev.syncline.store.Sql.ts;

import dev.syncline.core.limit.Limiter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * One node's share of a concurrency limit kept in PostgreSQL ({@code limiter_slot}): the node
 * leases slots from the database in blocks, as many as its callers wait for, and hands them out to
 * its calls in-process, so that the database sees a statement per block of calls, not two per call.
 *
 * <p>The limit holds across nodes: a call runs only on a slot its node holds in the database. A
 * slot takes new calls for {@link #USABLE} after it was leased, and its lease in the database runs
 * for that, the longest a call may hold it and five seconds more, so every call begun on it ends
 * within the lease, and a slot of a node that died comes back when the lease ends. A slot no call
 * of the node wants for {@link #IDLE}, or past {@link #USABLE}, goes back to the database for any
 * node to take. After giving back slots past their time while another node's calls wait for one (a
 * node that found none free says so in {@code limiter_waiter}), the node waits {@link #YIELD}
 * before it leases again, so that the other node gets its turn.
 */
final class LeasedSlots implements Limiter {

  /** How long a leased slot takes new calls; its lease in the database covers them all. */
  static final Duration USABLE = Duration.ofSeconds(10);

  /** How long a slot no call wants stays with the node. */
  static final Duration IDLE = Duration.ofSeconds(2);

  /** How long the node leaves slots it gave back to other nodes' callers. */
  static final Duration YIELD = Duration.ofMillis(300);

  /**
   * After this long, a lease still under way no longer keeps the node's other callers from leasing:
   * a database that stopped answering one statement does not stop every call.
   */
  static final Duration LONGEST_LEASE = Duration.ofSeconds(5);

  /** The longest a node waits between two leases that found no free slot. */
  static final Duration MOST_BETWEEN_LEASES = Duration.ofMillis(100);

  /** A slot this node holds, under the holder id it was leased with. */
  private record Slot(int number, String holder, Instant usableUntil, Instant leaseUntil) {}

  /** A slot no call of this node runs on, since when. */
  private record Idle(Slot slot, Instant since) {}

  private final Jdbi jdbi;
  private final InstantSource clock;
  private final ScheduledExecutorService sweeper;
  private final AtomicLong statements;
  private final String name;
  private final int limit;
  private final Duration lease;

  /** This node's name for the limiter's waiters, one per process and limiter. */
  private final String node = UUID.randomUUID().toString();

  private final ArrayDeque<Idle> idle = new ArrayDeque<>();
  private int waiting;

  /** Since when one caller leases for all, if one does. */
  private Instant leasingSince = null;

  private Instant yieldUntil = Instant.MIN;
  private Instant nextLease = Instant.MIN;
  private Duration betweenLeases = Duration.ofMillis(2);
  private final List<Slot> inUse = new ArrayList<>();
  private Instant sweepDue;

  LeasedSlots(
      Jdbi jdbi,
      InstantSource clock,
      ScheduledExecutorService sweeper,
      AtomicLong statements,
      String name,
      int limit,
      Duration longestHold) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.sweeper = sweeper;
    this.statements = statements;
    this.name = name;
    this.limit = limit;
    // Every call begun on a slot within USABLE ends within the lease.
    this.lease = longestHold.plus(USABLE).plusSeconds(5);
  }

  @Override
  public Permit acquire(int units) throws InterruptedException {
    return tryAcquire(units, Duration.ofDays(365)).orElseThrow();
  }

  @Override
  public Optional<Permit> tryAcquire(int units, Duration timeout) throws InterruptedException {
    if (units != 1) {
      throw new IllegalArgumentException("A concurrency slot holds one call, not " + units);
    }
    var deadline = clock.instant().plus(timeout);
    var pause = 2L;
    var wantsOne = false;
    synchronized (this) {
      waiting++;
    }
    try {
      while (true) {
        var now = clock.instant();
        int wanted;
        var past = new ArrayList<Slot>();
        synchronized (this) {
          var slot = takeIdle(now, past);
          if (slot.isPresent()) {
            inUse.add(slot.get());
            return Optional.of(permit(slot.get()));
          }
        }
        if (!past.isEmpty()) {
          givenBackPast(past, now);
        }
        synchronized (this) {
          // One caller at a time leases, for all that wait, and not while the node holds every
          // slot, nor soon after a lease found none free (a slot given back here wakes the wait).
          // A call still on a slot past its lease (hung, or its permit never closed) holds it no
          // more: the database may have given it to another node.
          var held =
              idle.size() + (int) inUse.stream().filter(i -> now.isBefore(i.leaseUntil())).count();
          wanted =
              (leasingSince != null && now.isBefore(leasingSince.plus(LONGEST_LEASE)))
                      || held >= limit
                      || now.isBefore(yieldUntil)
                      || now.isBefore(nextLease)
                  ? 0
                  : Math.min(limit - held, Math.max(1, waiting));
          if (wanted > 0) {
            leasingSince = now;
          }
        }
        if (wanted > 0) {
          List<Slot> leased;
          try {
            leased = lease(wanted, now);
          } finally {
            synchronized (this) {
              leasingSince = null;
            }
          }
          synchronized (this) {
            if (leased.isEmpty()) {
              nextLease = clock.instant().plus(betweenLeases);
              betweenLeases = min(betweenLeases.multipliedBy(2), MOST_BETWEEN_LEASES);
              wantsOne = true;
            } else {
              betweenLeases = Duration.ofMillis(2);
              for (var other : leased.subList(1, leased.size())) {
                idle.addLast(new Idle(other, now));
              }
              inUse.add(leased.getFirst());
              notifyAll();
              sweepAt(now.plus(IDLE));
              return Optional.of(permit(leased.getFirst()));
            }
          }
        }
        if (wantsOne) {
          waits(now);
          wantsOne = false;
        }
        if (!clock.instant().isBefore(deadline)) {
          return Optional.empty();
        }
        synchronized (this) {
          // A call of this node giving its slot back wakes the wait.
          wait(pause);
        }
        pause = Math.min(pause * 2, 50);
      }
    } finally {
      synchronized (this) {
        waiting--;
      }
    }
  }

  /** An idle slot still taking calls, if there is one; past ones go into {@code past}. */
  private Optional<Slot> takeIdle(Instant now, List<Slot> past) {
    while (!idle.isEmpty()) {
      var next = idle.pollLast();
      if (now.isBefore(next.slot().usableUntil())) {
        return Optional.of(next.slot());
      }
      past.add(next.slot());
    }
    return Optional.empty();
  }

  private Permit permit(Slot slot) {
    return () -> {
      var now = clock.instant();
      synchronized (this) {
        inUse.remove(slot);
        if (now.isBefore(slot.usableUntil())) {
          idle.addLast(new Idle(slot, now));
          notifyAll();
          sweepAt(now.plus(IDLE));
          return;
        }
      }
      givenBackPast(List.of(slot), now);
    };
  }

  /** Leases up to {@code wanted} free slots in one statement. */
  private List<Slot> lease(int wanted, Instant now) {
    var holder = UUID.randomUUID().toString();
    var usableUntil = now.plus(USABLE);
    statements.incrementAndGet();
    return jdbi.inTransaction(h ->
        h.createQuery(
                """
                UPDATE limiter_slot SET holder = :holder, lease_until = :until
                WHERE (limiter, slot) IN (
                    SELECT limiter, slot FROM limiter_slot
                    WHERE limiter = :name AND (holder IS NULL OR lease_until < :now)
                    ORDER BY slot LIMIT :wanted FOR UPDATE SKIP LOCKED)
                RETURNING slot
                """)
            .bind("holder", holder)
            .bind("name", name)
            .bind("now", ts(now))
            .bind("until", ts(now.plus(lease)))
            .bind("wanted", wanted)
            .mapTo(Integer.class)
            .map(slot -> new Slot(slot, holder, usableUntil, now.plus(lease)))
            .list());
  }

  /**
   * Gives back slots past their time, and when another node's calls wait for a slot, leaves the
   * free ones to it for {@link #YIELD} before leasing again.
   */
  private void givenBackPast(List<Slot> slots, Instant now) {
    boolean othersWait;
    try {
      othersWait = giveBack(slots);
    } catch (RuntimeException e) {
      // The database is away: their leases end by themselves.
      return;
    }
    if (othersWait) {
      synchronized (this) {
        yieldUntil = now.plus(YIELD);
      }
    }
  }

  /** Says, for other nodes to see, that calls of this node wait for a slot none could lease. */
  private void waits(Instant now) {
    statements.incrementAndGet();
    jdbi.useHandle(h ->
        h.createUpdate(
                """
                WITH gone AS (
                    DELETE FROM limiter_waiter
                    WHERE limiter = :name AND until < :until - interval '1 minute')
                INSERT INTO limiter_waiter (limiter, node, until) VALUES (:name, :node, :until)
                ON CONFLICT (limiter, node) DO UPDATE SET until = EXCLUDED.until
                """)
            .bind("name", name)
            .bind("node", node)
            .bind("until", ts(now.plus(Duration.ofSeconds(1))))
            .execute());
  }

  /**
   * Gives back the idle slots no call wanted for {@link #IDLE}, and those past {@link #USABLE}, in
   * one statement.
   */
  private void sweep() {
    var now = clock.instant();
    List<Slot> back;
    synchronized (this) {
      sweepDue = null;
      back = new ArrayList<>();
      var kept = new ArrayDeque<Idle>();
      Instant next = null;
      for (var slot : idle) {
        var due = min(slot.slot().usableUntil(), slot.since().plus(IDLE));
        if (!now.isBefore(due)) {
          back.add(slot.slot());
        } else {
          kept.add(slot);
          next = next == null ? due : min(next, due);
        }
      }
      idle.clear();
      idle.addAll(kept);
      if (next != null) {
        sweepAt(next);
      }
    }
    givenBackPast(back, now);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Gives back slots in one statement; true when another node's calls wait for one. */
  private boolean giveBack(List<Slot> slots) {
    if (slots.isEmpty()) {
      return false;
    }
    statements.incrementAndGet();
    return jdbi.withHandle(h ->
        h.createQuery(
                """
                WITH back AS (
                    UPDATE limiter_slot s SET holder = NULL, lease_until = NULL
                    FROM unnest(CAST(:slots AS int[]), CAST(:holders AS text[])) AS b(slot, holder)
                    WHERE s.limiter = :name AND s.slot = b.slot AND s.holder = b.holder
                    RETURNING 1)
                SELECT EXISTS (SELECT 1 FROM limiter_waiter
                               WHERE limiter = :name AND node <> :node AND until > :now)
                """)
            .bind("name", name)
            .bind("node", node)
            .bind("now", ts(clock.instant()))
            .bind("slots", slots.stream().map(Slot::number).toArray(Integer[]::new))
            .bind("holders", slots.stream().map(Slot::holder).toArray(String[]::new))
            .mapTo(Boolean.class)
            .one());
  }

  /** Sweeps at {@code at}, unless a sweep is due by then already. Called holding the lock. */
  private void sweepAt(Instant at) {
    if (sweepDue != null && !sweepDue.isAfter(at)) {
      return;
    }
    sweepDue = at;
    var delay = Math.max(0, Duration.between(clock.instant(), at).toMillis()) + 1;
    sweeper.schedule(this::sweep, delay, TimeUnit.MILLISECONDS);
  }
}
