/**
 * Customers in NetSuite: {@link dev.syncline.netsuite.customer.NetSuiteCustomerMapper} makes a
 * customer record canonical, {@link dev.syncline.netsuite.customer.NetSuiteCustomerImporter} reads
 * changes and records, {@link dev.syncline.netsuite.customer.NetSuiteCustomerStatusWriter} writes
 * sync statuses back into custom fields.
 */
package dev.syncline.netsuite.customer;
