/**
 * NetSuite's SuiteTalk REST web services, simulated from NetSuite's side after
 * shared/research/netsuite-api.md: accounts under their own base URLs, TBA and OAuth 2.0, the
 * record service with NetSuite's record shapes (netsuite-schema.json), transforms, SuiteQL over an
 * embedded H2 database in Oracle mode, concurrency governance and a control API.
 */
package dev.syncline.sandbox.netsuite;
