package dev.syncline.app.notify;

import dev.syncline.app.config.SynclineConfig;
import dev.syncline.core.flow.FlowSettings;
import dev.syncline.core.port.FlowSchedule;
import dev.syncline.core.port.FlowState;
import dev.syncline.core.port.JobQueue;
import dev.syncline.store.NotificationStore;
import dev.syncline.store.NotificationStore.FlowNotices;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifications of one node. Each pass ({@link #runOnce}) takes the flows no other node is
 * working on and, for each, mails what is due:
 *
 * <ul>
 *   <li>an alert when the flow cannot reach a system (credentials refused, no answer), once per
 *       problem, and one when it recovers;
 *   <li>an alert when the flow falls further behind than its threshold, and one when it is back;
 *   <li>every {@code digestEvery}, a digest of the records that entered the failed record queue
 *       since the last one, if any did.
 * </ul>
 *
 * What went out is kept in the database only once the relay took the mail, so a mail that could not
 * be sent is tried again: an alert at the next pass, a digest at the next interval.
 */
public final class Notifications implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Notifications.class);

  /** How often a running node looks; alerts go out within this of their cause. */
  static final Duration TICK = Duration.ofSeconds(30);

  /** Longer than the slowest mail (three relay timeouts) takes, so a flow is never mailed twice. */
  static final Duration LEASE = Duration.ofMinutes(5);

  static final int EXAMPLES_PER_CAUSE = 3;

  private static final String NEXT_PASS = "within " + TICK.toSeconds() + "s";

  private final SynclineConfig.Notifications settings;
  private final Notifier notifier;
  private final NotificationStore notices;
  private final FlowSchedule schedule;
  private final JobQueue jobs;
  private final Map<String, FlowSettings> flows = new LinkedHashMap<>();
  private final String node;
  private final InstantSource clock;
  private final Mails mails;
  private ScheduledExecutorService scheduler;

  public Notifications(
      SynclineConfig.Notifications settings,
      Notifier notifier,
      NotificationStore notices,
      FlowSchedule schedule,
      JobQueue jobs,
      List<FlowSettings> flows,
      String node,
      InstantSource clock) {
    this.settings = settings;
    this.notifier = notifier;
    this.notices = notices;
    this.schedule = schedule;
    this.jobs = jobs;
    flows.forEach(f -> this.flows.put(f.name(), f));
    this.node = node;
    this.clock = clock;
    this.mails = new Mails(settings.dashboardUrl(), node);
  }

  /** Runs a pass every {@link #TICK} on a thread of its own, until {@link #close}. */
  public synchronized void start() {
    if (scheduler != null || flows.isEmpty()) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("notifications").daemon().factory());
    scheduler.scheduleWithFixedDelay(
        this::runLogged, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    log.info(
        "Notifications of {} flows go to {} through {}:{}",
        flows.size(),
        String.join(", ", settings.to()),
        settings.smtp().host(),
        settings.smtp().port());
  }

  @Override
  public synchronized void close() {
    if (scheduler == null) {
      return;
    }
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(1, TimeUnit.MINUTES)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
    scheduler = null;
  }

  private void runLogged() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      // The next pass tries again; a scheduled task that threw would never run again.
      log.error("A pass of the notifications of node {} failed: {}", node, e.toString(), e);
    }
  }

  /** One pass over the flows this node can claim now. */
  public void runOnce() {
    var now = clock.instant();
    for (var claimed : notices.claim(List.copyOf(flows.keySet()), node, now, LEASE)) {
      try {
        notify(flows.get(claimed.flow()), claimed, now);
      } catch (RuntimeException e) {
        // One flow's trouble (its state unreadable for a moment) must not keep the others' mail.
        log.error(
            "The notifications of flow {} failed this pass: {}", claimed.flow(), e.toString(), e);
      } finally {
        notices.release(claimed.flow(), node);
      }
    }
  }

  private void notify(FlowSettings flow, FlowNotices state, Instant now) {
    var flowState = schedule.flowState(flow.name());
    var health = flowState.flatMap(FlowState::health);
    var alerted = state.healthAlertedSince();
    if (health.isPresent() && !alerted.equals(Optional.of(health.get().since()))) {
      if (sent(
          mails.blocked(flow, health.get()),
          "the health alert of flow " + flow.name(),
          NEXT_PASS)) {
        notices.healthAlerted(flow.name(), Optional.of(health.get().since()), now);
      }
    } else if (health.isEmpty() && alerted.isPresent()) {
      if (sent(
          mails.unblocked(flow, alerted.get(), now),
          "the recovery mail of flow " + flow.name(),
          NEXT_PASS)) {
        notices.healthAlerted(flow.name(), Optional.empty(), now);
      }
    }
    // A blocked flow's backlog ages for the reason its health alert gives: no second alert.
    if (flowState.map(FlowState::enabled).orElse(false) && health.isEmpty()) {
      freshness(flow, state, now);
    }
    if (!now.isBefore(state.digestDueAt())) {
      digest(flow, state, now);
    }
  }

  private void freshness(FlowSettings flow, FlowNotices state, Instant now) {
    var backlog = jobs.backlog(flow.name());
    var threshold = settings.alertAfter(flow.name());
    var behind = backlog.freshness(now).compareTo(threshold) > 0;
    var alertedAt = state.behindAlertedAt();
    if (behind && alertedAt.isEmpty()) {
      var mail = mails.behind(flow, backlog, threshold, now);
      if (sent(mail, "the freshness alert of flow " + flow.name(), NEXT_PASS)) {
        notices.behindAlerted(flow.name(), Optional.of(now), now);
      }
    } else if (!behind && alertedAt.isPresent()) {
      var mail = mails.backToNormal(flow, backlog, threshold, alertedAt.get(), now);
      if (sent(mail, "the back-to-normal mail of flow " + flow.name(), NEXT_PASS)) {
        notices.behindAlerted(flow.name(), Optional.empty(), now);
      }
    }
  }

  private void digest(FlowSettings flow, FlowNotices state, Instant now) {
    var next = now.plus(settings.digestEvery());
    var failures = notices.newFailures(flow.name(), EXAMPLES_PER_CAUSE);
    if (failures.isEmpty()) {
      notices.digestDeferred(flow.name(), now, next);
      return;
    }
    var what = "the digest of " + failures.size() + " new failures of flow " + flow.name();
    if (sent(mails.digest(flow, failures, state.lastDigestAt()), what, "at " + next)) {
      notices.digestSent(flow.name(), failures, now, next);
    } else {
      notices.digestDeferred(flow.name(), now, next);
    }
  }

  private boolean sent(Mail mail, String what, String tryAgain) {
    return switch (notifier.send(mail)) {
      case Delivery.Sent s -> {
        log.info("Mailed {} to {}", what, String.join(", ", settings.to()));
        yield true;
      }
      case Delivery.NotSent n -> {
        log.error("Could not mail {}: {}. Syncline tries again {}.", what, n.reason(), tryAgain);
        yield false;
      }
    };
  }
}
