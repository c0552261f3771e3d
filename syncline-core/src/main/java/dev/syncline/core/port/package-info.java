/**
 * The ports through which the engine reaches the world: {@link
 * dev.syncline.core.port.RecordImporter} and {@link dev.syncline.core.port.RecordExporter}
 * implemented by each system module for each record type, {@link
 * dev.syncline.core.port.StatusWriter} for writing a sync status back onto a source record, and for
 * everything the engine keeps, implemented by the store: {@link
 * dev.syncline.core.port.FlowSchedule} (each flow's switch, schedule, scans and health), {@link
 * dev.syncline.core.port.JobQueue} (cursors, jobs and the outcomes of batches), {@link
 * dev.syncline.core.port.RunLog} (runs and each record's history), {@link
 * dev.syncline.core.port.FailedQueue} (the failed record queue) and {@link
 * dev.syncline.core.port.Links}.
 */
package dev.syncline.core.port;
