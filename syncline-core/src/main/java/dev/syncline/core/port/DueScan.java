package dev.syncline.core.port;

/**
 * A flow whose scan is due, claimed by a node.
 *
 * @param trigger {@code manual} when a person asked for it, else {@code schedule}
 */
public record DueScan(String flow, String trigger) {}
