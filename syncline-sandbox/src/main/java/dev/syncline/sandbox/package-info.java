/**
 * Simulators of the remote systems Syncline talks to (NetSuite, JOOR, Zoey), for tests, demos and
 * benchmarks with no account anywhere. Each is written from the remote system's side, following the
 * research in {@code shared/research}, never from our clients' classes: a simulator that shared the
 * client's code would share its bugs. Every wire detail cites its source in a short comment. This
 * module depends on no other module of ours.
 */
package dev.syncline.sandbox;
