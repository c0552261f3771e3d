/**
 * The sync itself on {@code /metrics}: records processed per flow and outcome, counted by each node
 * as it records them ({@link dev.syncline.app.metrics.MeteredJobQueue}), and each flow's backlog,
 * freshness, failed record queue, switch and last finished run, read from the shared database
 * ({@link dev.syncline.app.metrics.FlowGauges}). The core knows nothing of them.
 */
package dev.syncline.app.metrics;
