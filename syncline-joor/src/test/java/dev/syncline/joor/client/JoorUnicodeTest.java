package dev.syncline.joor.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Text that is not ASCII to JOOR and back, over HTTP against the sandbox: in bodies, and in a
 * customer code that goes into the path. Compared exactly: nothing replaced, nothing normalised.
 */
class JoorUnicodeTest {

  static final String NAME = "Société Générale — Zürich 東京 🧵 Cafe\u0301 שלום";
  static final String CODE = "CÉ-東京-7";

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

  private static ConnectionData customer(String name, String street) {
    var address = new Address("HQ", name, street, "", "Zürich", "ZH", "8001", "CH", "");
    return new ConnectionData(
        CODE,
        name,
        Optional.of("Zoë Ørsted"),
        Optional.of("zoe@example.com"),
        Optional.of("Zoë Ørsted"),
        new PriceTypeRef("USD", "Wholesale"),
        Optional.of("NET30"),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(address),
        List.of(address));
  }

  @Test
  void creates_reads_and_updates_a_connection_named_in_any_script_exactly() {
    client.connections().create(customer(NAME, "Rue de l’Église 12 🏬"));
    var created = client.connections().byCustomerCode(CODE).orElseThrow();

    client.connections().update(customer(NAME + " ✓", "北京路 e\u0301 شارع"));
    var updated = client.connections().byCustomerCode(CODE).orElseThrow();

    assertThat(created.customerCode()).isEqualTo(CODE);
    assertThat(created.data().name()).isEqualTo(NAME);
    assertThat(created.data().contactName()).contains("Zoë Ørsted");
    assertThat(created.data().billingAddresses())
        .extracting(Address::line1, Address::city)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Rue de l’Église 12 🏬", "Zürich"));
    assertThat(updated.data().name()).isEqualTo(NAME + " ✓");
    assertThat(updated.data().shippingAddresses())
        .extracting(Address::line1)
        .containsExactly("北京路 e\u0301 شارع");
  }
}
