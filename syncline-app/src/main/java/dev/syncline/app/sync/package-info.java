/**
 * What people ask of the engine, whichever way they ask (the API, the CLI through the API, the
 * dashboard): flows and their switches, selective sync, the failed record queue and RESYNC, each
 * change kept in the audit log.
 */
package dev.syncline.app.sync;
