package dev.syncline.core.port;

/** One cause of failure in the failed record queue and how many records it holds there. */
public record CauseCount(String cause, int count) {}
