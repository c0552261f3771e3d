/**
 * Wiring from configuration to running parts: the system instances and their adapters, the flows
 * built on them, the engine. Plain Java, explicit: every system module registers its adapters here
 * by name.
 */
package dev.syncline.app.wiring;
