package dev.syncline.bench;

import dev.syncline.sandbox.common.Latency;
import dev.syncline.sandbox.common.LoggedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What Syncline asked of NetSuite and JOOR, read from the sandboxes' request logs: how many calls
 * of each kind, how many wrote, what they cost, how many were refused.
 */
record RemoteCalls(List<LoggedRequest> netsuite, List<LoggedRequest> joor) {

  /** The sandbox's names for NetSuite operations that change a record. */
  private static final Set<String> NETSUITE_WRITES =
      Set.of(
          "record.create", "record.update", "record.upsert", "record.delete", "record.transform");

  RemoteCalls {
    netsuite = List.copyOf(netsuite);
    joor = List.copyOf(joor);
  }

  static RemoteCalls of(Testbed bed) {
    return new RemoteCalls(
        bed.flowBed().netsuite().requestLog().all(), bed.flowBed().joor().requestLog().all());
  }

  /** The calls that began in {@code [from, to)}. */
  RemoteCalls startedBetween(Instant from, Instant to) {
    Predicate<LoggedRequest> within = r -> !r.started().isBefore(from) && r.started().isBefore(to);
    return new RemoteCalls(
        netsuite.stream().filter(within).toList(), joor.stream().filter(within).toList());
  }

  /** NetSuite's governance answered these itself, over the concurrency limit. */
  private static boolean refusedByGovernance(LoggedRequest r) {
    return r.details().containsKey("governance");
  }

  /** Calls NetSuite served, its governance's refusals not counted. */
  int netsuiteCalls() {
    return (int) netsuite.stream().filter(r -> !refusedByGovernance(r)).count();
  }

  int netsuiteRefused() {
    return (int) netsuite.stream().filter(RemoteCalls::refusedByGovernance).count();
  }

  int netsuiteWrites() {
    return (int)
        netsuite.stream()
            .filter(r -> NETSUITE_WRITES.contains(r.details().getOrDefault("operation", "")))
            .count();
  }

  /** Served calls by the sandbox's operation name ({@code record.get}, {@code suiteql}, ...). */
  Map<String, Integer> netsuiteByOperation() {
    var counts = new TreeMap<String, Integer>();
    netsuite.stream()
        .filter(r -> !refusedByGovernance(r))
        .forEach(
            r -> counts.merge(r.details().getOrDefault("operation", "other"), 1, Integer::sum));
    return counts;
  }

  /** Calls to JOOR's APIs; the token endpoint is not one and costs nothing. */
  int joorCalls() {
    return (int) joor.stream().filter(RemoteCalls::isJoorApi).count();
  }

  int joorWrites() {
    return (int)
        joor.stream()
            .filter(RemoteCalls::isJoorApi)
            .filter(r -> !r.method().equals("GET") && r.status() != 429)
            .count();
  }

  int joorCredits() {
    return joor.stream().mapToInt(LoggedRequest::cost).sum();
  }

  int joorRefused() {
    return (int) joor.stream().filter(r -> r.status() == 429).count();
  }

  private static boolean isJoorApi(LoggedRequest r) {
    return r.path().startsWith("/v2/") || r.path().startsWith("/v4/");
  }

  /** NetSuite's calls by operation, and JOOR's calls and credits, in words. */
  String describe() {
    var parts = new StringBuilder();
    netsuiteByOperation().forEach((op, n) -> parts.append(op).append(' ').append(n).append(", "));
    return "NetSuite: "
        + (parts.isEmpty() ? "none" : parts.substring(0, parts.length() - 2))
        + (netsuiteRefused() > 0 ? " (" + netsuiteRefused() + " refused)" : "")
        + "; JOOR: "
        + joorCalls()
        + " calls, "
        + joorCredits()
        + " credits"
        + (joorRefused() > 0 ? " (" + joorRefused() + " refused)" : "");
  }

  /**
   * The least time the remote limits allow for these calls (the governance bound): NetSuite serves
   * at most {@code concurrencyLimit} calls at once, each taking at least its configured latency, so
   * the calls need their summed latencies divided by the limit (and no less than the longest); JOOR
   * refills {@code budget} credits per {@code window}, so spending C credits spans at least
   * (⌈C/budget⌉ − 1) windows. The bound is the larger of the two: both systems' limits hold at
   * once, and perfect overlap of everything else is assumed.
   */
  Bound bound(
      List<Latency.Rule> netsuiteLatency, int concurrencyLimit, int budget, Duration window) {
    long summedNanos = 0;
    long longestNanos = 0;
    for (var r : netsuite) {
      if (refusedByGovernance(r)) {
        continue;
      }
      var latency = latencyOf(netsuiteLatency, r).toNanos();
      summedNanos += latency;
      longestNanos = Math.max(longestNanos, latency);
    }
    var netsuiteBound = Duration.ofNanos(Math.max(summedNanos / concurrencyLimit, longestNanos));
    return new Bound(netsuiteBound, joorBound(joorCredits(), budget, window));
  }

  /** The least time JOOR's windows allow for spending {@code credits}. */
  static Duration joorBound(long credits, int budget, Duration window) {
    var windows = credits == 0 ? 0 : (credits + budget - 1) / budget - 1;
    return window.multipliedBy(windows);
  }

  /** The delay the sandbox's latency rules give a call: the first rule that matches, as there. */
  private static Duration latencyOf(List<Latency.Rule> rules, LoggedRequest r) {
    for (var rule : rules) {
      if ((rule.method().equals("*") || rule.method().equalsIgnoreCase(r.method()))
          && rule.path().matcher(r.path()).matches()) {
        return rule.delay();
      }
    }
    return Duration.ZERO;
  }

  /** The governance bound, and the part of each system in it. */
  record Bound(Duration netsuite, Duration joor) {
    Duration value() {
      return netsuite.compareTo(joor) >= 0 ? netsuite : joor;
    }
  }
}
