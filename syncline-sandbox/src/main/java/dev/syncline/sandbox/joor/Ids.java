package dev.syncline.sandbox.joor;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JOOR's ids, unique across accounts: numbers for v2 resources, opaque strings for v4 ones. The
 * starting values only make them look like the examples in joor.md.
 */
final class Ids {

  private final AtomicLong connections = new AtomicLong(500_000);
  private final AtomicLong retailers = new AtomicLong(900_000);
  private final AtomicLong addresses = new AtomicLong(1_200);
  private final AtomicLong orders = new AtomicLong(12_345_000);
  private final AtomicLong lines = new AtomicLong(70_000_000);
  private final AtomicLong products = new AtomicLong(3_295_500);
  private final AtomicLong skus = new AtomicLong(18_230_000);
  private final AtomicLong prices = new AtomicLong(333_000);
  private final AtomicLong jobs = new AtomicLong(40_000);
  private final AtomicLong priceTypes = new AtomicLong(220);
  private final AtomicLong collections = new AtomicLong(610);

  long connection() {
    return connections.incrementAndGet();
  }

  String retailer() {
    return Long.toString(retailers.incrementAndGet());
  }

  long address() {
    return addresses.incrementAndGet();
  }

  long order() {
    return orders.incrementAndGet();
  }

  String line() {
    return opaque("LineItem", lines.incrementAndGet());
  }

  String product() {
    return Long.toString(products.incrementAndGet());
  }

  /**
   * Like the example {@code MHw1NTE3MDk1fDE4MjMwODYy}, base64 of "0|product|sku" (joor.md §2.4).
   */
  String sku(String productId) {
    return Base64.getEncoder()
        .encodeToString(
            ("0|" + productId + "|" + skus.incrementAndGet()).getBytes(StandardCharsets.UTF_8));
  }

  String price() {
    return opaque("Price", prices.incrementAndGet());
  }

  String priceType() {
    return opaque("PriceType", priceTypes.incrementAndGet());
  }

  String collection() {
    return opaque("Collection", collections.incrementAndGet());
  }

  String job() {
    return "bulk-" + jobs.incrementAndGet();
  }

  private static String opaque(String type, long n) {
    return Base64.getEncoder().encodeToString((type + ":" + n).getBytes(StandardCharsets.UTF_8));
  }
}
