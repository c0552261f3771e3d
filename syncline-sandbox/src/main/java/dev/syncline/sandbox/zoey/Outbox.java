package dev.syncline.sandbox.zoey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The emails Zoey would have sent to buyers, kept instead of sent so that tests and people can see
 * them: invitations (zoey.md §3.3: New Account Confirmation), invoices, payment receipts (§3.5) and
 * shipment tracking (§2.7).
 */
final class Outbox {

  private final List<ZoeyEmail> sent = new ArrayList<>();

  void send(Instant now, String type, String to, String subject, String reference) {
    sent.add(new ZoeyEmail(now, type, to, subject, reference));
  }

  List<ZoeyEmail> sent() {
    return List.copyOf(sent);
  }

  void clear() {
    sent.clear();
  }
}
