package dev.syncline.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.core.port.Wait;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The lines people read for records waiting for the records they refer to. */
class WaitingTest {

  private static final Instant UNTIL = Instant.parse("2026-03-02T10:00:00Z");

  @Test
  void one_record_waiting_for_a_reference_says_what_it_waits_for_and_when_it_gives_up() {
    var says =
        Waiting.of(
                new Wait(
                    Wait.Reason.REFERENCE,
                    1,
                    UNTIL,
                    Duration.ofHours(1),
                    Optional.empty(),
                    Optional.of("Waiting for customer 1234 (Zoë's Boutique ☕) to sync to zoey")))
            .says();

    assertThat(says)
        .isEqualTo(
            "Waiting for customer 1234 (Zoë's Boutique ☕) to sync to zoey; it goes on once"
                + " linked, or to the failed record queue from 2026-03-02 10:00:00 UTC (1h 0m"
                + " left).");
  }

  @Test
  void several_records_waiting_say_how_many_and_what_one_of_them_waits_for() {
    var waiting =
        Waiting.of(
            new Wait(
                Wait.Reason.REFERENCE,
                3,
                UNTIL,
                Duration.ofMinutes(5),
                Optional.empty(),
                Optional.of("Waiting for customer 7 to sync to zoey")));

    assertThat(waiting.reason()).isEqualTo("REFERENCE");
    assertThat(waiting.says())
        .startsWith(
            "3 records wait for records they refer to to sync (one: Waiting for customer 7 to"
                + " sync to zoey); each goes on once linked");
  }

  @Test
  void records_waiting_with_a_left_out_reference_say_they_are_no_failure_and_name_no_deadline() {
    var waiting =
        Waiting.of(
            new Wait(
                Wait.Reason.LEFT_OUT,
                62,
                UNTIL,
                Duration.ofHours(1),
                Optional.empty(),
                Optional.of(
                    "Contact 306 (Chloë Silva 🌿): waiting for customer 16, which flow"
                        + " customers-with-zoey leaves out; it syncs to zoey_store with it, and is no"
                        + " failure meanwhile")));

    assertThat(waiting.reason()).isEqualTo("LEFT_OUT");
    assertThat(waiting.says())
        .startsWith(
            "62 records wait with records they follow, which their flows leave out (one:"
                + " Contact 306 (Chloë Silva 🌿)")
        .endsWith("they go when those join their flows, and none is a failure.")
        .doesNotContain("failed record queue");
  }
}
