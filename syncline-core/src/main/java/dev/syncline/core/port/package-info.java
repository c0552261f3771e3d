/**
 * The ports through which the engine reaches the world: {@link
 * dev.syncline.core.port.RecordImporter} and {@link dev.syncline.core.port.RecordExporter}
 * implemented by each system module for each record type, {@link
 * dev.syncline.core.port.StatusWriter} for writing a sync status back onto a source record, and
 * {@link dev.syncline.core.port.SyncStore} and {@link dev.syncline.core.port.Links}, implemented by
 * the store, for everything the engine keeps.
 */
package dev.syncline.core.port;
