package dev.syncline.sandbox.zoey;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Everything the Zoey sandbox holds. One lock guards it all, so that each request sees and leaves a
 * consistent store, as one database transaction would.
 */
final class ZoeyData {

  final AtomicReference<ZoeySettings> settings;
  final Outbox outbox = new Outbox();
  final Accounts accounts;
  final Catalog catalog;
  final Sales sales;

  ZoeyData(InstantSource clock, ZoeySettings initial) {
    this.settings = new AtomicReference<>(initial);
    Supplier<Instant> now = clock::instant;
    this.accounts = new Accounts(now, outbox, settings::get);
    this.catalog = new Catalog(now, accounts);
    this.sales = new Sales(now, accounts, catalog, outbox, settings::get);
  }

  synchronized <T> T locked(Supplier<T> work) {
    return work.get();
  }

  synchronized void clear() {
    sales.clear();
    catalog.clear();
    accounts.clear();
    outbox.clear();
  }
}
