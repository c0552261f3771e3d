package dev.syncline.app.flows;

import static dev.syncline.app.flows.ZoeyFlowFixture.FLOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.syncline.core.port.FailedFilter;
import dev.syncline.sandbox.common.Faults;
import dev.syncline.store.PostgresFailedQueue;
import dev.syncline.store.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * NetSuite customers to Zoey accounts (issue 15), over HTTP against the NetSuite and Zoey
 * sandboxes, with a running engine on PostgreSQL.
 */
class ZoeyCustomerFlowTest {

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  @TempDir Path directory;
  private ZoeyFlowFixture fx;

  @BeforeEach
  void start() {
    fx = new ZoeyFlowFixture(db, directory);
  }

  @AfterEach
  void close() {
    fx.close();
  }

  /** A Brand US customer opted in to Zoey, with a bill-and-ship address and a ship-to. */
  private static ObjectNode customer(String name, String email) {
    var c = JsonMapper.shared().createObjectNode();
    c.put("companyName", name);
    c.put("email", email);
    c.putObject("subsidiary").put("id", "1");
    c.putObject("currency").put("id", "1");
    c.putObject("terms").put("id", "1");
    c.putObject("priceLevel").put("id", "2");
    c.put("creditLimit", 12500);
    c.putObject("custentity_syncline_channels").putArray("items").addObject().put("id", "2");
    var book = c.putObject("addressBook").putArray("items");
    address(book.addObject(), "Head Office", true, true, "1 Rue de l'Église", "Montréal");
    address(book.addObject(), "Dock", false, false, "9 Quai Nord", "Québec");
    return c;
  }

  private static void address(
      ObjectNode line,
      String label,
      boolean billing,
      boolean shipping,
      String street,
      String city) {
    line.put("label", label).put("defaultBilling", billing).put("defaultShipping", shipping);
    var a = line.putObject("addressBookAddress");
    a.put("addressee", "Café Zoë ☕").put("addr1", street).put("city", city);
    a.put("state", "QC").put("zip", "H2X 1Y4");
    a.putObject("country").put("id", "CA");
  }

  private long create(ObjectNode body) {
    return fx.account().create("customer", body);
  }

  private JsonNode onlyAccount(long customerId) {
    var accounts = fx.accountsOf(customerId);
    assertThat(accounts).as("accounts of customer " + customerId).hasSize(1);
    return accounts.getFirst().body();
  }

  private static List<String> cities(JsonNode addresses) {
    var cities = new ArrayList<String>();
    addresses.forEach(a -> cities.add(a.path("city").asString()));
    return cities;
  }

  private static List<String> shipToCities(JsonNode account) {
    var cities = new ArrayList<String>();
    account.path("locations").forEach(l -> cities.addAll(cities(l.path("addresses"))));
    return cities;
  }

  @Test
  void
      a_new_netsuite_customer_becomes_an_account_with_its_addresses_terms_group_and_main_contact() {
    var id = create(customer("Café Zoë ☕ Ltée", "zoe@cafe.example"));
    var engine = fx.engine("");

    fx.syncUntilIdle(engine);

    var account = onlyAccount(id);
    assertThat(account.path("name").asString()).isEqualTo("Café Zoë ☕ Ltée");
    assertThat(account.path("status").asString()).isEqualTo("enabled");
    assertThat(account.path("net_terms").path("label").asString()).isEqualTo("Net 30");
    assertThat(account.path("credit_limit").asString()).isEqualTo("12500.0000");
    assertThat(account.path("netsuite_subsidiary_id").asString()).isEqualTo("1");
    var groups = fx.zoeyClient().customerGroups();
    var group =
        groups.stream().filter(g -> g.id().equals(account.path("customer_group_id").asString()));
    assertThat(group.map(g -> g.body().path("customer_group_code").asString()))
        .containsExactly("Wholesale");
    // zoey.md §2.1: an address that is both in NetSuite is one bill-to and one ship-to in Zoey.
    assertThat(cities(account.path("bill_to_addresses"))).containsExactly("Montréal");
    assertThat(shipToCities(account)).containsExactlyInAnyOrder("Montréal", "Québec");
    var contacts = fx.zoeyClient().contacts().where("email", "zoe@cafe.example");
    assertThat(contacts)
        .singleElement()
        .satisfies(c -> {
          assertThat(c.body().path("account_id").asString())
              .isEqualTo(account.path("entity_id").asString());
          assertThat(c.body().path("account_role").asString()).isEqualTo("main");
        });
    assertThat(fx.invitations()).as("no invitation unless the flow says so").isEmpty();
    var status = fx.account().find("customer", id).orElseThrow();
    assertThat(status.path("custentity_syncline_zoey_status").asString()).isEqualTo("Synced");

    var posts = fx.requests("POST", ".*") + fx.requests("PUT", ".*");
    fx.syncUntilIdle(engine);
    assertThat(fx.requests("POST", ".*") + fx.requests("PUT", ".*"))
        .as("an unchanged customer costs no write")
        .isEqualTo(posts);
  }

  @Test
  void a_changed_address_is_replaced_by_content_and_the_unchanged_ones_stay() {
    var id = create(customer("Maison Étoile", "etoile@example.com"));
    var engine = fx.engine("");
    fx.syncUntilIdle(engine);
    var before = onlyAccount(id);

    var changed = customer("Maison Étoile ✨", "etoile@example.com");
    var lines = changed.path("addressBook").path("items");
    ((ObjectNode) lines.get(1).path("addressBookAddress")).put("city", "Laval");
    fx.account().update("customer", id, changed);
    fx.syncUntilIdle(engine);

    var after = onlyAccount(id);
    assertThat(after.path("name").asString()).isEqualTo("Maison Étoile ✨");
    assertThat(shipToCities(after)).containsExactlyInAnyOrder("Montréal", "Laval");
    assertThat(cities(after.path("bill_to_addresses"))).containsExactly("Montréal");
    assertThat(after.path("bill_to_addresses").get(0).path("address_id").asString())
        .as("the unchanged bill-to was left alone")
        .isEqualTo(before.path("bill_to_addresses").get(0).path("address_id").asString());
    assertThat(fx.zoeyClient().contacts().where("email", "etoile@example.com")).hasSize(1);
  }

  @Test
  void an_account_made_by_hand_with_the_netsuite_id_is_linked_not_duplicated() {
    var id = create(customer("Harbor Supply", "buyer@harbor.example"));
    var body = JsonMapper.shared().createObjectNode();
    body.put("name", "Harbor (by hand)").put("customer_group_id", "3");
    body.put("netsuite_customer_id", Long.toString(id));
    var engine = fx.engine("");
    var byHand = fx.zoeyClient().accounts().create(body);

    fx.syncUntilIdle(engine);

    var account = onlyAccount(id);
    assertThat(account.path("entity_id").asString()).isEqualTo(byHand);
    assertThat(account.path("name").asString()).isEqualTo("Harbor Supply");
  }

  @Test
  void a_lost_answer_to_each_create_makes_no_second_account_contact_or_invitation() {
    var id = create(customer("Bluebird Gifts 🐦", "hello@bluebird.example"));
    fx.zoey
        .faults()
        .failNext("POST", ".*/companyAccounts", 1, Faults.Fault.status(503, "").onceHandled());
    fx.zoey
        .faults()
        .failNext("POST", ".*/customers", 1, Faults.Fault.connectionReset().onceHandled());
    var engine = fx.engine("      sendInvite: \"true\"\n");

    fx.syncUntilIdle(engine);

    onlyAccount(id);
    assertThat(fx.zoeyClient().contacts().where("email", "hello@bluebird.example")).hasSize(1);
    assertThat(fx.invitations()).as("invited once").containsExactly("hello@bluebird.example");
    assertThat(fx.requests("POST", ".*/companyAccounts"))
        .as("the account was created once, then found by its NetSuite id")
        .isEqualTo(1);
  }

  @Test
  void a_named_suiteql_condition_chooses_the_customers_and_its_values_stay_text() {
    var chosen = create(customer("O'Hara & Fils 🍀", "ohara@example.com"));
    var other = create(customer("Other Goods", "other@example.com"));
    var systems =
        ZoeyFlowFixture.systems()
            .replace(
                "  zoey_store:\n",
                """
                    conditions:
                      in_chosen:
                        where: "c.companyname IN (:chosen, :attack)"
                        values:
                          chosen: "O'Hara & Fils 🍀"
                          attack: "' OR 1=1 --"
                  zoey_store:
                """);
    var flow =
        ZoeyFlowFixture.oneWayFlow("")
            .replace(
                "filter: \"'Zoey' in channels\"",
                "filter: \"'Zoey' in channels and custom.in_chosen\"");
    assertThat(systems).contains("in_chosen");
    assertThat(flow).contains("custom.in_chosen");
    var engine = fx.engineOf(systems + flow);

    fx.syncUntilIdle(engine);

    assertThat(onlyAccount(chosen).path("name").asString()).isEqualTo("O'Hara & Fils 🍀");
    assertThat(fx.accountsOf(other)).as("the quoted attack matched no one").isEmpty();

    // Renamed, it no longer meets the condition, and leaves the flow.
    fx.account()
        .update(
            "customer",
            chosen,
            JsonMapper.shared().createObjectNode().put("companyName", "O'Hara Holdings"));
    fx.syncUntilIdle(engine);

    assertThat(onlyAccount(chosen).path("status").asString()).isEqualTo("disabled");
  }

  @Test
  void an_inactive_customer_disables_its_account_which_is_never_deleted() {
    var id = create(customer("Old Mill", "mill@example.com"));
    var engine = fx.engine("");
    fx.syncUntilIdle(engine);

    var inactive = JsonMapper.shared().createObjectNode().put("isInactive", true);
    fx.account().update("customer", id, inactive);
    fx.syncUntilIdle(engine);

    assertThat(onlyAccount(id).path("status").asString()).isEqualTo("disabled");
  }

  @Test
  void two_accounts_with_one_netsuite_id_are_never_guessed_between() {
    var id = create(customer("Twin Peaks", "twin@example.com"));
    var engine = fx.engine("");
    for (var name : List.of("Twin Peaks East", "Twin Peaks West")) {
      var body = JsonMapper.shared().createObjectNode();
      body.put("name", name).put("customer_group_id", "1");
      body.put("netsuite_customer_id", Long.toString(id));
      fx.zoeyClient().accounts().create(body);
    }

    fx.syncUntilIdle(engine);

    var failed = new PostgresFailedQueue(db.jdbi()).failed(FailedFilter.ofFlow(FLOW));
    assertThat(failed)
        .singleElement()
        .satisfies(f -> {
          assertThat(f.sourceId()).isEqualTo(Long.toString(id));
          assertThat(f.message())
              .contains("Twin Peaks East", "Twin Peaks West", "NetSuite Customer ID");
        });
    assertThat(fx.accountsOf(id)).hasSize(2);
  }

  @Test
  void linking_by_name_links_the_one_account_of_that_name_and_never_guesses_between_two() {
    var single = create(customer("Harbor Supply", "buyer@harbor.example"));
    var twin = create(customer("Twin Oaks", "oaks@example.com"));
    var engine = fx.engine("      linkByName: \"true\"\n");
    var byHand = JsonMapper.shared().createObjectNode();
    byHand.put("name", "Harbor Supply").put("customer_group_id", "3");
    var harbor = fx.zoeyClient().accounts().create(byHand);
    var twins = new ArrayList<String>();
    for (var i = 0; i < 2; i++) {
      var body = JsonMapper.shared().createObjectNode();
      body.put("name", "Twin Oaks").put("customer_group_id", "1");
      twins.add(fx.zoeyClient().accounts().create(body));
    }

    fx.syncUntilIdle(engine);

    assertThat(onlyAccount(single).path("entity_id").asString())
        .as("the account of that name, now carrying the NetSuite id")
        .isEqualTo(harbor);
    assertThat(fx.accountsOf(twin)).as("neither twin was taken").isEmpty();
    var failed = new PostgresFailedQueue(db.jdbi()).failed(FailedFilter.ofFlow(FLOW));
    assertThat(failed)
        .singleElement()
        .satisfies(f -> {
          assertThat(f.sourceId()).isEqualTo(Long.toString(twin));
          assertThat(f.message())
              .contains("Needs a choice", "account " + twins.get(0), "account " + twins.get(1));
        });
  }
}
