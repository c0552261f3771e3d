/**
 * Contacts in Zoey: {@link dev.syncline.zoey.contact.ZoeyContactExporter} writes the people of a
 * customer as contacts of its account.
 */
package dev.syncline.zoey.contact;
