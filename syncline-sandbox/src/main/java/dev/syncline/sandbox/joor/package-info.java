/**
 * The JOOR simulator, written from JOOR's side after research/joor.md: v2 and v4 with their auth
 * schemes and envelopes, per-account credits, connections with JOOR's manual matching, orders,
 * catalog and inventory, and a control API under {@code /_sandbox/joor}.
 */
package dev.syncline.sandbox.joor;
