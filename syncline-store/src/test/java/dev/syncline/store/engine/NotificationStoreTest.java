package dev.syncline.store.engine;

import static dev.syncline.store.engine.EngineFixture.FLOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.core.port.FailedFilter;
import dev.syncline.core.testing.FakeSystem;
import dev.syncline.store.NotificationStore;
import dev.syncline.store.NotificationStore.NewFailure;
import dev.syncline.store.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NotificationStoreTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private EngineFixture fx;
  private NotificationStore notices;

  @BeforeEach
  void setUp() {
    fx = new EngineFixture(db);
    notices = new NotificationStore(db.jdbi());
  }

  @Test
  void failures_are_new_until_a_digest_reports_them_and_new_again_when_they_fail_again() {
    fx.customers(3);
    fx.source.put("4", EngineFixture.withoutPriceLevel(FakeSystem.customer("Acme")));
    fx.source.put("5", EngineFixture.withoutPriceLevel(FakeSystem.customer("Beta")));
    fx.source.put("6", EngineFixture.withoutPriceLevel(FakeSystem.customer("Gamma")));
    var engine = fx.engine(EngineFixture.oneWay());
    fx.sync(engine);

    var first = notices.newFailures(FLOW, 2);

    assertThat(first).extracting(NewFailure::sourceId).containsExactly("4", "5", "6");
    assertThat(first).extracting(NewFailure::cause).containsOnly("Missing price level");
    assertThat(first)
        .extracting(f -> f.example().isPresent())
        .as("the first two of the cause carry their message")
        .containsExactly(true, true, false);
    assertThat(first.getFirst().example().orElseThrow()).startsWith("Customer 4 (Acme)");

    var now = fx.clock.instant();
    notices.digestSent(FLOW, first, now, now.plus(Duration.ofMinutes(15)));
    assertThat(notices.newFailures(FLOW, 2)).isEmpty();

    fx.clock.advance(Duration.ofMinutes(1));
    var five =
        fx.failedQueue.failed(FailedFilter.all()).stream()
            .filter(f -> f.sourceId().equals("5"))
            .findFirst()
            .orElseThrow();
    fx.failedQueue.resync(List.of(five.jobId()), fx.clock.instant());
    engine.drain(FLOW);

    assertThat(notices.newFailures(FLOW, 2))
        .as("resynced, it failed again: a new entry into the queue")
        .extracting(NewFailure::sourceId)
        .containsExactly("5");
  }

  @Test
  void a_record_that_failed_again_after_the_digest_read_it_stays_new() {
    fx.source.put("1", EngineFixture.withoutPriceLevel(FakeSystem.customer("Acme")));
    fx.clock.advance(Duration.ofMinutes(1));
    var engine = fx.engine(EngineFixture.oneWay());
    fx.sync(engine);
    var read = notices.newFailures(FLOW, 3);

    fx.clock.advance(Duration.ofMinutes(1));
    fx.failedQueue.resync(List.of(read.getFirst().jobId()), fx.clock.instant());
    engine.drain(FLOW);
    var now = fx.clock.instant();
    notices.digestSent(FLOW, read, now, now.plus(Duration.ofMinutes(15)));

    assertThat(notices.newFailures(FLOW, 3))
        .singleElement()
        .satisfies(f -> assertThat(f.failedAt()).isEqualTo(fx.clock.instant()));
  }

  @Test
  void one_node_at_a_time_holds_a_flows_notifications_until_it_releases_them_or_its_lease_ends() {
    var now = fx.clock.instant();
    var lease = Duration.ofMinutes(5);

    var one = notices.claim(List.of(FLOW, "orders"), "node-1", now, lease);
    var two = notices.claim(List.of(FLOW, "orders"), "node-2", now, lease);

    assertThat(one)
        .extracting(NotificationStore.FlowNotices::flow)
        .containsExactlyInAnyOrder(FLOW, "orders");
    assertThat(one)
        .allSatisfy(n -> {
          assertThat(n.digestDueAt()).as("a first digest is due at once").isEqualTo(now);
          assertThat(n.behindAlertedAt()).isEmpty();
          assertThat(n.healthAlertedSince()).isEmpty();
        });
    assertThat(two).isEmpty();

    notices.release(FLOW, "node-1");
    assertThat(notices.claim(List.of(FLOW, "orders"), "node-2", now, lease))
        .extracting(NotificationStore.FlowNotices::flow)
        .containsExactly(FLOW);
    assertThat(notices.claim(List.of("orders"), "node-2", now.plus(lease).plusSeconds(1), lease))
        .as("node-1 went away: its lease ran out")
        .hasSize(1);
  }

  @Test
  void a_flows_alerts_and_next_digest_are_kept_for_whichever_node_claims_it_next() {
    var now = fx.clock.instant();
    notices.claim(List.of(FLOW), "node-1", now, Duration.ofMinutes(5));
    notices.digestDeferred(FLOW, now, now.plus(Duration.ofMinutes(15)));
    notices.behindAlerted(FLOW, Optional.of(now), now);
    notices.healthAlerted(FLOW, Optional.of(now.minusSeconds(90)), now);
    notices.release(FLOW, "node-1");

    var seen = notices.claim(List.of(FLOW), "node-2", now, Duration.ofMinutes(5)).getFirst();

    assertThat(seen.digestDueAt()).isEqualTo(now.plus(Duration.ofMinutes(15)));
    assertThat(seen.lastDigestAt()).isEmpty();
    assertThat(seen.behindAlertedAt()).contains(now);
    assertThat(seen.healthAlertedSince()).contains(now.minusSeconds(90));
  }

  @Test
  void
      the_backlog_is_the_oldest_change_still_waiting_and_a_resynced_failure_counts_from_its_resync() {
    fx.customers(3);
    var engine = fx.engine(EngineFixture.oneWay());
    var oldest = fx.source.get("1").orElseThrow().modifiedAt();

    engine.scan(FLOW, "schedule");

    var waiting = fx.jobQueue.backlog(FLOW);
    assertThat(waiting.records()).isEqualTo(3);
    assertThat(waiting.oldestChange()).contains(oldest);
    assertThat(waiting.freshness(fx.clock.instant()))
        .isEqualTo(Duration.between(oldest, fx.clock.instant()));

    engine.drain(FLOW);
    assertThat(fx.jobQueue.backlog(FLOW).records()).isZero();
    assertThat(fx.jobQueue.backlog(FLOW).freshness(fx.clock.instant())).isZero();

    fx.source.put("4", EngineFixture.withoutPriceLevel(FakeSystem.customer("Acme")));
    fx.clock.advance(Duration.ofSeconds(1));
    fx.sync(engine);
    fx.clock.advance(Duration.ofDays(2));
    var failed = fx.failedQueue.failed(FailedFilter.all()).getFirst();
    fx.failedQueue.resync(List.of(failed.jobId()), fx.clock.instant());

    assertThat(fx.jobQueue.backlog(FLOW).oldestChange())
        .as("an old failure put back is no sign the flow is behind")
        .contains(fx.clock.instant());
  }
}
