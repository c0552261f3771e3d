package dev.syncline.app.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncline.core.engine.SyncEngine;
import dev.syncline.core.flow.Side;
import dev.syncline.core.port.ConflictFilter;
import dev.syncline.sandbox.common.Faults;
import dev.syncline.store.PostgresConflicts;
import dev.syncline.store.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
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
 * NetSuite customers and Zoey accounts both ways (issue 15), with the engine running (scheduler and
 * workers live) against the NetSuite and Zoey sandboxes over HTTP.
 */
class ZoeyTwoWayFlowTest {

  static final String FLOW = "customers-with-zoey";

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

  private static ObjectNode customer(String name) {
    var c = JsonMapper.shared().createObjectNode();
    c.put("companyName", name);
    c.put("email", "noe@atelier.example");
    c.putObject("subsidiary").put("id", "1");
    c.putObject("currency").put("id", "1");
    c.putObject("terms").put("id", "1");
    c.putObject("priceLevel").put("id", "2");
    c.put("creditLimit", 12500);
    c.put("phone", "+1 514 555 0100");
    c.putObject("custentity_syncline_channels").putArray("items").addObject().put("id", "2");
    var book = c.putObject("addressBook").putArray("items");
    line(book.addObject(), "Head Office", true, true, "1 Rue de l'Église", "Montréal");
    line(book.addObject(), "Dock", false, false, "9 Quai Nord", "Québec");
    return c;
  }

  private static void line(
      ObjectNode line,
      String label,
      boolean billing,
      boolean shipping,
      String street,
      String city) {
    line.put("label", label).put("defaultBilling", billing).put("defaultShipping", shipping);
    var a = line.putObject("addressBookAddress");
    a.put("addressee", "Atelier Noé").put("addr1", street).put("city", city);
    a.put("state", "QC").put("zip", "H2X 1Y4");
    a.putObject("country").put("id", "CA");
  }

  /** Writes to either side: NetSuite customers changed, Zoey accounts and contacts changed. */
  private int writes() {
    var netsuite =
        fx.netsuite
            .requestLog()
            .count(r ->
                !r.method().equals("GET")
                    && r.path().contains("/record/v1/customer")
                    && r.status() < 300);
    var zoey =
        fx.zoey
            .requestLog()
            .count(r ->
                !r.method().equals("GET")
                    && (r.path().contains("/companyAccounts") || r.path().contains("/customers"))
                    && r.status() < 300);
    return netsuite + zoey;
  }

  private JsonNode zoeyAccount(long id) {
    var accounts = fx.accountsOf(id);
    assertThat(accounts).hasSize(1);
    return accounts.getFirst().body();
  }

  private static List<String> shipToCities(JsonNode account) {
    var cities = new ArrayList<String>();
    account
        .path("locations")
        .forEach(l -> l.path("addresses").forEach(a -> cities.add(a.path("city").asString())));
    return cities;
  }

  private static List<String> netsuiteCities(JsonNode customer) {
    var cities = new ArrayList<String>();
    customer
        .path("addressBook")
        .path("items")
        .forEach(l -> cities.add(l.path("addressBookAddress").path("city").asString()));
    return cities;
  }

  /** Scans both sides a few times while the workers run, and waits for the jobs each time. */
  private void settle(SyncEngine engine) {
    for (var i = 0; i < 3; i++) {
      fx.syncUntilIdle(engine, FLOW);
    }
  }

  @Test
  void both_sides_editing_one_customer_in_the_same_minute_keep_every_edit_and_stop_writing() {
    var id = fx.account().create("customer", customer("Atelier Noé"));
    var engine = fx.twoWayEngine();
    settle(engine);
    var account = zoeyAccount(id);
    var accountId = account.path("entity_id").asString();
    assertThat(account.path("name").asString()).isEqualTo("Atelier Noé");
    assertThat(
            fx.account()
                .find("customer", id)
                .orElseThrow()
                .path("custentity_syncline_zoey_status")
                .asString())
        .as("the status on the NetSuite customer, as a one-way flow writes it")
        .isEqualTo("Synced");
    var created = writes();
    settle(engine);
    assertThat(writes())
        .as("the account's echo from Zoey writes nothing to NetSuite")
        .isEqualTo(created);

    // Within the same minute: NetSuite renames the customer, raises its credit limit and changes
    // its phone, which Zoey does not keep; Zoey renames the account too, and moves the dock.
    fx.account()
        .update(
            "customer",
            id,
            JsonMapper.shared()
                .createObjectNode()
                .put("companyName", "Atelier Noé ✨")
                .put("creditLimit", 20000)
                .put("phone", "+1 514 555 0199"));
    fx.zoeyClient()
        .accounts()
        .update(accountId, JsonMapper.shared().createObjectNode().put("name", "Atelier (Zoey)"));
    var dock = "";
    for (var l : account.path("locations")) {
      for (var a : l.path("addresses")) {
        if (a.path("city").asString().equals("Québec")) {
          dock = a.path("address_id").asString();
        }
      }
    }
    fx.zoeyClient()
        .updateAddress(
            accountId, dock, JsonMapper.shared().createObjectNode().put("city", "Laval"));

    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(() -> {
          settle(engine);
          var onNetSuite = fx.account().find("customer", id).orElseThrow();
          var onZoey = zoeyAccount(id);
          assertThat(onNetSuite.path("companyName").asString())
              .as("NetSuite masters the name")
              .isEqualTo("Atelier Noé ✨");
          assertThat(onZoey.path("name").asString()).isEqualTo("Atelier Noé ✨");
          assertThat(onZoey.path("credit_limit").asString()).isEqualTo("20000.0000");
          assertThat(netsuiteCities(onNetSuite))
              .as("Zoey's move of the dock reached NetSuite")
              .containsExactly("Montréal", "Laval");
          assertThat(shipToCities(onZoey)).containsExactlyInAnyOrder("Montréal", "Laval");
        });
    var onNetSuite = fx.account().find("customer", id).orElseThrow();
    assertThat(onNetSuite.path("phone").asString())
        .as("what Zoey does not keep stays as NetSuite has it")
        .isEqualTo("+1 514 555 0199");
    assertThat(
            onNetSuite.path("addressBook").path("items").get(0).path("defaultShipping").asBoolean())
        .isTrue();

    var conflicts = new PostgresConflicts(db.jdbi()).conflicts(ConflictFilter.open());
    assertThat(conflicts)
        .singleElement()
        .satisfies(c -> {
          assertThat(c.field()).isEqualTo("name");
          assertThat(c.master()).isEqualTo(Side.A);
          assertThat(c.dropped()).contains("Atelier (Zoey)");
        });

    var settled = writes();
    settle(engine);
    settle(engine);
    assertThat(writes()).as("no write ping-pong once both sides agree").isEqualTo(settled);
    assertThat(fx.accountsOf(id)).hasSize(1);
  }

  @Test
  void a_customer_made_from_a_zoey_account_gets_the_custom_fields_mapped_and_stays_in_the_flow() {
    var line = "        subsidiary: \"$exists(subsidiary.id) ? subsidiary.id : '1'\"\n";
    var yaml = ZoeyFlowFixture.systems() + ZoeyFlowFixture.twoWayFlow();
    assertThat(yaml).contains(line);
    // The channel the forward filter needs, set on the customers made from Zoey accounts.
    var engine =
        fx.engineOf(
            yaml.replace(
                line,
                line + "        custentity_syncline_channels: \"{'items': [{'id': '2'}]}\"\n"));
    var body = JsonMapper.shared().createObjectNode();
    body.put("name", "Château Écume 🌊").put("customer_group_id", "1");
    var accountId = fx.zoeyClient().accounts().create(body);
    settle(engine);
    var made =
        fx.account().findAll("customer").stream()
            .filter(c -> c.path("externalId").asString("").equals("zoey-" + accountId))
            .toList();
    assertThat(made).hasSize(1);
    assertThat(made.getFirst().path("custentity_syncline_channels").path("items"))
        .extracting(i -> i.path("id").asString())
        .containsExactly("2");

    // A person's edit in NetSuite reaches Zoey: the customer passes the flow's filter.
    var id = made.getFirst().path("id").asLong();
    fx.account()
        .update("customer", id, JsonMapper.shared().createObjectNode().put("creditLimit", 9000));
    settle(engine);
    assertThat(fx.zoeyClient().accounts().get(accountId).body().path("credit_limit").asString())
        .startsWith("9000");
  }

  @Test
  void a_new_zoey_account_becomes_one_netsuite_customer_even_when_the_answer_is_lost() {
    var engine = fx.twoWayEngine();
    var body =
        (ObjectNode)
            JsonMapper.shared()
                .readTree(
                    """
                    {"name":"Fjällräven Hütte 🏔","customer_group_id":"1",
                     "net_terms":{"enabled":true,"days":60},"credit_limit":"8000",
                     "locations":[{"name":"Lodge","addresses":[{"company":"Fjällräven Hütte",
                       "street":["3 Bergweg"],"city":"Zermatt","postcode":"3920","country_id":"CH"}]}]}
                    """);
    var accountId = fx.zoeyClient().accounts().create(body);
    // netsuite-api.md §3.4: the upsert is applied, and its answer lost.
    fx.netsuite
        .faults()
        .failNext(
            "PUT", ".*/record/v1/customer/eid:.*", 1, Faults.Fault.status(503, "").onceHandled());

    settle(engine);

    var made = new ArrayList<JsonNode>();
    var madeIds = new ArrayList<Long>();
    for (var id = 1L; id < 200; id++) {
      var found =
          fx.account()
              .find("customer", id)
              .filter(c -> c.path("externalId").asString("").equals("zoey-" + accountId));
      if (found.isPresent()) {
        made.add(found.get());
        madeIds.add(id);
      }
    }
    assertThat(made)
        .as("one customer, however many attempts")
        .singleElement()
        .satisfies(c -> {
          assertThat(c.path("companyName").asString()).isEqualTo("Fjällräven Hütte 🏔");
          assertThat(c.path("subsidiary").path("id").asString())
              .as("the flow's default subsidiary")
              .isEqualTo("1");
          assertThat(c.path("terms").path("id").asString())
              .as("Net 60, found by name")
              .isEqualTo("2");
          assertThat(c.path("priceLevel").path("id").asString())
              .as("the group Wholesale is the price level Wholesale")
              .isEqualTo("2");
          assertThat(netsuiteCities(c)).containsExactly("Zermatt");
        });
    assertThat(
            fx.netsuite
                .requestLog()
                .count(r -> r.method().equals("PUT") && r.path().contains("/customer/eid:")))
        .as("the lost answer was retried")
        .isGreaterThanOrEqualTo(2);
    assertThat(fx.accountsOf(madeIds.getFirst()))
        .as("the account's NetSuite tab names the customer made for it")
        .singleElement()
        .satisfies(a -> assertThat(a.id()).isEqualTo(accountId));
    var settled = writes();
    settle(engine);
    assertThat(writes()).as("the customer's echo writes nothing back").isEqualTo(settled);
  }

  @Test
  void an_account_made_in_zoey_for_a_customer_is_linked_and_merged_field_by_field_by_master() {
    var id = fx.account().create("customer", customer("Acme"));
    var engine = fx.twoWayEngine();
    // Made by hand in Zoey before Syncline ran, naming its NetSuite customer.
    var body =
        (ObjectNode)
            JsonMapper.shared()
                .readTree(
                    """
                    {"name":"Acme Boutique ✨","customer_group_id":"1",
                     "locations":[{"name":"Lodge","addresses":[{"company":"Acme",
                       "street":["3 Bergweg"],"city":"Zermatt","postcode":"3920","country_id":"CH"}]}]}
                    """);
    body.put("netsuite_customer_id", Long.toString(id));
    var accountId = fx.zoeyClient().accounts().create(body);

    settle(engine);

    assertThat(
            fx.netsuite
                .requestLog()
                .count(r ->
                    r.method().equals("PUT")
                        && r.path().endsWith("/customer/eid:zoey-" + accountId)))
        .as("no customer made of the account")
        .isZero();
    assertThat(netsuiteCustomersNamed("Acme")).containsExactly(id);
    var account = zoeyAccount(id);
    assertThat(account.path("entity_id").asString())
        .as("one account, the one made in Zoey")
        .isEqualTo(accountId);
    var onNetSuite = fx.account().find("customer", id).orElseThrow();
    assertThat(onNetSuite.path("companyName").asString())
        .as("NetSuite masters the name, though Zoey's write may have come first")
        .isEqualTo("Acme");
    assertThat(account.path("name").asString()).isEqualTo("Acme");
    assertThat(netsuiteCities(onNetSuite))
        .as("Zoey masters the addresses")
        .containsExactly("Zermatt");
    assertThat(onNetSuite.path("phone").asString())
        .as("a field Zoey does not keep stays")
        .isEqualTo("+1 514 555 0100");
    assertThat(new PostgresConflicts(db.jdbi()).conflicts(ConflictFilter.open()))
        .extracting(c -> c.field())
        .as("the values each side lost at the first link are kept for a person")
        .contains("name", "addresses");

    var settled = writes();
    settle(engine);
    assertThat(writes()).as("no write ping-pong once both sides agree").isEqualTo(settled);
  }

  @Test
  void a_zoey_account_synced_by_its_id_shows_the_merge_field_by_field_before_it_writes() {
    var id = fx.account().create("customer", customer("Atelier Fusion"));
    // No scan of its own while the test holds both sides' edits: only the test scans.
    var engine =
        fx.engineOf(ZoeyFlowFixture.systems() + ZoeyFlowFixture.twoWayFlow().replace("10s", "1h"));
    settle(engine);
    var account = zoeyAccount(id);
    var accountId = account.path("entity_id").asString();
    fx.account()
        .update(
            "customer",
            id,
            JsonMapper.shared()
                .createObjectNode()
                .put("companyName", "Atelier Fusion (NS)")
                .put("creditLimit", 30000));
    fx.zoeyClient()
        .accounts()
        .update(
            accountId, JsonMapper.shared().createObjectNode().put("name", "Atelier Fusion Zoë"));
    var before = writes();

    var dry = engine.syncNow(FLOW, Side.B, accountId, true);

    assertThat(writes()).as("a dry run writes nothing").isEqualTo(before);
    assertThat(dry.outcome()).as(dry.message()).isEqualTo("would-write");
    assertThat(dry.message()).contains("would be updated on netsuite");
    assertThat(dry.merge())
        .filteredOn(f -> f.field().equals("name"))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.source()).contains("Atelier Fusion Zoë");
          assertThat(f.target()).contains("Atelier Fusion (NS)");
          assertThat(f.base()).contains("Atelier Fusion");
          assertThat(f.merged()).contains("Atelier Fusion (NS)");
          assertThat(f.winner()).isEqualTo("netsuite");
          assertThat(f.why()).isEqualTo("changed on both sides; netsuite is the flow's master");
        });
    assertThat(dry.merge())
        .filteredOn(f -> f.field().equals("creditLimit"))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.winner()).isEqualTo("netsuite");
          assertThat(f.why()).isEqualTo("changed on netsuite only");
        });
    assertThat(dry.merge())
        .filteredOn(f -> f.field().equals("phone"))
        .singleElement()
        .satisfies(f -> assertThat(f.why()).isEqualTo("zoey_store does not keep this field"));
    assertThat(dry.merge())
        .filteredOn(f -> f.field().equals("addresses"))
        .singleElement()
        .satisfies(f -> assertThat(f.why()).isEqualTo("the same on both sides"));

    var now = engine.syncNow(FLOW, Side.B, accountId, false);

    assertThat(now.outcome()).as(now.message()).isIn("written", "unchanged");
    assertThat(fx.account().find("customer", id).orElseThrow().path("companyName").asString())
        .as("the master's name stays, whichever side the sync read")
        .isEqualTo("Atelier Fusion (NS)");
    assertThat(new PostgresConflicts(db.jdbi()).conflicts(ConflictFilter.open()))
        .as("the name Zoey lost is kept for a person")
        .anySatisfy(c -> assertThat(c.dropped()).contains("Atelier Fusion Zoë"));
  }

  private static ObjectNode person(String first, String last, String email) {
    var c = customer("unused");
    c.remove("companyName");
    c.put("isPerson", true).put("firstName", first).put("lastName", last).put("email", email);
    return c;
  }

  @Test
  void an_individual_is_an_account_named_first_last_and_id_and_stays_a_person_both_ways() {
    var asa =
        fx.account().create("customer", person("Åsa", "Lindqvist 🌿", "asa@lindqvist.example"));
    var withCompany = person("Per", "Lindqvist", "per@lindqvist.example");
    withCompany.put("companyName", "Lindqvist Design AB");
    var per = fx.account().create("customer", withCompany);
    var engine = fx.twoWayEngine();
    settle(engine);

    assertThat(zoeyAccount(asa).path("name").asString())
        .as("zoey.md §3.3: an individual's account is First Last - NetSuite ID")
        .isEqualTo("Åsa Lindqvist 🌿 - " + asa);
    assertThat(zoeyAccount(per).path("name").asString())
        .as("an individual with a company name is named after it")
        .isEqualTo("Lindqvist Design AB");
    // Counted on these two only: the demo store's own accounts take part too.
    var accounts =
        List.of(
            zoeyAccount(asa).path("entity_id").asString(),
            zoeyAccount(per).path("entity_id").asString());
    var settled = writesOf(List.of(asa, per), accounts);
    settle(engine);
    assertThat(writesOf(List.of(asa, per), accounts))
        .as("the names are no change on the way back: nothing ping-pongs")
        .isEqualTo(settled);
    assertThat(new PostgresConflicts(db.jdbi()).conflicts(ConflictFilter.open()))
        .as("and no conflict")
        .noneMatch(c -> c.aId().equals(Long.toString(asa)) || c.aId().equals(Long.toString(per)));

    // An edit in Zoey reaches NetSuite, and the person stays a person with its own names.
    fx.zoeyClient()
        .accounts()
        .update(
            zoeyAccount(asa).path("entity_id").asString(),
            JsonMapper.shared().createObjectNode().put("credit_limit", "7000"));
    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(() -> {
          settle(engine);
          assertThat(fx.account().find("customer", asa).orElseThrow().path("creditLimit").asInt())
              .isEqualTo(7000);
        });
    var onNetSuite = fx.account().find("customer", asa).orElseThrow();
    assertThat(onNetSuite.path("isPerson").asBoolean()).isTrue();
    assertThat(onNetSuite.path("firstName").asString()).isEqualTo("Åsa");
    assertThat(onNetSuite.path("companyName").asString("")).as("no company name made up").isEmpty();
    assertThat(zoeyAccount(asa).path("name").asString()).isEqualTo("Åsa Lindqvist 🌿 - " + asa);
  }

  /** Writes to these NetSuite customers and these Zoey accounts (and their contacts). */
  private int writesOf(List<Long> customers, List<String> accounts) {
    var netsuite =
        fx.netsuite
            .requestLog()
            .count(r ->
                !r.method().equals("GET")
                    && r.status() < 300
                    && customers.stream()
                        .anyMatch(id -> r.path().endsWith("/record/v1/customer/" + id)));
    var zoey =
        fx.zoey
            .requestLog()
            .count(r ->
                !r.method().equals("GET")
                    && r.status() < 300
                    && accounts.stream()
                        .anyMatch(id -> r.path().matches(".*/companyAccounts/" + id + "(/.*)?")));
    return netsuite + zoey;
  }

  private List<Long> netsuiteCustomersNamed(String name) {
    var ids = new ArrayList<Long>();
    for (var id = 1L; id < 200; id++) {
      if (fx.account()
          .find("customer", id)
          .filter(c -> c.path("companyName").asString("").equals(name))
          .isPresent()) {
        ids.add(id);
      }
    }
    return ids;
  }

  private String newAccount(String name) {
    var body = JsonMapper.shared().createObjectNode();
    body.put("name", name).put("customer_group_id", "1");
    return fx.zoeyClient().accounts().create(body);
  }

  @Test
  void linking_by_name_both_ways_links_one_to_one_and_makes_nothing_of_a_shared_name() {
    var harbor = fx.account().create("customer", customer("Harbor Supply ⚓"));
    var twin = fx.account().create("customer", customer("Twin Oaks"));
    var engine =
        fx.engineOf(
            ZoeyFlowFixture.systems()
                + ZoeyFlowFixture.twoWayFlow()
                    .replace(
                        "    back:\n      mapping:\n",
                        "    forward:\n      mapping:\n        linkByName: \"true\"\n"
                            + "    back:\n      mapping:\n        linkByName: \"true\"\n"));
    var harborAccount = newAccount("Harbor Supply ⚓");
    var twins = List.of(newAccount("Twin Oaks"), newAccount("Twin Oaks"));

    settle(engine);

    assertThat(netsuiteCustomersNamed("Harbor Supply ⚓")).containsExactly(harbor);
    assertThat(fx.accountsOf(harbor))
        .as("the one account of that name, linked from either side")
        .singleElement()
        .satisfies(a -> assertThat(a.id()).isEqualTo(harborAccount));
    assertThat(netsuiteCustomersNamed("Twin Oaks"))
        .as("no customer made of either twin account")
        .containsExactly(twin);
    assertThat(fx.accountsOf(twin)).as("neither twin taken, and no third made").isEmpty();
    var failed =
        new dev.syncline.store.PostgresFailedQueue(db.jdbi())
            .failed(dev.syncline.core.port.FailedFilter.ofFlow(FLOW));
    assertThat(failed)
        .filteredOn(f -> f.message().contains("Twin Oaks"))
        .as("each of the three waits for a person's choice")
        .extracting(f -> f.sourceId())
        .containsExactlyInAnyOrder(Long.toString(twin), twins.get(0), twins.get(1));
    assertThat(failed)
        .filteredOn(f -> f.message().contains("Twin Oaks"))
        .allSatisfy(f -> assertThat(f.message()).contains("Needs a choice"));
  }
}
