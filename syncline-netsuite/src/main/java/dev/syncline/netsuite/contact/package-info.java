/**
 * Contacts in NetSuite: {@link dev.syncline.netsuite.contact.NetSuiteContactImporter} reads the
 * people attached to customers, with the customer each works for.
 */
package dev.syncline.netsuite.contact;
