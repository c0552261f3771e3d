package dev.syncline.app.notify;

import dev.syncline.app.config.SynclineConfig;
import dev.syncline.app.config.SynclineConfig.SmtpSecurity;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Date;
import java.util.Properties;
import java.util.stream.Collectors;

/** Sends mails through an SMTP relay with Jakarta Mail, as {@code notifications.smtp} says. */
public final class SmtpNotifier implements Notifier {

  private final SynclineConfig.Smtp smtp;
  private final Session session;
  private final String protocol;
  private final InternetAddress from;
  private final InternetAddress[] to;
  private final InstantSource clock;

  public SmtpNotifier(SynclineConfig.Notifications settings, InstantSource clock) {
    this.smtp = settings.smtp();
    this.clock = clock;
    this.protocol = smtp.security() == SmtpSecurity.SSL ? "smtps" : "smtp";
    var properties = new Properties();
    var prefix = "mail." + protocol + ".";
    var millis = Long.toString(smtp.timeout().toMillis());
    properties.put(prefix + "host", smtp.host());
    properties.put(prefix + "port", Integer.toString(smtp.port()));
    properties.put(prefix + "connectiontimeout", millis);
    properties.put(prefix + "timeout", millis);
    properties.put(prefix + "writetimeout", millis);
    properties.put(prefix + "auth", Boolean.toString(smtp.username().isPresent()));
    if (smtp.security() == SmtpSecurity.STARTTLS) {
      // Required, not merely enabled: a relay that does not offer it gets neither the password nor
      // the mail in plain text.
      properties.put(prefix + "starttls.enable", "true");
      properties.put(prefix + "starttls.required", "true");
    }
    if (smtp.security() != SmtpSecurity.NONE) {
      properties.put(prefix + "ssl.checkserveridentity", "true");
    }
    this.session = Session.getInstance(properties);
    try {
      this.from = new InternetAddress(settings.from(), true);
      this.to = InternetAddress.parse(String.join(",", settings.to()), true);
    } catch (AddressException e) {
      // The configuration checks refuse such addresses before anything starts.
      throw new IllegalArgumentException(
          "notifications: " + e.getRef() + " is not an email address", e);
    }
  }

  @Override
  public Delivery send(Mail mail) {
    try {
      var message = new MimeMessage(session);
      message.setFrom(from);
      message.setRecipients(Message.RecipientType.TO, to);
      message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
      message.setText(mail.body(), StandardCharsets.UTF_8.name());
      message.setSentDate(Date.from(clock.instant()));
      message.saveChanges();
      try (var transport = session.getTransport(protocol)) {
        transport.connect(
            smtp.host(),
            smtp.port(),
            smtp.username().orElse(null),
            smtp.password().map(p -> p.reveal()).orElse(null));
        transport.sendMessage(message, to);
      }
      return new Delivery.Sent();
    } catch (AuthenticationFailedException e) {
      return new Delivery.NotSent(
          relay()
              + " refused Syncline's user name and password; check notifications.smtp.username"
              + " and password");
    } catch (SendFailedException e) {
      var refused = e.getInvalidAddresses();
      return new Delivery.NotSent(
          refused == null || refused.length == 0
              ? relay() + " refused the mail: " + describe(e)
              : relay()
                  + " refused the recipients "
                  + Arrays.stream(refused).map(Object::toString).collect(Collectors.joining(", "))
                  + " ("
                  + describe(e)
                  + "); check notifications.to");
    } catch (MessagingException e) {
      return new Delivery.NotSent(relay() + " could not take the mail: " + describe(e));
    }
  }

  private String relay() {
    return "The mail relay " + smtp.host() + ":" + smtp.port() + " (" + protocol + ")";
  }

  /**
   * The innermost cause, which names what went wrong (a refused connection, a timeout, a reply).
   */
  private static String describe(Exception e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    var text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return text.strip();
  }
}
