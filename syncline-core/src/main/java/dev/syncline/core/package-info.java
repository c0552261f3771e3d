/**
 * The heart of Syncline: the canonical record model, flows, the sync engine, mapping and
 * validation, and the ports (interfaces) through which it reaches remote systems and storage.
 * Nothing here speaks HTTP or SQL; the system modules and the store implement the ports, and the
 * app wires them together.
 */
package dev.syncline.core;
