/**
 * What every simulator has in common: an HTTP server on virtual threads, the log of requests
 * served, injected latency and faults, a clock that can be moved, and the control API under {@code
 * /_sandbox} that exposes them to tools outside the JVM.
 */
package dev.syncline.sandbox.common;
