package dev.syncline.joor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncline.joor.client.JoorOrders.Export;
import dev.syncline.joor.client.JoorOrders.ExportStates;
import dev.syncline.joor.client.JoorOrders.OrderStatus;
import dev.syncline.joor.client.JoorOrders.OrderTypes;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JoorOrdersTest {

  private TestJoor joor;
  private JoorClient client;

  @BeforeEach
  void start() {
    joor = TestJoor.start();
    client = joor.client();
  }

  @AfterEach
  void stop() {
    client.close();
    joor.close();
  }

  private List<String> unexported() {
    return client
        .orders()
        .read(Export.unexportedOrChanged(OrderTypes.ALL_BUT_CANCELLED))
        .map(JoorOrders.Order::purchaseOrder)
        .toList();
  }

  @Test
  void reads_new_orders_without_marking_them_then_marks_each_once_stored() {
    var orders =
        client.orders().read(Export.unexportedOrChanged(OrderTypes.ALL_BUT_CANCELLED)).toList();

    assertThat(orders)
        .extracting(JoorOrders.Order::purchaseOrder)
        .containsExactly("HG-1001", "MP-2001");
    assertThat(unexported()).as("reading with sync off marks nothing").hasSize(2);

    assertThat(client.orders().markExported(orders.getFirst().id())).isTrue();

    assertThat(unexported()).containsExactly("MP-2001");
  }

  @Test
  void reads_an_order_with_its_customer_addresses_and_lines() {
    var id =
        client
            .orders()
            .read(Export.unexportedOrChanged(OrderTypes.APPROVED))
            .findFirst()
            .orElseThrow()
            .id();

    var order = client.orders().order(id).orElseThrow();

    assertThat(order.status()).isEqualTo(OrderStatus.APPROVED);
    assertThat(order.customerCode()).isEqualTo("3");
    assertThat(order.currency()).isEqualTo("USD");
    assertThat(order.priceTypeName()).isEqualTo("USD-Wholesale");
    assertThat(order.total()).isEqualByComparingTo("336.00");
    assertThat(order.billing().map(Address::city)).contains("Boston");
    assertThat(order.shipping().map(Address::code)).contains("STORE-1");
    assertThat(order.paymentMethodCode()).isEqualTo("NET30");
    assertThat(order.lines())
        .extracting(JoorOrders.OrderLine::upc, JoorOrders.OrderLine::quantity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("084123000024", 12),
            org.assertj.core.groups.Tuple.tuple("084123000093", 4));
    assertThat(client.orders().order(1)).isEmpty();
  }

  @Test
  void pages_through_an_export_and_refuses_to_page_one_that_marks() {
    var paged =
        new Export(
            OrderTypes.ALL,
            ExportStates.ALL,
            false,
            0,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            1);
    var marking =
        new Export(
            OrderTypes.ALL,
            ExportStates.NOT_EXPORTED,
            true,
            1,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            1);

    assertThat(client.orders().read(paged)).hasSize(2);
    assertThat(joor.served("GET", "/v2/order/?")).isEqualTo(2);
    assertThatThrownBy(() -> client.orders().read(marking)).hasMessageContaining("sync off");
    assertThat(client.orders().export(marking, 0).items()).hasSize(1);
    assertThat(unexported()).hasSize(1);
  }

  @Test
  void sees_an_order_again_once_it_changed_after_its_export() {
    var order =
        client
            .orders()
            .read(Export.unexportedOrChanged(OrderTypes.PENDING))
            .findFirst()
            .orElseThrow();
    client.orders().markExported(order.id());
    assertThat(unexported()).doesNotContain("MP-2001");

    joor.sandbox.moveOrder(TestJoor.US, order.id(), "APPROVED", "");

    assertThat(unexported()).contains("MP-2001");
  }

  @Test
  void creates_v4_orders_moves_them_on_and_reports_each_refusal_on_its_item() {
    var existing = client.orders().summaries(List.of()).findFirst().orElseThrow();

    var created =
        client
            .orders()
            .create(
                List.of(
                    new JoorOrders.NewOrder(
                        "no-such-retailer",
                        existing.priceTypeId(),
                        existing.collectionId(),
                        OrderStatus.IN_PROGRESS),
                    new JoorOrders.NewOrder(
                        existing.retailerId(),
                        existing.priceTypeId(),
                        existing.collectionId(),
                        OrderStatus.IN_PROGRESS)));

    assertThat(created.refused())
        .singleElement()
        .satisfies(r -> {
          assertThat(r.index()).isZero();
          assertThat(r.status()).isEqualTo("NOT_FOUND");
        });
    var id = created.written().getFirst().id();
    var moved =
        client.orders().changeStatus(List.of(new JoorOrders.StatusChange(id, OrderStatus.NOTES)));
    var back =
        client
            .orders()
            .changeStatus(List.of(new JoorOrders.StatusChange(id, OrderStatus.IN_PROGRESS)));

    assertThat(moved.written())
        .extracting(JoorOrders.Summary::status)
        .containsExactly(OrderStatus.NOTES);
    assertThat(back.refused())
        .singleElement()
        .satisfies(r -> assertThat(r.message()).contains("cannot go back to IN_PROGRESS"));
    assertThat(client.orders().summaries(List.of(id)).toList())
        .extracting(JoorOrders.Summary::status)
        .containsExactly(OrderStatus.NOTES);
  }

  @Test
  void reads_and_changes_sku_line_items() {
    var order = client.orders().summaries(List.of()).findFirst().orElseThrow();
    var lines = client.orders().lineItems(List.of(order.id())).toList();

    var changed =
        client
            .orders()
            .changeQuantities(List.of(new JoorOrders.QuantityChange(lines.getFirst().id(), 20)));

    assertThat(lines)
        .extracting(
            JoorOrders.LineItem::productExternalId,
            JoorOrders.LineItem::color,
            JoorOrders.LineItem::size)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("TEE-100", "Navy", "M"),
            org.assertj.core.groups.Tuple.tuple("JKT-200", "Indigo", "L"));
    assertThat(changed.written()).extracting(JoorOrders.LineItem::quantity).containsExactly(20);
  }
}
