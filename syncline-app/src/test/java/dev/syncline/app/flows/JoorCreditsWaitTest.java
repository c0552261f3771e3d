package dev.syncline.app.flows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.core.RetryableSyncException;
import dev.syncline.core.port.Wait;
import dev.syncline.joor.client.ConnectionFilter;
import dev.syncline.store.testing.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Records the JOOR sandbox refuses for want of credits wait for them, and say until when. */
class JoorCreditsWaitTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private CustomerFlowFixture fx;

  @AfterEach
  void close() {
    fx.close();
  }

  @Test
  void customers_refused_for_want_of_joor_credits_wait_for_credits_until_joor_said() {
    // JOOR's account has five credits an hour, and something else spends them first.
    fx = new CustomerFlowFixture(db, s -> s, j -> j.withCredits(5, Duration.ofHours(1)));
    dev.syncline.sandbox.netsuite.DemoData.referenceData(fx.account());
    var ids = fx.usCustomers(3, "Crédit Café ☕");
    var engine = fx.engine("node-1");
    try {
      for (var i = 0; i < 5; i++) {
        fx.joorClient().connections().stream(ConnectionFilter.all()).toList();
      }
    } catch (RetryableSyncException.RateLimited spent) {
      // The reads took more than a credit each: the credits are gone all the same.
    }
    var before = fx.clock.instant();

    engine.scan(CustomerFlowFixture.FLOW, "manual");
    engine.drain(CustomerFlowFixture.FLOW);

    var waits = engine.jobQueue().waits(CustomerFlowFixture.FLOW, fx.clock.instant());
    assertThat(waits)
        .singleElement()
        .satisfies(w -> {
          assertThat(w.reason()).isEqualTo(Wait.Reason.CREDITS);
          assertThat(w.records()).isEqualTo(ids.size());
          assertThat(w.until()).isAfter(before.plus(Duration.ofMinutes(50)));
          assertThat(w.error()).hasValueSatisfying(e -> assertThat(e).contains("JOOR"));
        });
  }
}
