/**
 * Turning canonical records into what a target receives: JSONata expressions for fields and
 * filters, bounded in time and depth, value maps for codes, and the hash that tells whether
 * anything changed.
 */
package dev.syncline.core.mapping;
