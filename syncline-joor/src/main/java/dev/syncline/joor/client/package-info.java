/**
 * The JOOR client: HTTP, both auth schemes, credits, retries, paging and bulk writes, and the only
 * code that sees JOOR's status codes. {@link dev.syncline.joor.client.JoorClient} serves one JOOR
 * account; adapters build on its parts. Every wire detail cites research/joor.md.
 */
package dev.syncline.joor.client;
