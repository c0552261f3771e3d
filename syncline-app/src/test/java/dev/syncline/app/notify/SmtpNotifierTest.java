package dev.syncline.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.syncline.app.config.SynclineConfig;
import dev.syncline.app.config.SynclineConfig.SmtpSecurity;
import dev.syncline.core.Secret;
import dev.syncline.core.testing.SettableClock;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SMTP notifier against GreenMail, a real SMTP server on loopback. */
class SmtpNotifierTest {

  @RegisterExtension
  static final GreenMailExtension relay =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("syncline", "right"));

  private final SettableClock clock = SettableClock.at("2026-03-02T09:15:00Z");

  private static SynclineConfig.Notifications settings(
      int port, SmtpSecurity security, Optional<String> password) {
    return new SynclineConfig.Notifications(
        new SynclineConfig.Smtp(
            "127.0.0.1",
            port,
            security,
            password.map(p -> "syncline"),
            password.map(Secret::of),
            Duration.ofSeconds(5)),
        "Syncline <syncline@example.com>",
        List.of("ops@example.com", "erp-team@example.com"),
        null,
        null,
        Optional.empty());
  }

  private int port() {
    return relay.getSmtp().getPort();
  }

  @Test
  void delivers_the_subject_and_body_as_written_to_every_recipient() throws Exception {
    var notifier = new SmtpNotifier(settings(port(), SmtpSecurity.NONE, Optional.empty()), clock);

    var delivery =
        notifier.send(new Mail("Syncline: 2 records failed", "Prix manquant: 2 — über\n"));

    assertThat(delivery).isEqualTo(new Delivery.Sent());
    var received = relay.getReceivedMessages();
    assertThat(received).hasSize(2);
    var message = received[0];
    assertThat(message.getSubject()).isEqualTo("Syncline: 2 records failed");
    assertThat(((String) message.getContent()).strip()).isEqualTo("Prix manquant: 2 — über");
    assertThat(message.getFrom())
        .containsExactly(new InternetAddress("Syncline <syncline@example.com>"));
    assertThat(message.getAllRecipients())
        .extracting(Object::toString)
        .containsExactly("ops@example.com", "erp-team@example.com");
    assertThat(message.getSentDate().toInstant()).isEqualTo(clock.instant());
  }

  @Test
  void signs_in_with_the_configured_user_and_names_refused_credentials_without_showing_them() {
    var right = new SmtpNotifier(settings(port(), SmtpSecurity.NONE, Optional.of("right")), clock);
    var wrong = new SmtpNotifier(settings(port(), SmtpSecurity.NONE, Optional.of("wr0ng")), clock);

    assertThat(right.send(new Mail("a", "b"))).isEqualTo(new Delivery.Sent());
    assertThat(wrong.send(new Mail("c", "d")))
        .isInstanceOfSatisfying(
            Delivery.NotSent.class,
            n ->
                assertThat(n.reason())
                    .isEqualTo(
                        "The mail relay 127.0.0.1:"
                            + port()
                            + " (smtp) refused Syncline's user name and password; check"
                            + " notifications.smtp.username and password")
                    .doesNotContain("wr0ng"));
    assertThat(relay.getReceivedMessages()).extracting(m -> m.getSubject()).containsOnly("a");
  }

  @Test
  void with_starttls_a_relay_that_does_not_offer_it_gets_nothing_in_plain_text() {
    var notifier =
        new SmtpNotifier(settings(port(), SmtpSecurity.STARTTLS, Optional.of("right")), clock);

    var delivery = notifier.send(new Mail("secret plans", "body"));

    assertThat(delivery)
        .isInstanceOfSatisfying(
            Delivery.NotSent.class,
            n ->
                assertThat(n.reason())
                    .startsWith("The mail relay 127.0.0.1:")
                    .contains("STARTTLS"));
    assertThat(relay.getReceivedMessages()).isEmpty();
  }

  @Test
  void a_relay_that_cannot_be_reached_is_named_with_the_reason() throws IOException {
    int closed;
    try (var socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    var notifier = new SmtpNotifier(settings(closed, SmtpSecurity.NONE, Optional.empty()), clock);

    assertThat(notifier.send(new Mail("a", "b")))
        .isInstanceOfSatisfying(
            Delivery.NotSent.class,
            n ->
                assertThat(n.reason())
                    .startsWith(
                        "The mail relay 127.0.0.1:" + closed + " (smtp) could not take the mail:")
                    .containsIgnoringCase("refused"));
  }
}
