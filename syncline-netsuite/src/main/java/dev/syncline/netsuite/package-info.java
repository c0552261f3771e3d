/**
 * Syncline's side of NetSuite: the client (HTTP, auth, paging, limits, and the only code that sees
 * status codes) in {@code client}, and one package per record type with its mapper, importer and
 * exporter. Depends on the core only; tested against the NetSuite sandbox over real HTTP.
 */
package dev.syncline.netsuite;
