package dev.syncline.app.access;

import dev.syncline.app.config.SynclineConfig;
import dev.syncline.store.AccessStore;
import dev.syncline.store.AccessStore.SignInCount;
import dev.syncline.store.AccessStore.SignInDecision;
import dev.syncline.store.AuditLog;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The limit on guessing passwords. Failed sign-ins are counted per name and per client address in
 * the database, so that every node sharing it refuses the same guesses. After {@code failures} with
 * one name (or {@code addressFailures} from one address) the next attempt waits {@code lockout},
 * and each further failure doubles the wait, up to {@code maxLockout}; a count is forgotten once
 * {@code window} passes without a failure after its wait. Names are counted whether or not a user
 * has them, so that the limit tells nothing of who exists.
 *
 * <p>An attempt is counted as failed before its password is checked, and taken back when it
 * succeeds: checking takes a while (the password KDF), and attempts sent at once must not all pass
 * while none has failed yet.
 */
final class SignInLimits {

  private final AccessStore store;
  private final AuditLog audit;
  private final SynclineConfig.SignIn settings;
  private final InstantSource clock;

  SignInLimits(
      AccessStore store, AuditLog audit, SynclineConfig.SignIn settings, InstantSource clock) {
    this.store = store;
    this.audit = audit;
    this.settings = settings;
    this.clock = clock;
  }

  /** What counting an attempt gave: it may go on, or it must wait. */
  sealed interface Attempt permits Counted, Waiting {}

  /**
   * An attempt counted under its keys: {@code failures} is each key's count with it, and {@code
   * addressBefore} the address's last failure before it, to restore should it succeed.
   */
  record Counted(
      String name,
      String address,
      Instant at,
      Map<String, Integer> failures,
      Optional<Instant> addressBefore)
      implements Attempt {}

  /** Too many failures with the name or from the address: no attempt until {@code until}. */
  record Waiting(Instant until) implements Attempt {}

  /** Counts an attempt to sign in as {@code name} from {@code address}, unless it must wait. */
  Attempt count(String name, String address) {
    var now = clock.instant();
    var nameKey = nameKey(name);
    var addressKey = addressKey(address);
    var forgetBefore = now.minus(settings.maxLockout()).minus(settings.window());
    return store.countSignIn(
        List.of(nameKey, addressKey),
        forgetBefore,
        counts -> {
          var until = Optional.<Instant>empty();
          var failures = new HashMap<String, Integer>();
          var keep = new ArrayList<SignInCount>();
          for (var key : List.of(nameKey, addressKey)) {
            var current = current(counts.get(key), limit(key), now);
            var waitUntil = current.flatMap(c -> waitUntil(c, limit(key)));
            if (waitUntil.filter(now::isBefore).isPresent()
                && until.map(u -> u.isBefore(waitUntil.get())).orElse(true)) {
              until = waitUntil;
            }
            var after = current.map(SignInCount::failures).orElse(0) + 1;
            failures.put(key, after);
            keep.add(new SignInCount(key, after, now));
          }
          if (until.isPresent()) {
            return new SignInDecision<Attempt>(new Waiting(until.get()), List.of());
          }
          var addressBefore =
              current(counts.get(addressKey), limit(addressKey), now)
                  .map(SignInCount::lastFailureAt);
          return new SignInDecision<Attempt>(
              new Counted(name, address, now, Map.copyOf(failures), addressBefore), keep);
        });
  }

  /** The attempt succeeded: the name's failures are forgotten, and the address's is taken back. */
  void succeeded(Counted attempt) {
    store.clearSignIn(nameKey(attempt.name()));
    store.uncountSignIn(addressKey(attempt.address()), attempt.at(), attempt.addressBefore());
  }

  /**
   * The attempt failed, and stays counted. When that makes the next attempts wait, says until when,
   * and the audit log tells of it.
   */
  Optional<Instant> failed(Counted attempt) {
    var until = Optional.<Instant>empty();
    for (var entry : attempt.failures().entrySet()) {
      var key = entry.getKey();
      var failures = entry.getValue();
      if (failures < limit(key)) {
        continue;
      }
      var wait = attempt.at().plus(delay(failures, limit(key)));
      var byName = key.startsWith("name:");
      audit.record(
          "system",
          "sign-in.lockout",
          byName ? shown(attempt.name()) : "address " + attempt.address(),
          failures
              + " failed sign-ins "
              + (byName ? "with this name" : "from this address")
              + " in a row; the next waits until "
              + wait.truncatedTo(ChronoUnit.SECONDS));
      if (until.map(u -> u.isBefore(wait)).orElse(true)) {
        until = Optional.of(wait);
      }
    }
    return until;
  }

  /** The count as it stands at {@code now}: empty once forgotten. */
  private Optional<SignInCount> current(SignInCount count, int limit, Instant now) {
    if (count == null) {
      return Optional.empty();
    }
    var waitedUntil = waitUntil(count, limit).orElse(count.lastFailureAt());
    return now.isBefore(waitedUntil.plus(settings.window()))
        ? Optional.of(count)
        : Optional.empty();
  }

  /** Until when attempts wait after this count, if it has reached the limit. */
  private Optional<Instant> waitUntil(SignInCount count, int limit) {
    return count.failures() < limit
        ? Optional.empty()
        : Optional.of(count.lastFailureAt().plus(delay(count.failures(), limit)));
  }

  /** {@code lockout} at the limit, doubled for each failure past it, at most {@code maxLockout}. */
  private Duration delay(int failures, int limit) {
    var doublings = Math.min(failures - limit, 40);
    var delay = settings.lockout();
    for (var i = 0; i < doublings && delay.compareTo(settings.maxLockout()) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(settings.maxLockout()) > 0 ? settings.maxLockout() : delay;
  }

  private int limit(String key) {
    return key.startsWith("name:") ? settings.failures() : settings.addressFailures();
  }

  /** A name is kept only as its hash: people type passwords into the name field too. */
  private static String nameKey(String name) {
    return "name:" + Tokens.sha256(name);
  }

  private static String addressKey(String address) {
    return "address:" + address;
  }

  /** The name as the audit log shows it: printable, and not endless. */
  private static String shown(String name) {
    var printable = name.replaceAll("\\p{Cntrl}", "?");
    return printable.length() > 64 ? printable.substring(0, 64) + "…" : printable;
  }
}
