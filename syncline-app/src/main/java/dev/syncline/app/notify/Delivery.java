package dev.syncline.app.notify;

/** What became of a mail handed to a {@link Notifier}. */
public sealed interface Delivery {

  /** The relay took the mail for every recipient. */
  record Sent() implements Delivery {}

  /**
   * Nobody got the mail; the reason is a sentence for the person who must fix the relay settings or
   * the relay.
   */
  record NotSent(String reason) implements Delivery {}
}
