package dev.syncline.netsuite.contact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.core.model.RecordType;
import dev.syncline.core.port.Watermark;
import dev.syncline.netsuite.client.SandboxFixture;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Contacts read from the NetSuite sandbox over HTTP, in bulk, with the customer of each. */
class NetSuiteContactImporterTest {

  private final SandboxFixture netsuite = new SandboxFixture();
  private final NetSuiteContactImporter importer =
      new NetSuiteContactImporter(netsuite.client(), ZoneOffset.UTC);

  @AfterEach
  void close() {
    netsuite.close();
  }

  private String contact(String first, String last, Long company, boolean inactive) {
    ObjectNode c = JsonMapper.shared().createObjectNode();
    c.put("firstName", first)
        .put("lastName", last)
        .put("email", first.toLowerCase(java.util.Locale.ROOT) + "@maison.example");
    c.put("isInactive", inactive);
    if (company != null) {
      c.putObject("company").put("id", Long.toString(company));
    }
    return Long.toString(netsuite.account().create("contact", c));
  }

  @Test
  void reads_contacts_in_one_query_with_their_customer_and_says_which_leave_the_flow() {
    var body = JsonMapper.shared().createObjectNode().put("companyName", "Maison Æsir ☕");
    body.putObject("subsidiary").put("id", "1");
    var customer = netsuite.account().create("customer", body);
    var zoe = contact("Zoë", "Ångström 🌟", customer, false);
    var loner = contact("Solo", "Sans Société", null, false);
    var gone = contact("Ex", "Inactif", customer, true);

    var changed =
        importer.changesAfter(Watermark.BEGINNING, 1000).stream().map(c -> c.id()).toList();
    var before = netsuite.served("suiteql");
    var loaded = importer.load(List.of(zoe, loner, gone, "999999"));

    assertThat(changed).as("the demo's contacts, then these").endsWith(zoe, loner, gone);
    assertThat(netsuite.served("suiteql") - before).as("one query for the four").isEqualTo(1);
    assertThat(loaded.keySet())
        .as("in the order asked, the missing one left out")
        .containsExactly(zoe, loner, gone);
    var person = loaded.get(zoe).record();
    assertThat(person.fullName()).isEqualTo("Zoë Ångström 🌟");
    assertThat(person.email()).contains("zoë@maison.example");
    assertThat(person.company())
        .hasValueSatisfying(c -> {
          assertThat(c.id()).isEqualTo(Long.toString(customer));
          assertThat(c.name()).hasValueSatisfying(n -> assertThat(n).contains("Maison Æsir ☕"));
        });
    assertThat(importer.references(person))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.type()).isEqualTo(RecordType.CUSTOMER);
          assertThat(r.id()).isEqualTo(Long.toString(customer));
          assertThat(r.follows()).as("a contact goes where its customer goes").isTrue();
        });
    assertThat(importer.leftFlow(person)).isEmpty();
    assertThat(importer.leftFlow(loaded.get(loner).record()))
        .contains("works for no customer in NetSuite (its Company is empty)");
    assertThat(importer.leftFlow(loaded.get(gone).record())).contains("is inactive in NetSuite");
    assertThat(importer.existing(List.of(zoe, "999999"))).containsExactly(zoe);
    assertThat(importer.describe(zoe, java.util.Optional.of(person)))
        .isEqualTo("Contact " + zoe + " (Zoë Ångström 🌟)");
    assertThat(importer.invalidId("12'3")).isPresent();
  }
}
