package dev.syncline.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Why records of a flow that nobody works on now wait, and until when: one job's, or a flow's
 * records grouped by reason (and by node, for leases).
 *
 * @param reason what they wait for
 * @param records how many records wait so
 * @param until the earliest time one of them may go on: its next attempt, the end of the lease, or
 *     the deadline of its wait for a reference
 * @param left how long that was from the time the store was asked
 * @param node the node holding them, for {@link Reason#LEASE}
 * @param error the last error of one of them, for {@link Reason#RETRY} and {@link Reason#CREDITS};
 *     what one of them waits for, for {@link Reason#REFERENCE}
 */
public record Wait(
    Reason reason,
    int records,
    Instant until,
    Duration left,
    Optional<String> node,
    Optional<String> error) {

  /**
   * A node not heard from for this long has stopped answering: its batches wait for their leases to
   * end. Nodes say they are alive every few seconds (see {@link JobQueue#nodeAlive}).
   */
  public static final Duration NODE_SILENCE = Duration.ofMinutes(1);

  public enum Reason {
    /** Tried again after a fault time may fix (the remote was down, slow or broke off). */
    RETRY,
    /** Refused for a remote's rate or concurrency limit (JOOR's credits, NetSuite's requests). */
    CREDITS,
    /**
     * Waiting for the records it refers to (an order's customer) to be linked to the target, until
     * its deadline.
     */
    REFERENCE,
    /**
     * Waiting with records they follow (a contact's customer), which the flows carrying those leave
     * out: no failure, and no deadline; they go when those do.
     */
    LEFT_OUT,
    /** Held by a node that stopped answering, until its lease ends and another node takes over. */
    LEASE
  }
}
