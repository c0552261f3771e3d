/**
 * Syncline stood up over the sandboxes, for the end-to-end tests and the benchmarks: the customer
 * flow's two sandboxes and its configuration, and nodes run in processes of their own. Nothing here
 * runs in production; it lives in main code so that the tests and the benchmarks share one copy.
 */
package dev.syncline.app.testbed;
