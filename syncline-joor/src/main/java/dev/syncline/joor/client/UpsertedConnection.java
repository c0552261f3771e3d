package dev.syncline.joor.client;

/**
 * One connection written by a bulk call.
 *
 * @param created whether the customer code was new to JOOR (it then waits {@link
 *     ConnectionStatus#PENDING} for JOOR's match)
 */
public record UpsertedConnection(
    String customerCode, long connectionId, ConnectionStatus status, boolean created) {}
