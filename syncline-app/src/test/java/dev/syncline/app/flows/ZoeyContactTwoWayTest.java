package dev.syncline.app.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncline.core.engine.SyncEngine;
import dev.syncline.core.flow.Side;
import dev.syncline.core.port.ConflictFilter;
import dev.syncline.sandbox.common.Faults;
import dev.syncline.store.PostgresConflicts;
import dev.syncline.store.testing.TestDatabase;
import dev.syncline.zoey.client.ZoeyRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * NetSuite contacts and Zoey contacts both ways (issue 15: "NetSuite contacts <-> Zoey customers"),
 * beside the two-way customer flow that links their accounts, with the engine running against the
 * NetSuite and Zoey sandboxes over HTTP. A contact's customer is a NetSuite id on one side and a
 * Zoey account id on the other; the merge reads them through the customer links.
 */
class ZoeyContactTwoWayTest {

  static final String CUSTOMERS = "customers-with-zoey";
  static final String CONTACTS = "contacts-with-zoey";

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

  private SyncEngine engine() {
    return engine("");
  }

  /** Both flows, with more lines under the customer flow's master. */
  private SyncEngine engine(String customerLines) {
    return fx.engineOf(
        ZoeyFlowFixture.systems()
            + ZoeyFlowFixture.twoWayFlow()
                .replace("10s", "1h")
                .replace("    master: netsuite\n", "    master: netsuite\n" + customerLines)
            + """
              - name: contacts-with-zoey
                recordType: contact
                from: netsuite
                to: zoey_store
                direction: two-way
                every: 1h
                master: netsuite
                back:
                  # The store's demo people wait for demo accounts this fixture never links.
                  filter: "$not($contains(email, 'acmeboutique'))"
            """);
  }

  /** Both flows until nothing is left to do, three times, as a running engine settles. */
  private void settle(SyncEngine engine) {
    for (var i = 0; i < 3; i++) {
      fx.syncUntilIdle(engine, CUSTOMERS);
      fx.syncUntilIdle(engine, CONTACTS);
    }
  }

  private long customer(String name, String email) {
    return fx.customer(name, email, true);
  }

  private long customer(String name, String email, boolean onZoey) {
    return fx.customer(name, email, onZoey);
  }

  private long contact(String first, String last, String email, long company) {
    return fx.contact(first, last, email, company);
  }

  private String accountOf(long customer) {
    var accounts = fx.accountsOf(customer);
    assertThat(accounts).hasSize(1);
    return accounts.getFirst().id();
  }

  private ZoeyRecord zoeyContact(String email) {
    var found = fx.zoeyClient().contacts().where("email", email);
    assertThat(found).as("Zoey contacts with " + email).hasSize(1);
    return found.getFirst();
  }

  private JsonNode netsuiteContact(long id) {
    return fx.account().find("contact", id).orElseThrow();
  }

  /** NetSuite's contacts of this customer, by email. */
  private List<String> netsuiteEmailsOf(long customer) {
    return fx.account().findAll("contact").stream()
        .filter(c -> c.path("company").path("id").asString("").equals(Long.toString(customer)))
        .map(c -> c.path("email").asString(""))
        .toList();
  }

  /** Successful writes to these NetSuite contacts and Zoey contacts. */
  private int writesOf(List<Long> contacts, List<String> zoeyContacts) {
    var netsuite =
        fx.netsuite
            .requestLog()
            .count(r ->
                !r.method().equals("GET")
                    && r.status() < 300
                    && contacts.stream()
                        .anyMatch(id -> r.path().endsWith("/record/v1/contact/" + id)));
    var zoey =
        fx.zoey
            .requestLog()
            .count(r ->
                !r.method().equals("GET")
                    && r.status() < 300
                    && zoeyContacts.stream().anyMatch(id -> r.path().endsWith("/customers/" + id)));
    return netsuite + zoey;
  }

  @Test
  void a_person_added_in_zoey_becomes_a_netsuite_contact_and_edits_on_both_sides_merge() {
    var maison = customer("Maison Ondée", "accueil@ondee.example");
    var zoe = contact("Zoë", "Ångström", "zoe@ondee.example", maison);
    var engine = engine();
    settle(engine);
    var account = accountOf(maison);
    var zoeInZoey = zoeyContact("zoe@ondee.example").id();
    assertThat(netsuiteEmailsOf(maison))
        .as("the account's main contact is the customer's own email, no NetSuite contact")
        .containsExactly("zoe@ondee.example");

    // A buyer the brand invites in Zoey.
    var body = JsonMapper.shared().createObjectNode();
    body.put("email", "ines@ondee.example");
    body.put("firstname", "Inès");
    body.put("lastname", "Lefèvre 🌷");
    body.put("account_id", account);
    var ines = fx.zoeyClient().contacts().create(body);
    settle(engine);

    assertThat(netsuiteEmailsOf(maison))
        .as("made in NetSuite on the account's customer, once")
        .containsExactlyInAnyOrder("zoe@ondee.example", "ines@ondee.example");
    var inesInNetSuite =
        fx.account().findAll("contact").stream()
            .filter(c -> c.path("email").asString("").equals("ines@ondee.example"))
            .findFirst()
            .orElseThrow();
    assertThat(inesInNetSuite.path("firstName").asString()).isEqualTo("Inès");
    assertThat(inesInNetSuite.path("lastName").asString()).isEqualTo("Lefèvre 🌷");
    assertThat(inesInNetSuite.path("externalId").asString())
        .as("made by upsert on the Zoey contact's id: a repeat cannot make a second")
        .isEqualTo(ines);
    var inesId = inesInNetSuite.path("id").asLong();

    // Both sides edit Zoë in the same minute: Zoey her first name, NetSuite her phone and last
    // name; and both Inès's last name, which NetSuite masters.
    fx.zoeyClient()
        .contacts()
        .update(zoeInZoey, JsonMapper.shared().createObjectNode().put("firstname", "Zoé"));
    fx.account()
        .update(
            "contact",
            zoe,
            JsonMapper.shared()
                .createObjectNode()
                .put("lastName", "Ångström-Noël")
                .put("phone", "+33 1 23 45 67 89"));
    fx.zoeyClient()
        .contacts()
        .update(ines, JsonMapper.shared().createObjectNode().put("lastname", "Lefèvre-Zoey"));
    fx.account()
        .update(
            "contact",
            inesId,
            JsonMapper.shared().createObjectNode().put("lastName", "Lefèvre-NetSuite"));
    settle(engine);

    var zoeNow = zoeyContact("zoe@ondee.example").body();
    assertThat(zoeNow.path("firstname").asString()).isEqualTo("Zoé");
    assertThat(zoeNow.path("lastname").asString()).isEqualTo("Ångström-Noël");
    assertThat(netsuiteContact(zoe).path("firstName").asString()).isEqualTo("Zoé");
    assertThat(netsuiteContact(zoe).path("lastName").asString()).isEqualTo("Ångström-Noël");
    assertThat(netsuiteContact(zoe).path("phone").asString())
        .as("a field Zoey does not keep stays as NetSuite has it")
        .isEqualTo("+33 1 23 45 67 89");
    assertThat(netsuiteContact(zoe).path("company").path("id").asString())
        .as("the customer, compared through the links, is no change")
        .isEqualTo(Long.toString(maison));
    assertThat(zoeyContact("ines@ondee.example").body().path("lastname").asString())
        .as("changed on both sides: the master's value wins")
        .isEqualTo("Lefèvre-NetSuite");
    assertThat(netsuiteContact(inesId).path("lastName").asString()).isEqualTo("Lefèvre-NetSuite");
    assertThat(new PostgresConflicts(db.jdbi()).conflicts(ConflictFilter.open()))
        .as("the value that lost is kept where a person sees it")
        .filteredOn(c -> c.flow().equals(CONTACTS))
        .singleElement()
        .satisfies(c -> {
          assertThat(c.field()).isEqualTo("lastName");
          assertThat(c.kept()).contains("Lefèvre-NetSuite");
          assertThat(c.dropped()).contains("Lefèvre-Zoey");
        });

    var settled = writesOf(List.of((long) zoe, inesId), List.of(zoeInZoey, ines));
    settle(engine);
    assertThat(writesOf(List.of((long) zoe, inesId), List.of(zoeInZoey, ines)))
        .as("nothing ping-pongs")
        .isEqualTo(settled);
  }

  @Test
  void a_person_moved_to_another_account_in_zoey_moves_to_its_customer_in_netsuite() {
    var nord = customer("Atelier Nord", "nord@atelier.example");
    var sud = customer("Atelier Sud", "sud@atelier.example");
    var ines = contact("Inès", "Moreau", "ines@atelier.example", nord);
    var engine = engine();
    settle(engine);

    fx.zoeyClient()
        .contacts()
        .update(
            zoeyContact("ines@atelier.example").id(),
            JsonMapper.shared().createObjectNode().put("account_id", accountOf(sud)));
    settle(engine);

    assertThat(netsuiteContact(ines).path("company").path("id").asString())
        .as("Zoey's account, read through the customer links, is NetSuite's customer")
        .isEqualTo(Long.toString(sud));
    assertThat(zoeyContact("ines@atelier.example").body().path("account_id").asString())
        .isEqualTo(accountOf(sud));
  }

  @Test
  void a_move_to_an_account_not_linked_yet_waits_for_it_and_is_never_undone() {
    var nord = customer("Atelier Nord", "nord@atelier.example");
    var ines = contact("Inès", "Moreau", "ines@atelier.example", nord);
    var engine = engine();
    settle(engine);
    var inesInZoey = zoeyContact("ines@atelier.example").id();
    var neuf = JsonMapper.shared().createObjectNode();
    neuf.put("name", "Atelier Neuf ✨").put("customer_group_id", "1");
    var account = fx.zoeyClient().accounts().create(neuf);

    // Zoey moves Inès to an account no customer is linked to yet; NetSuite edits her phone.
    fx.zoeyClient()
        .contacts()
        .update(inesInZoey, JsonMapper.shared().createObjectNode().put("account_id", account));
    fx.account()
        .update("contact", ines, JsonMapper.shared().createObjectNode().put("phone", "+33 4 00"));
    engine.start();
    engine.scan(CONTACTS, "manual");

    await()
        .atMost(java.time.Duration.ofMinutes(1))
        .untilAsserted(() ->
            assertThat(
                    engine
                        .jobQueue()
                        .job(CONTACTS, Side.A, Long.toString(ines), fx.clock.instant())
                        .flatMap(j -> j.lastError()))
                .hasValueSatisfying(e ->
                    assertThat(e)
                        .contains("its company on zoey_store is record " + account)
                        .contains("which is not linked to a record of netsuite yet")));
    assertThat(zoeyContact("ines@atelier.example").body().path("account_id").asString())
        .as("NetSuite's side of the change does not move her back")
        .isEqualTo(account);

    // The customer flow makes the account's customer; the move follows it.
    settle(engine);
    var neufCustomer =
        fx.account().findAll("customer").stream()
            .filter(c -> c.path("companyName").asString("").equals("Atelier Neuf ✨"))
            .map(c -> c.path("id").asString())
            .toList();
    assertThat(neufCustomer).hasSize(1);
    assertThat(netsuiteContact(ines).path("company").path("id").asString())
        .isEqualTo(neufCustomer.getFirst());
    assertThat(netsuiteContact(ines).path("phone").asString()).isEqualTo("+33 4 00");
    assertThat(zoeyContact("ines@atelier.example").body().path("account_id").asString())
        .isEqualTo(account);
  }

  @Test
  void a_person_whose_email_netsuite_has_on_a_customer_off_the_store_needs_a_choice() {
    var maison = customer("Maison Claire", "claire@maison.example");
    var ailleurs = customer("Ailleurs SARL", "contact@ailleurs.example", false);
    var gone =
        JsonMapper.shared().createObjectNode().put("firstName", "Élise").put("lastName", "Roy");
    gone.put("email", "elise@ailleurs.example").put("isInactive", true);
    gone.putObject("company").put("id", Long.toString(ailleurs));
    var elise = fx.account().create("contact", gone);
    var engine = engine();
    settle(engine);

    var body = JsonMapper.shared().createObjectNode();
    body.put("email", "elise@ailleurs.example");
    body.put("firstname", "Élise");
    body.put("lastname", "Roy");
    body.put("account_id", accountOf(maison));
    var inZoey = fx.zoeyClient().contacts().create(body);
    settle(engine);

    assertThat(
            new dev.syncline.store.PostgresFailedQueue(db.jdbi())
                .failed(dev.syncline.core.port.FailedFilter.ofFlow(CONTACTS)))
        .filteredOn(f -> f.sourceId().equals(inZoey))
        .singleElement()
        .satisfies(f ->
            assertThat(f.message())
                .contains("Zoey contact " + inZoey + " (Élise Roy): Needs a choice")
                .contains(
                    "it matches record "
                        + elise
                        + " on netsuite, whose company is record "
                        + ailleurs)
                .contains("give one of the two another key (its email)"));
    assertThat(
            fx.account().findAll("contact").stream()
                .filter(c -> c.path("email").asString("").equals("elise@ailleurs.example")))
        .as("never guessed, never made twice")
        .hasSize(1);
  }

  @Test
  void netsuite_merging_a_customer_into_another_moves_its_people_and_disables_its_account() {
    var nord = customer("Atelier Nord", "nord@atelier.example");
    var sud = customer("Atelier Sud", "sud@atelier.example");
    var ines = contact("Inès", "Moreau", "ines@atelier.example", nord);
    var engine = engine("    onLeave: propagate\n");
    settle(engine);
    var nordAccount = accountOf(nord);
    var sudAccount = accountOf(sud);
    var customers = fx.account().findAll("customer").size();

    // NetSuite's merge of Nord into Sud: Nord's contacts point at Sud, and Nord is gone.
    var moved = JsonMapper.shared().createObjectNode();
    moved.putObject("company").put("id", Long.toString(sud));
    fx.account().update("contact", ines, moved);
    fx.account().delete("customer", nord);
    // A deletion shows in no list of changes: a backfill asks NetSuite which linked ones still
    // exist.
    engine.scan(CUSTOMERS, dev.syncline.core.port.DueScan.BACKFILL);
    settle(engine);

    assertThat(zoeyContact("ines@atelier.example").body().path("account_id").asString())
        .as("the person moved to the account of the customer that remains")
        .isEqualTo(sudAccount);
    var gone = fx.zoeyClient().accounts().get(nordAccount).body();
    assertThat(gone.path("status").asString())
        .as("the merged customer's account is disabled, never deleted")
        .isEqualTo("disabled");
    assertThat(fx.account().findAll("customer"))
        .as("and not made again in NetSuite from the way back")
        .hasSize(customers - 1);

    // An account disabled in Zoey makes its customer inactive in NetSuite, never deleted.
    fx.zoeyClient()
        .accounts()
        .update(sudAccount, JsonMapper.shared().createObjectNode().put("status", "disabled"));
    // Its people now wait with it, as left out: only the customers settle.
    fx.syncUntilIdle(engine, CUSTOMERS);
    fx.syncUntilIdle(engine, CUSTOMERS);
    assertThat(fx.account().find("customer", sud).orElseThrow().path("isInactive").asBoolean())
        .isTrue();
  }

  @Test
  void a_netsuite_contact_whose_create_answer_is_lost_is_made_once() {
    var maison = customer("Maison Écho", "echo@maison.example");
    var engine = engine();
    settle(engine);
    var body = JsonMapper.shared().createObjectNode();
    body.put("email", "lea@maison.example");
    body.put("firstname", "Léa");
    body.put("lastname", "Écho");
    body.put("account_id", accountOf(maison));
    fx.zoeyClient().contacts().create(body);
    // netsuite-api.md §3.4: the upsert is applied, and its answer lost.
    fx.netsuite
        .faults()
        .failNext("PUT", ".*/record/v1/contact/.*", 1, Faults.Fault.status(503, "").onceHandled());

    settle(engine);

    assertThat(netsuiteEmailsOf(maison))
        .as("one contact, however many attempts")
        .containsOnlyOnce("lea@maison.example");
  }
}
