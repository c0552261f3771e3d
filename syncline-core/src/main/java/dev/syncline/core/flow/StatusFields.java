package dev.syncline.core.flow;

/**
 * The fields on the source record where a flow writes its sync status back (NetSuite custom
 * fields), so that a saved search and the record's own page show it.
 */
public record StatusFields(String status, String message, String syncedAt) {}
