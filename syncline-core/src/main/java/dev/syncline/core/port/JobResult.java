package dev.syncline.core.port;

/** One job and its outcome, for the store to record. */
public record JobResult(Job job, Outcome outcome) {}
