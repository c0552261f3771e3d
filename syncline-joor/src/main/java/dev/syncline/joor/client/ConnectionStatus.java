package dev.syncline.joor.client;

/**
 * Whether JOOR has matched a connection to a retailer yet. New customer codes wait for JOOR's data
 * team, 48 to 72 hours (joor.md §2.1); orders come only from connected ones.
 */
public enum ConnectionStatus {
  PENDING,
  CONNECTED
}
