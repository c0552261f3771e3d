package dev.syncline.sandbox.zoey;

import java.time.Instant;

/**
 * An email the Zoey sandbox would have sent to a buyer.
 *
 * @param type {@code new_account_confirmation}, {@code invoice}, {@code payment_receipt} or {@code
 *     shipment}
 * @param reference the id of the record the email is about (contact, invoice, payment, shipment)
 */
public record ZoeyEmail(Instant sent, String type, String to, String subject, String reference) {}
