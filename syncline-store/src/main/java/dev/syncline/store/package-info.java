/**
 * Syncline's own storage: PostgreSQL only, reached through HikariCP and Jdbi, its schema kept by
 * Flyway migrations in {@code db/migration}. With no URL it runs an embedded PostgreSQL whose data
 * directory outlives the process. The store implements the core's storage ports and nothing else.
 */
package dev.syncline.store;
