/** Customers as Zoey B2B accounts, with their addresses and main contact. */
package dev.syncline.zoey.customer;
