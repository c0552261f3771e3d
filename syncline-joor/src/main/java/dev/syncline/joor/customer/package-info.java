/**
 * Customers on JOOR: connections, keyed by customer code. {@link
 * dev.syncline.joor.customer.JoorCustomerMapper} turns a flow's mapped fields into a connection,
 * {@link dev.syncline.joor.customer.JoorCustomerExporter} checks what JOOR requires and writes
 * connections through bulk calls.
 */
package dev.syncline.joor.customer;
