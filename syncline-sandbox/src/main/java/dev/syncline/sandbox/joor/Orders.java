package dev.syncline.sandbox.joor;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An account's orders, with the export bookkeeping of v2 (joor.md §2.3). */
final class Orders {

  /** The v4 statuses (joor.md §2.3), plus SHIPPED, which v2's order_type filters know. */
  enum Status {
    IN_PROGRESS,
    NOTES,
    PENDING,
    APPROVED,
    SHIPPED,
    CANCELLED
  }

  /** Whether and how an order was exported (joor.md §2.3, export_status). */
  enum Export {
    NEVER,
    SUCCESS,
    FAILED
  }

  record Line(String id, String skuId, int quantity, BigDecimal price, BigDecimal retailPrice) {}

  /**
   * The addresses, payment method and warehouse are copied from the connection when the order is
   * placed, as an order keeps what the buyer chose.
   */
  record Order(
      long id,
      long connectionId,
      String priceTypeId,
      String collectionId,
      Status status,
      List<Line> lines,
      String purchaseOrder,
      String comments,
      Connections.Address billing,
      Connections.Address shipping,
      String paymentMethodCode,
      String warehouseCode,
      Instant created,
      Optional<Instant> approved,
      Instant modified,
      Export export,
      Optional<Instant> exportedOn,
      String exportDescription,
      String trackingNumber) {

    boolean modifiedSinceExport() {
      return export == Export.SUCCESS && exportedOn.map(modified::isAfter).orElse(false);
    }

    Order withStatus(Status to, Instant now) {
      return new Order(
          id,
          connectionId,
          priceTypeId,
          collectionId,
          to,
          lines,
          purchaseOrder,
          comments,
          billing,
          shipping,
          paymentMethodCode,
          warehouseCode,
          created,
          to == Status.APPROVED && approved.isEmpty() ? Optional.of(now) : approved,
          now,
          export,
          exportedOn,
          exportDescription,
          trackingNumber);
    }

    Order withLines(List<Line> newLines, Instant now) {
      return new Order(
          id,
          connectionId,
          priceTypeId,
          collectionId,
          status,
          newLines,
          purchaseOrder,
          comments,
          billing,
          shipping,
          paymentMethodCode,
          warehouseCode,
          created,
          approved,
          now,
          export,
          exportedOn,
          exportDescription,
          trackingNumber);
    }

    /** Export bookkeeping does not count as a modification. */
    Order withExport(Export to, Instant at, String description) {
      return new Order(
          id,
          connectionId,
          priceTypeId,
          collectionId,
          status,
          lines,
          purchaseOrder,
          comments,
          billing,
          shipping,
          paymentMethodCode,
          warehouseCode,
          created,
          approved,
          modified,
          to,
          to == Export.SUCCESS ? Optional.of(at) : exportedOn,
          description,
          trackingNumber);
    }
  }

  final Map<Long, Order> byId = new TreeMap<>();
}
