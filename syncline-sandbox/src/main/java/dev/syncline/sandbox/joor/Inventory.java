package dev.syncline.sandbox.joor;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An account's inventory per warehouse, SKU and date: the Default warehouse holds what is available
 * to sell now, other warehouses what comes later, by inventory date (joor.md §2.6).
 */
final class Inventory {

  /** {@code date} is "" for inventory available now. */
  record Key(String warehouse, String skuId, String date) implements Comparable<Key> {
    @Override
    public int compareTo(Key other) {
      return (warehouse + "|" + skuId + "|" + date)
          .compareTo(other.warehouse + "|" + other.skuId + "|" + other.date);
    }
  }

  final Map<Key, Integer> quantities = new TreeMap<>();
  final Set<String> madeToOrder = new TreeSet<>();
}
