package dev.syncline.app.notify;

/**
 * Delivers mails to the configured recipients. Called from the notifications' own thread, one mail
 * at a time; it never throws for a delivery that failed, it says so ({@link Delivery.NotSent}), so
 * that the caller keeps the news for its next attempt.
 */
public interface Notifier {

  Delivery send(Mail mail);
}
