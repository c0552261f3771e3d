/**
 * The sync engine: the scheduler that scans each flow's source for changes, the workers that claim
 * durable jobs in batches and carry each record through filter, validation, mapping, hash, write
 * and record (DESIGN.md section 3), and the facade people's requests go through ({@link
 * dev.syncline.core.engine.SyncEngine}).
 */
package dev.syncline.core.engine;
